import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { DeskError } from '../../../core/errors.js';
import { askCustomerModal, postUpdateModal, proposeSolutionModal, reassignModal, rejectReasonModal, replyModal, resolveModal } from '../blocks/staff-modals.js';
import { COMMENT_BLOCK, COMMENT_INPUT } from '../blocks/customer-blocks.js';
import { ACTIONS } from '../slack-ids.js';
import { runForUser, slackActor, type SlackContext } from '../slack-context.js';

const Uuid = z.string().uuid();

interface Click {
  user: string;
  channel: string | undefined;
  value: string;
  triggerId: string;
  comment: string;
}

function readClick(body: BlockAction<ButtonAction>): Click | null {
  const action = body.actions[0];
  const value = z.string().max(2000).safeParse(action?.value);
  if (!value.success) return null;
  const state = body.state?.values?.[COMMENT_BLOCK]?.[COMMENT_INPUT] as { value?: string | null } | undefined;
  return { user: body.user.id, channel: body.channel?.id ?? body.container?.channel_id, value: value.data, triggerId: body.trigger_id, comment: state?.value?.trim() ?? '' };
}

/** A staff button on a case card: check the value is a case we know, then act or open a form. */
function onStaffButton(app: App, ctx: SlackContext, actionId: string, act: (click: Click, caseId: string, number: string, client: WebClient) => Promise<unknown>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    if (!click || !Uuid.safeParse(click.value).success) return;
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, async () => {
      const c = await ctx.runtime.desk.findCase(click.value);
      if (!c) throw new DeskError('not_found', 'That case no longer exists');
      if (!ctx.runtime.ctx.staff.byActor(slackActor(click.user))) throw new DeskError('not_permitted', 'Only desk staff can act on case cards');
      await act(click, c.id, c.number, client);
    });
  });
}

export function registerActionListeners(app: App, ctx: SlackContext): void {
  const { desk } = ctx.runtime;
  const open = (client: WebClient, triggerId: string, view: Record<string, unknown>) => client.views.open({ trigger_id: triggerId, view: view as never });

  onStaffButton(app, ctx, ACTIONS.claim, (k, id) => desk.claimCase(slackActor(k.user), id));
  onStaffButton(app, ctx, ACTIONS.escalate, (k, id) => desk.escalateCase(slackActor(k.user), id, 'escalated from the case card'));
  onStaffButton(app, ctx, ACTIONS.ask, (k, id, n, client) => open(client, k.triggerId, askCustomerModal(id, n)));
  onStaffButton(app, ctx, ACTIONS.update, (k, id, n, client) => open(client, k.triggerId, postUpdateModal(id, n)));
  onStaffButton(app, ctx, ACTIONS.reply, (k, id, n, client) => open(client, k.triggerId, replyModal(id, n)));
  onStaffButton(app, ctx, ACTIONS.resolve, (k, id, n, client) => open(client, k.triggerId, resolveModal(id, n)));
  onStaffButton(app, ctx, ACTIONS.propose, async (k, id, n, client) => {
    const guidance = await desk.compensationGuidance(slackActor(k.user), id).catch(() => null);
    return open(client, k.triggerId, proposeSolutionModal(id, n, guidance?.summary ?? null));
  });
  onStaffButton(app, ctx, ACTIONS.reassign, async (k, id, n, client) => {
    const member = ctx.runtime.ctx.staff.byActor(slackActor(k.user));
    if (member?.role !== 'supervisor') throw new DeskError('not_permitted', 'Only a supervisor can reassign a case');
    const c = (await desk.findCase(id))!;
    const candidates = ctx.runtime.ctx.staff.members.filter((m) => m.department === c.departmentKey || m.role === 'supervisor');
    return open(client, k.triggerId, reassignModal(id, n, candidates));
  });

  app.action<BlockAction<ButtonAction>>(ACTIONS.approve, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    if (!click || !Uuid.safeParse(click.value).success) return;
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, () => desk.approveSolution(slackActor(click.user), click.value));
  });

  // Customer decisions: the core checks the clicker is the case's own customer.
  app.action<BlockAction<ButtonAction>>(ACTIONS.accept, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    if (!click || !Uuid.safeParse(click.value).success) return;
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, () => desk.respondToSolution(slackActor(click.user), click.value, { accept: true }));
  });
  app.action<BlockAction<ButtonAction>>(ACTIONS.reject, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    if (!click || !Uuid.safeParse(click.value).success) return;
    if (!click.comment) {
      await client.views.open({ trigger_id: click.triggerId, view: rejectReasonModal(click.value) as never }).catch(() => {});
      return;
    }
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, () =>
      desk.respondToSolution(slackActor(click.user), click.value, { accept: false, reason: click.comment }),
    );
  });
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${ACTIONS.survey}_[1-5]$`), async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    const [caseId, scoreText] = (click?.value ?? '').split(':');
    const score = Number(scoreText);
    if (!click || !Uuid.safeParse(caseId).success || !Number.isInteger(score)) return;
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, () => desk.submitSurvey(slackActor(click.user), caseId!, score, click.comment || null));
  });
}
