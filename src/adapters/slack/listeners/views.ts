import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { DeskError } from '../../../core/errors.js';
import { SOLUTION_TYPES, type SolutionType } from '../../../core/ports.js';
import { VIEWS } from '../slack-ids.js';
import { slackActor, type SlackContext } from '../slack-context.js';

type Values = ViewSubmitAction['view']['state']['values'];
const Id = z.string().uuid();

function field(values: Values, block: string): string {
  const v = values[block]?.value as { value?: string | null; selected_option?: { value: string } | null } | undefined;
  return (v?.selected_option?.value ?? v?.value ?? '').trim();
}

/** What every modal submit carries; Bolt's types assume it, a forged payload may not. */
const SubmittedView = z.object({
  user: z.object({ id: z.string().min(1) }),
  view: z.object({ state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }) }),
});

/** A modal submit: validate, run the use case, and show a refusal inside the modal instead of closing it. */
function onSubmit(app: App, ctx: SlackContext, callbackId: string, work: (user: string, id: string, values: Values) => Promise<unknown>): void {
  app.view<ViewSubmitAction>(callbackId, async ({ ack, body, view }) => {
    // Not a form this app built (no state, no user): close it, record nothing.
    if (!SubmittedView.safeParse(body).success) {
      ctx.logger.warn({ callbackId }, 'slack view submission ignored: unexpected shape');
      await ack();
      return;
    }
    const id = Id.safeParse(view.private_metadata);
    const firstBlock = Object.keys(view.state.values)[0] ?? 'text';
    if (!id.success) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: 'This form has expired; open it again from the card.' } });
      return;
    }
    try {
      await work(body.user.id, id.data, view.state.values);
      await ack();
      ctx.runtime.outbox.poke();
    } catch (err) {
      if (!(err instanceof DeskError)) throw err;
      await ack({ response_action: 'errors', errors: { [firstBlock]: err.message.slice(0, 150) } });
    }
  });
}

export function registerViewListeners(app: App, ctx: SlackContext): void {
  const { desk } = ctx.runtime;
  onSubmit(app, ctx, VIEWS.ask, (u, id, v) => desk.askCustomer(slackActor(u), id, field(v, 'text')));
  onSubmit(app, ctx, VIEWS.update, (u, id, v) => desk.postUpdate(slackActor(u), id, field(v, 'text')));
  onSubmit(app, ctx, VIEWS.reply, (u, id, v) => desk.replyToCustomer(slackActor(u), id, field(v, 'text')));
  onSubmit(app, ctx, VIEWS.resolve, (u, id, v) => desk.resolveCase(slackActor(u), id, field(v, 'text')));
  onSubmit(app, ctx, VIEWS.reassign, (u, id, v) => desk.reassignCase(slackActor(u), id, field(v, 'owner')));
  onSubmit(app, ctx, VIEWS.reject, (u, id, v) => desk.respondToSolution(slackActor(u), id, { accept: false, reason: field(v, 'text') }));
  onSubmit(app, ctx, VIEWS.propose, (u, id, v) => {
    const type = field(v, 'type');
    if (!SOLUTION_TYPES.includes(type as SolutionType)) throw new DeskError('invalid_input', 'Choose a solution type');
    const amountText = field(v, 'amount').replace(/[^\d.]/g, '');
    const amount = amountText ? Number(amountText) : null;
    if (amount !== null && !Number.isFinite(amount)) throw new DeskError('invalid_input', 'The amount must be a number');
    return desk.proposeSolution(slackActor(u), id, { type: type as SolutionType, amount, effectiveBy: field(v, 'effective') || null, text: field(v, 'text') });
  });
}
