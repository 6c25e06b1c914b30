import { z } from 'zod';
import { CASE_STATUSES } from '../../core/model/lifecycle.js';
import { CATEGORIES, DESIRED_OUTCOMES } from '../../core/triage/index.js';

/** Inbound shapes of the playground's JSON API; the browser is as untrusted as any platform. */
const id = z.string().trim().min(1).max(120);
const text = z.string().trim().min(1).max(8000);

export const CustomerMessageRequest = z.object({
  customerId: z.string().trim().regex(/^[\w-]{1,60}$/, 'letters, digits, - and _ only'),
  displayName: z.string().trim().min(1).max(80),
  text: z.string().max(8000).default(''),
  attachments: z.array(z.object({ name: z.string().trim().min(1).max(200), mimeType: z.string().max(100).default('application/octet-stream') })).max(10).default([]),
}).refine((m) => m.text.trim() !== '' || m.attachments.length > 0, { message: 'send some text or a file', path: ['text'] });

// `requestId`: the page's own id for a click, so a double submit does nothing. `override`: a supervisor's explicit override, with the reason.
const command = { requestId: z.string().trim().max(100).optional(), overrideReason: z.string().trim().min(1).max(500).optional() };
const staffBase = { actor: id, caseId: id, ...command };
export const StaffActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('claim'), ...staffBase }),
  z.object({ action: z.literal('reassign'), ...staffBase, newOwnerId: id }),
  z.object({ action: z.literal('ask'), ...staffBase, text }),
  z.object({ action: z.literal('update'), ...staffBase, text }),
  z.object({ action: z.literal('reply'), ...staffBase, text }),
  z.object({ action: z.literal('note'), ...staffBase, text }),
  z.object({
    action: z.literal('propose'),
    ...staffBase,
    type: z.enum(DESIRED_OUTCOMES),
    // As typed: the core parses money strictly ("5万" is 50,000; "1e5" is refused).
    amount: z.union([z.string().max(40), z.number()]).nullish(),
    text,
  }),
  z.object({ action: z.literal('approve'), actor: id, solutionId: id, ...command }),
  z.object({ action: z.literal('resolve'), ...staffBase, text, letter: z.enum(['apology', 'explanation']).optional() }),
  z.object({ action: z.literal('escalate'), ...staffBase, text: z.string().trim().max(8000).optional() }),
  z.object({ action: z.literal('close'), ...staffBase }),
  z.object({ action: z.literal('reopen'), ...staffBase, text }),
  z.object({ action: z.literal('recategorize'), ...staffBase, category: z.enum(CATEGORIES), department: z.string().trim().max(60).optional() }),
  z.object({ action: z.literal('mark_urgent'), ...staffBase, urgent: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]) }),
  z.object({ action: z.literal('link'), ...staffBase, other: id, mode: z.enum(['link', 'merge']).default('link') }),
]);
export type StaffActionRequest = z.infer<typeof StaffActionRequest>;

// `messageSeq`: the transcript line whose buttons were clicked, to show it answered (like Slack's message_ts, Teams' replyToId).
const customerBase = { customerId: id, messageSeq: z.number().int().positive().optional() };
export const CustomerActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), ...customerBase, solutionId: id }),
  z.object({ action: z.literal('reject'), ...customerBase, solutionId: id, reason: text }),
  z.object({ action: z.literal('survey'), ...customerBase, caseId: id, score: z.coerce.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() }),
  // "Which case is this about?": a case id, or "new" for a new problem.
  z.object({ action: z.literal('choose_case'), ...customerBase, unfiledId: id, caseId: id }),
]);
export type CustomerActionRequest = z.infer<typeof CustomerActionRequest>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const CaseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  department: z.string().max(60).optional(),
  urgent: flag.optional(),
  overdue: flag.optional(),
  // `viewer`: the staff member the page acts as (their local user id); `owner=mine` is their cases.
  viewer: id.optional(),
  owner: z.enum(['mine', 'unassigned']).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['newest', 'next_due']).optional(),
}).refine((q) => q.owner !== 'mine' || q.viewer !== undefined, { message: 'owner=mine needs a viewer', path: ['viewer'] });

export const ViewerQuery = z.object({ viewer: id });

export const ClockRequest = z.object({ advanceMinutes: z.coerce.number().int().min(1).max(60 * 24 * 30) });
