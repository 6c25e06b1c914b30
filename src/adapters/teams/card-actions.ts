import { z } from 'zod';
import type { CustomerClick } from '../../core/cases/customer-clicks.js';
import type { Desk } from '../../core/desk.js';
import type { Actor, StaffCommand } from '../../core/ports.js';
import { OFFER_MAX } from './cards/solution-decision-card.js';
import { STAFF_TEXT_PLACEHOLDERS, staffText, type StaffLabelKey } from '../../core/staff-text/staff-text-catalog.js';
import { CATEGORIES, DESIRED_OUTCOMES, type Language } from '../../core/triage/index.js';

const Id = z.string().uuid();
// A schema's message is a staff text key: the words are chosen when the clicker's language is known.
type Missing = StaffLabelKey;
// Card inputs arrive as strings; an empty box is "not given".
const Text = (missing: Missing) => z.string({ error: missing }).trim().min(1, missing).max(8000);
const Optional = z
  .string()
  .max(2000)
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : null));
// What the solution card said (solution-decision-card.ts): shown again on the answered card, never acted on.
const Offer = z
  .string()
  .max(OFFER_MAX)
  .optional()
  .transform((v) => (v?.trim() ? v : null));
// The amount goes to the core as typed: it parses money strictly, the same for every platform.
const Amount = z
  .union([z.string().max(40), z.number()])
  .optional()
  .transform((v) => (v === undefined || String(v).trim() === '' ? null : String(v).trim()));

/**
 * What a card button sends back (Action.Execute `data` or Action.Submit `value`): the
 * button's own data merged with the inputs of its form. One shape per verb.
 */
export const CardActionData = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('claim'), caseId: Id }),
  z.object({ verb: z.literal('escalate'), caseId: Id }),
  z.object({ verb: z.literal('ask'), caseId: Id, askText: Text('form_required_question') }),
  z.object({ verb: z.literal('update'), caseId: Id, updateText: Text('form_required_update') }),
  z.object({ verb: z.literal('resolve'), caseId: Id, resolveText: Text('form_required_result') }),
  z.object({ verb: z.literal('reply'), caseId: Id, replyText: Text('form_required_message') }),
  z.object({ verb: z.literal('reassign'), caseId: Id, reassignOwner: z.string({ error: 'form_required_owner' satisfies Missing }).min(1, 'form_required_owner' satisfies Missing).max(100) }),
  z.object({
    verb: z.literal('propose'),
    caseId: Id,
    proposeType: z.enum(DESIRED_OUTCOMES, { error: 'form_required_solution_type' satisfies Missing }),
    proposeAmount: Amount,
    proposeEffectiveBy: Optional,
    proposeText: Text('form_required_offer'),
  }),
  z.object({ verb: z.literal('approve'), solutionId: Id }),
  z.object({ verb: z.literal('accept'), solutionId: Id, offer: Offer }),
  // No reason yet: the customer is asked for it in their own language (teams-bot.ts), not here.
  z.object({ verb: z.literal('reject'), solutionId: Id, reason: Optional, offer: Offer }),
  z.object({ verb: z.literal('survey'), caseId: Id, score: z.coerce.number().int().min(1).max(5), comment: Optional }),
  z.object({ verb: z.literal('choose_case'), unfiledId: Id, caseId: z.union([Id, z.literal('new')]) }),
  z.object({
    verb: z.literal('recategorize'),
    caseId: Id,
    category: z.enum(CATEGORIES, { error: 'form_required_category' satisfies Missing }),
    department: Optional,
  }),
  // Card data is JSON, but an Action.Submit fallback may stringify it.
  z.object({ verb: z.literal('mark_urgent'), caseId: Id, urgent: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]) }),
  z.object({ verb: z.literal('link'), caseId: Id, linkOther: Text('form_required_other'), linkMode: z.enum(['link', 'merge']).default('link') }),
]);
export type CardActionData = z.infer<typeof CardActionData>;

const isLabelKey = (m: string): m is StaffLabelKey => Object.hasOwn(STAFF_TEXT_PLACEHOLDERS, m) && STAFF_TEXT_PLACEHOLDERS[m as StaffLabelKey].length === 0;

/** The message for a card submission we cannot use: the first problem, in words the clicker can act on, in their language. */
export function describeInvalidAction(error: z.ZodError, language: Language): string {
  const issue = error.issues[0];
  if (!issue || issue.path[0] === 'verb' || !isLabelKey(issue.message)) return staffText('card_unknown_button', language);
  return staffText(issue.message, language);
}

/** The verbs only a customer's card carries: answered through the desk's one customer-click path. */
export type CustomerCardData = Extract<CardActionData, { verb: 'accept' | 'reject' | 'survey' | 'choose_case' }>;
export type StaffCardData = Exclude<CardActionData, CustomerCardData>;

export function isCustomerCard(d: CardActionData): d is CustomerCardData {
  return d.verb === 'accept' || d.verb === 'reject' || d.verb === 'survey' || d.verb === 'choose_case';
}

/** A customer card's data as the core's click; a rejection without its reason stays without one. */
export function customerClickOf(d: CustomerCardData): CustomerClick {
  switch (d.verb) {
    case 'accept':
      return { kind: 'accept', solutionId: d.solutionId };
    case 'reject':
      return { kind: 'reject', solutionId: d.solutionId, reason: d.reason ?? '' };
    case 'survey':
      return { kind: 'survey', caseId: d.caseId, score: d.score, comment: d.comment };
    case 'choose_case':
      return { kind: 'choose_case', unfiledId: d.unfiledId, caseId: d.caseId === 'new' ? null : d.caseId };
  }
}

/**
 * Runs one staff card action as one desk use case; returns the case it touched, to refresh its card.
 * `cmd.requestId` is the activity's id, so a redelivered click does nothing.
 */
export async function runCardAction(desk: Desk, actor: Actor, d: StaffCardData, cmd: StaffCommand = {}): Promise<string> {
  switch (d.verb) {
    case 'claim':
      return (await desk.claimCase(actor, d.caseId, cmd)).id;
    case 'escalate':
      return (await desk.escalateCase(actor, d.caseId, undefined, cmd)).id;
    case 'ask':
      return (await desk.askCustomer(actor, d.caseId, d.askText, cmd)).id;
    case 'update':
      return (await desk.postUpdate(actor, d.caseId, d.updateText, cmd)).id;
    case 'resolve':
      return (await desk.resolveCase(actor, d.caseId, d.resolveText, {}, cmd)).id;
    case 'reply':
      return (await desk.replyToCustomer(actor, d.caseId, d.replyText, cmd)).id;
    case 'reassign':
      return (await desk.reassignCase(actor, d.caseId, d.reassignOwner, cmd)).id;
    case 'propose': {
      const proposal = { type: d.proposeType, amount: d.proposeAmount, effectiveBy: d.proposeEffectiveBy, text: d.proposeText };
      return (await desk.proposeSolution(actor, d.caseId, proposal, cmd)).caseRecord.id;
    }
    case 'approve':
      return (await desk.approveSolution(actor, d.solutionId, cmd)).id;
    case 'recategorize':
      return (await desk.changeCategory(actor, d.caseId, { category: d.category, departmentKey: d.department }, cmd)).id;
    case 'mark_urgent':
      return (await desk.markUrgent(actor, d.caseId, d.urgent, cmd)).id;
    case 'link':
      return (await desk.linkCase(actor, d.caseId, d.linkOther, d.linkMode, cmd)).id;
  }
}
