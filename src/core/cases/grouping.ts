import type { CaseRecord } from '../ports.js';
import type { Triage } from '../triage/index.js';
import { isOpen } from './case-status.js';

export type GroupingDecision =
  | { kind: 'join'; caseRecord: CaseRecord; via: 'thread' | 'window' }
  | { kind: 'new'; separateFrom: CaseRecord | null }
  | { kind: 'not_a_complaint' };

export interface GroupingInput {
  threadCase: CaseRecord | null;
  latestOpenCase: CaseRecord | null;
  triage: Triage;
  now: Date;
  windowMinutes: number;
}

/**
 * Whether a customer's message continues a case or starts one. A message in a case's thread
 * belongs to it while it is open; otherwise a follow-up within the window joins the customer's
 * open case unless it is clearly a different complaint (another category).
 */
export function decideGrouping({ threadCase, latestOpenCase, triage, now, windowMinutes }: GroupingInput): GroupingDecision {
  if (threadCase && isOpen(threadCase.status)) return { kind: 'join', caseRecord: threadCase, via: 'thread' };
  const recent = latestOpenCase && now.getTime() - latestOpenCase.lastCustomerMessageAt.getTime() <= windowMinutes * 60_000 ? latestOpenCase : null;
  if (recent) {
    const differentComplaint =
      triage.isComplaint && triage.category !== null && recent.category !== null && triage.category !== recent.category;
    if (!differentComplaint) return { kind: 'join', caseRecord: recent, via: 'window' };
    return { kind: 'new', separateFrom: recent };
  }
  if (threadCase && !triage.isComplaint) return { kind: 'join', caseRecord: threadCase, via: 'thread' };
  return triage.isComplaint ? { kind: 'new', separateFrom: null } : { kind: 'not_a_complaint' };
}
