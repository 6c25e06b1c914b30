import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { DeskError, DuplicateRequestError, deskErrors } from '../../../core/errors.js';
import type { SolutionType, StaffCommand } from '../../../core/ports.js';
import { staffText } from '../../../core/staff-text/staff-text-catalog.js';
import { VIEWS } from '../slack-ids.js';
import { answerCustomerClick, slackActor, type SlackContext } from '../slack-context.js';

type Values = ViewSubmitAction['view']['state']['values'];
const Id = z.string().uuid();

function field(values: Values, block: string): string {
  const v = values[block]?.value as { value?: string | null; selected_option?: { value: string } | null } | undefined;
  return (v?.selected_option?.value ?? v?.value ?? '').trim();
}

/** What every modal submit carries; Bolt's types assume it, a forged payload may not. */
const SubmittedView = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({ id: z.string().max(100).optional(), state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }) }),
});

/** A modal submit: validate, run the use case, and show a refusal inside the modal instead of closing it. */
function onSubmit(app: App, ctx: SlackContext, callbackId: string, work: (user: string, id: string, values: Values, cmd: StaffCommand) => Promise<unknown>): void {
  app.view<ViewSubmitAction>(callbackId, async ({ ack, body, view }) => {
    // Not a form this app built (no state, no user): close it, record nothing.
    const submitted = SubmittedView.safeParse(body);
    if (!submitted.success) {
      ctx.logger.warn({ callbackId }, 'slack view submission ignored: unexpected shape');
      await ack();
      return;
    }
    const id = Id.safeParse(view.private_metadata);
    const firstBlock = Object.keys(view.state.values)[0] ?? 'text';
    if (!id.success) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: staffText('form_expired', ctx.app.languageOf(slackActor(body.user.id))) } });
      return;
    }
    // One modal is submitted once: its view id makes a redelivered submission a no-op.
    const cmd: StaffCommand = { requestId: submitted.data.view.id ? `view:${submitted.data.view.id}` : null };
    try {
      await work(body.user.id, id.data, view.state.values, cmd);
      await ack();
    } catch (err) {
      if (err instanceof DuplicateRequestError) return void (await ack());
      if (!(err instanceof DeskError)) throw err;
      const text = ctx.app.describeRefusal(err, slackActor(body.user.id));
      // A refusal about the amount is shown under the amount field.
      const target = err.refusal.reason === 'amount_unreadable' || err.refusal.reason === 'amount_required' ? 'amount' : firstBlock;
      await ack({ response_action: 'errors', errors: { [view.state.values[target] ? target : firstBlock]: text.slice(0, 150) } });
    }
  });
}

/** The reject form's metadata (rejectReasonModal): the solution, and the message whose buttons were clicked. */
const RejectMetadata = z.object({ solutionId: Id, channel: z.string().min(1).max(100).optional(), ts: z.string().min(1).max(100).optional() });

/** The customer's reason for rejecting: the form closes, and the clicked message shows the answer (or the refusal, in their language). */
function onRejectReason(app: App, ctx: SlackContext): void {
  app.view<ViewSubmitAction>(VIEWS.reject, async ({ ack, body, view, client }) => {
    const submitted = SubmittedView.safeParse(body);
    let metadata: unknown = null;
    try {
      metadata = JSON.parse(view.private_metadata);
    } catch {}
    const meta = RejectMetadata.safeParse(metadata);
    const reason = submitted.success ? field(view.state.values, 'text') : '';
    if (!meta.success) return void (await ack());
    if (!reason) {
      // Slack already requires the box; only whitespace gets here. Said in the customer's words.
      const click = { kind: 'reject', solutionId: meta.data.solutionId, reason } as const;
      const text = await ctx.app.describeCustomerRefusal(deskErrors.invalidInput({ reason: 'empty_text', field: 'reason' }), slackActor(body.user.id), click);
      await ack({ response_action: 'errors', errors: { text: text.slice(0, 150) } });
      return;
    }
    await ack();
    const { solutionId, channel, ts } = meta.data;
    await answerCustomerClick(ctx, client, { user: body.user.id, channel }, { kind: 'reject', solutionId, reason }, channel && ts ? { channel, ts, sections: [] } : null);
  });
}

export function registerViewListeners(app: App, ctx: SlackContext): void {
  const { desk } = ctx.app;
  onSubmit(app, ctx, VIEWS.ask, (u, id, v, cmd) => desk.askCustomer(slackActor(u), id, field(v, 'text'), cmd));
  onSubmit(app, ctx, VIEWS.update, (u, id, v, cmd) => desk.postUpdate(slackActor(u), id, field(v, 'text'), cmd));
  onSubmit(app, ctx, VIEWS.reply, (u, id, v, cmd) => desk.replyToCustomer(slackActor(u), id, field(v, 'text'), cmd));
  onSubmit(app, ctx, VIEWS.resolve, (u, id, v, cmd) => desk.resolveCase(slackActor(u), id, field(v, 'text'), {}, cmd));
  onSubmit(app, ctx, VIEWS.reassign, (u, id, v, cmd) => desk.reassignCase(slackActor(u), id, field(v, 'owner'), cmd));
  onSubmit(app, ctx, VIEWS.recategorize, (u, id, v, cmd) => desk.changeCategory(slackActor(u), id, { category: field(v, 'category'), departmentKey: field(v, 'department') || null }, cmd));
  onSubmit(app, ctx, VIEWS.link, (u, id, v, cmd) => desk.linkCase(slackActor(u), id, field(v, 'other'), field(v, 'mode') === 'merge' ? 'merge' : 'link', cmd));
  onRejectReason(app, ctx);
  // The amount goes to the core as typed: it parses it strictly ("5万" is 50,000; "1e5" is refused).
  onSubmit(app, ctx, VIEWS.propose, (u, id, v, cmd) =>
    desk.proposeSolution(slackActor(u), id, { type: field(v, 'type') as SolutionType, amount: field(v, 'amount') || null, effectiveBy: field(v, 'effective') || null, text: field(v, 'text') }, cmd),
  );
}
