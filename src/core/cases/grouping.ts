import type { CaseRecord, ConversationCase } from '../ports.js';
import type { Triage } from '../triage/index.js';
import { isOpen } from '../model/lifecycle.js';

/** Why a case is waiting on its customer: their next message is most likely for it. */
export type WaitingReason = 'staff_question' | 'evidence' | 'solution' | 'survey';

export type GroupingDecision =
  | { kind: 'join'; caseRecord: CaseRecord; via: 'thread' | 'case_number' | 'order_number' | 'waiting' | 'window'; waiting?: WaitingReason }
  | { kind: 'new'; separateFrom: CaseRecord | null }
  /** Two or more open cases could take the message and its text does not say which: ask the customer. */
  | { kind: 'choose'; options: CaseRecord[] }
  | { kind: 'not_a_complaint' };

export interface GroupingInput {
  /** The customer's own case in the thread the message was written in (a thread of its own, not a whole chat). */
  threadCase: CaseRecord | null;
  /** A case of this customer named by number in the text (CMP-…), already followed to the case it was merged into. */
  namedCase: CaseRecord | null;
  /** The customer's cases in this conversation: open, or resolved with the survey still open. */
  conversationCases: ConversationCase[];
  /**
   * In a private chat: the customer's cases in their other conversations (a question asked privately
   * about a case in a shared channel is answered here). Only a case waiting on the customer takes the message.
   */
  elsewhereCases?: ConversationCase[];
  triage: Triage;
  now: Date;
  /** Minutes since the last message in either direction (customer or staff) within which a message continues a case. */
  windowMinutes: number;
  /** The message carries files: sent while a case asks for evidence, they are the answer, whatever the words beside them. */
  carriesFiles?: boolean;
}

/** Whether the case waits on the customer, why and since when; null when it does not. */
export function waitingOn(c: CaseRecord): { reason: WaitingReason; since: Date } | null {
  const waits: { reason: WaitingReason; since: Date }[] = [];
  if (isOpen(c.status)) {
    if (c.pendingQuestion && c.questionAskedAt) waits.push({ reason: 'staff_question', since: c.questionAskedAt });
    if (c.evidenceAskedKey && c.evidenceAskedAt) waits.push({ reason: 'evidence', since: c.evidenceAskedAt });
    if (c.status === 'solution_proposed' && c.solutionProposedAt) waits.push({ reason: 'solution', since: c.solutionProposedAt });
  } else if (c.status === 'resolved' && c.surveySentAt && c.satisfactionScore === null) waits.push({ reason: 'survey', since: c.surveySentAt });
  return waits.sort((a, b) => b.since.getTime() - a.since.getTime())[0] ?? null;
}

/**
 * Below this, a category is the model's guess, not enough to call a follow-up a new problem. The model is
 * trained on whole complaints; on a short answer ("here it is, call me on …") it still spreads its
 * probability over the categories and can give one 0.8, so only a near-certain guess counts.
 */
const SURE_CATEGORY = 0.9;

/** A complaint about another kind of problem than the case is about (a vague follow-up is not one). */
function differentComplaint(c: CaseRecord, triage: Triage): boolean {
  return triage.isComplaint && triage.category !== null && c.category !== null && triage.category !== c.category && (triage.categoryConfidence ?? 1) >= SURE_CATEGORY;
}

/**
 * Which case a customer's message continues (issue 16.1), in this order:
 * 1. a case number in the text (the customer's own case);
 * 2. the case whose own thread the message is in;
 * 3. an order number in the text that only one open case of the conversation has;
 * 4. the case waiting on the customer (a staff question, evidence, a solution offered, a survey), most recent first,
 *    however long ago it asked — but a complaint about another kind of problem answers none of them;
 * 5. the open cases active within the window (last message either way): one that fits joins, none that fits opens a
 *    separate case, several that fit make the desk ask the customer which one.
 */
export function decideGrouping(input: GroupingInput): GroupingDecision {
  const here = decideInConversation(input);
  if (here.kind !== 'new' && here.kind !== 'not_a_complaint') return here;
  const elsewhere = (input.elsewhereCases ?? [])
    .map((x) => ({ c: x.caseRecord, wait: waitingOn(x.caseRecord) }))
    .filter((x) => x.wait !== null && x.wait.reason !== 'survey' && !differentComplaint(x.c, input.triage) && !(here.kind === 'new' && here.separateFrom === null && input.triage.isComplaint))
    .sort((a, b) => b.wait!.since.getTime() - a.wait!.since.getTime())[0];
  return elsewhere ? { kind: 'join', caseRecord: elsewhere.c, via: 'waiting', waiting: elsewhere.wait!.reason } : here;
}

function decideInConversation({ threadCase, namedCase, conversationCases, triage, now, windowMinutes, carriesFiles = false }: GroupingInput): GroupingDecision {
  if (namedCase && (isOpen(namedCase.status) || waitingOn(namedCase))) return { kind: 'join', caseRecord: namedCase, via: 'case_number' };
  if (threadCase && isOpen(threadCase.status)) return { kind: 'join', caseRecord: threadCase, via: 'thread' };

  const open = conversationCases.filter((x) => isOpen(x.caseRecord.status));
  if (triage.orderNumber) {
    const sameOrder = open.filter((x) => x.caseRecord.orderNumber === triage.orderNumber);
    if (sameOrder.length === 1) return { kind: 'join', caseRecord: sameOrder[0]!.caseRecord, via: 'order_number' };
  }

  const waiting = conversationCases
    .map((x) => ({ c: x.caseRecord, wait: waitingOn(x.caseRecord) }))
    .filter((x): x is { c: CaseRecord; wait: { reason: WaitingReason; since: Date } } => x.wait !== null)
    // A survey is answered with its buttons or a word, not a complaint; any other wait is not answered by a complaint of another kind.
    .filter(({ c, wait }) => (wait.reason === 'survey' ? !triage.isComplaint : (wait.reason === 'evidence' && carriesFiles) || !differentComplaint(c, triage)))
    .sort((a, b) => b.wait.since.getTime() - a.wait.since.getTime());
  const first = waiting[0];
  if (first) return { kind: 'join', caseRecord: first.c, via: 'waiting', waiting: first.wait.reason };

  const windowMs = windowMinutes * 60_000;
  const active = open.filter((x) => now.getTime() - x.lastMessageAt.getTime() <= windowMs).sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime());
  if (active.length) {
    const fitting = active.filter((x) => !differentComplaint(x.caseRecord, triage));
    if (fitting.length === 0) return { kind: 'new', separateFrom: active[0]!.caseRecord };
    if (fitting.length === 1) return { kind: 'join', caseRecord: fitting[0]!.caseRecord, via: 'window' };
    // A complaint naming its category may still pick out one case of that category.
    const sameCategory = triage.category ? fitting.filter((x) => x.caseRecord.category === triage.category) : [];
    if (sameCategory.length === 1) return { kind: 'join', caseRecord: sameCategory[0]!.caseRecord, via: 'window' };
    return { kind: 'choose', options: fitting.map((x) => x.caseRecord) };
  }
  if (threadCase && !triage.isComplaint) return { kind: 'join', caseRecord: threadCase, via: 'thread' };
  return triage.isComplaint ? { kind: 'new', separateFrom: null } : { kind: 'not_a_complaint' };
}
