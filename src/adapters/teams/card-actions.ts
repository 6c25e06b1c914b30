import { z } from 'zod';
import type { Desk } from '../../core/desk.js';
import { DeskError } from '../../core/errors.js';
import { SOLUTION_TYPES, type Actor, type SolutionType } from '../../core/ports.js';

const Id = z.string().uuid();

/** What a card button sends back (Action.Execute data or Action.Submit value), validated. */
export const CardActionData = z.object({
  verb: z.enum(['claim', 'ask', 'update', 'propose', 'resolve', 'escalate', 'reassign', 'reply', 'approve', 'accept', 'reject', 'survey', 'refresh']),
  caseId: Id.optional(),
  solutionId: Id.optional(),
  text: z.string().max(8000).optional(),
  type: z.string().optional(),
  amount: z.union([z.string(), z.number()]).optional(),
  effectiveBy: z.string().max(500).optional(),
  owner: z.string().max(100).optional(),
  reason: z.string().max(4000).optional(),
  comment: z.string().max(4000).optional(),
  score: z.coerce.number().int().min(1).max(5).optional(),
});
export type CardActionData = z.infer<typeof CardActionData>;

const need = <T>(v: T | undefined, what: string): T => {
  if (v === undefined || v === '') throw new DeskError('invalid_input', `${what} is missing`);
  return v;
};

/** Runs one card action through the desk; returns the case it touched, for refreshing its card. */
export async function runCardAction(desk: Desk, actor: Actor, d: CardActionData): Promise<string | null> {
  switch (d.verb) {
    case 'refresh':
      return d.caseId ?? null;
    case 'claim':
      return (await desk.claimCase(actor, need(d.caseId, 'case'))).id;
    case 'escalate':
      return (await desk.escalateCase(actor, need(d.caseId, 'case'), 'escalated from the case card')).id;
    case 'ask':
      return (await desk.askCustomer(actor, need(d.caseId, 'case'), need(d.text, 'The question'))).id;
    case 'update':
      return (await desk.postUpdate(actor, need(d.caseId, 'case'), need(d.text, 'The update'))).id;
    case 'reply':
      return (await desk.replyToCustomer(actor, need(d.caseId, 'case'), need(d.text, 'The reply'))).id;
    case 'resolve':
      return (await desk.resolveCase(actor, need(d.caseId, 'case'), need(d.text, 'The result'))).id;
    case 'reassign':
      return (await desk.reassignCase(actor, need(d.caseId, 'case'), need(d.owner, 'The new owner'))).id;
    case 'propose': {
      if (!SOLUTION_TYPES.includes(d.type as SolutionType)) throw new DeskError('invalid_input', 'Choose a solution type');
      const amountText = String(d.amount ?? '').replace(/[^\d.]/g, '');
      const amount = amountText ? Number(amountText) : null;
      const r = await desk.proposeSolution(actor, need(d.caseId, 'case'), { type: d.type as SolutionType, amount, effectiveBy: d.effectiveBy || null, text: need(d.text, 'The message') });
      return r.caseRecord.id;
    }
    case 'approve':
      return (await desk.approveSolution(actor, need(d.solutionId, 'solution'))).id;
    case 'accept':
      return (await desk.respondToSolution(actor, need(d.solutionId, 'solution'), { accept: true })).id;
    case 'reject':
      if (!d.reason?.trim()) throw new DeskError('invalid_input', 'Please tell us why the proposal does not work for you / 请说明不接受的原因');
      return (await desk.respondToSolution(actor, need(d.solutionId, 'solution'), { accept: false, reason: d.reason })).id;
    case 'survey':
      return (await desk.submitSurvey(actor, need(d.caseId, 'case'), need(d.score, 'The score'), d.comment || null)).id;
  }
}
