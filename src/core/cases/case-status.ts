import { DeskError } from '../errors.js';
import type { CaseStatus, CaseTransition } from '../model/lifecycle.js';

const TRANSITIONS: Record<CaseTransition, Partial<Record<CaseStatus, CaseStatus>>> = {
  request_evidence: { received: 'awaiting_evidence' },
  route: { received: 'routed', awaiting_evidence: 'routed' },
  claim: { routed: 'claimed' },
  // A supervisor may hand a case to someone else at any point while it is being worked.
  reassign: {
    routed: 'claimed',
    claimed: 'claimed',
    solution_proposed: 'solution_proposed',
    agreed: 'agreed',
    in_progress: 'in_progress',
  },
  propose_solution: { claimed: 'solution_proposed', in_progress: 'solution_proposed' },
  accept_solution: { solution_proposed: 'agreed' },
  // A rejected proposal goes back to the owner, who proposes again until agreement.
  reject_solution: { solution_proposed: 'claimed' },
  start_work: { agreed: 'in_progress' },
  resolve: { agreed: 'resolved', in_progress: 'resolved' },
  close: { resolved: 'closed' },
  reopen: { resolved: 'claimed', closed: 'claimed' },
  unassign: { claimed: 'routed' },
  merge: {
    received: 'closed',
    awaiting_evidence: 'closed',
    routed: 'closed',
    claimed: 'closed',
    solution_proposed: 'closed',
    agreed: 'closed',
    in_progress: 'closed',
  },
};

export class IllegalTransitionError extends DeskError {
  constructor(
    readonly from: CaseStatus,
    readonly transition: CaseTransition,
    caseNumber?: string,
  ) {
    super('illegal_transition', { reason: 'illegal_transition', number: caseNumber ?? null, status: from, transition });
  }
}

export function canTransition(from: CaseStatus, transition: CaseTransition): boolean {
  return TRANSITIONS[transition][from] !== undefined;
}

/** The only place a case status changes. Throws IllegalTransitionError instead of writing. */
export function nextStatus(from: CaseStatus, transition: CaseTransition, caseNumber?: string): CaseStatus {
  const to = TRANSITIONS[transition][from];
  if (!to) throw new IllegalTransitionError(from, transition, caseNumber);
  return to;
}
