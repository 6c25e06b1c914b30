// The names of the case lifecycle, which every folder of the core shares: ports store a status,
// staff text puts it in words, reports count it. Only names live here, so this folder imports
// nothing; the moves between statuses are the one transition table in cases/case-status.ts.
export const CASE_STATUSES = [
  'received',
  'awaiting_evidence',
  'routed',
  'claimed',
  'solution_proposed',
  'agreed',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The lifecycle moves of docs/DOMAIN.md §2. Escalation is a level on the case, not a status. */
export type CaseTransition =
  | 'request_evidence'
  | 'route'
  | 'claim'
  | 'reassign'
  | 'propose_solution'
  | 'accept_solution'
  | 'reject_solution'
  | 'start_work'
  | 'resolve'
  | 'close'
  | 'reopen'
  /** The owner does not work in the department the case moved to: it waits there to be claimed again. */
  | 'unassign'
  /** A duplicate merged into another case: closed, its history kept. */
  | 'merge';

export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'resolved' && s !== 'closed');

export function isOpen(status: CaseStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
