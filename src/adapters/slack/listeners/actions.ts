import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { deskErrors } from '../../../core/errors.js';
import { askCustomerModal, changeCategoryModal, linkCaseModal, postUpdateModal, proposeSolutionModal, reassignModal, rejectReasonModal, replyModal, resolveModal } from '../blocks/staff-modals.js';
import { COMMENT_BLOCK, COMMENT_INPUT } from '../blocks/customer-blocks.js';
import { staffActionsBlocks } from '../blocks/case-card.blocks.js';
import type { CustomerClick } from '../../../core/cases/customer-clicks.js';
import type { StaffAction } from '../../../core/cases/staff-permissions.js';
import { CUSTOMER_BUTTONS } from '../../../core/templates/customer-buttons.js';
import { ACTIONS } from '../slack-ids.js';
import { answerCustomerClick, runForUser, slackActor, type ClickedMessage, type SlackContext } from '../slack-context.js';

const Uuid = z.string().uuid();

interface Click {
  user: string;
  channel: string | undefined;
  value: string;
  triggerId: string;
  comment: string;
  /** Slack's own id for this click (`action_ts`): the request id that makes a redelivery a no-op. */
  requestId: string | null;
  /** The message that carried the button (`container.message_ts`), to replace once a customer answered it. */
  message: ClickedMessage | null;
}

/** The clicked message as the (signed) payload carries it: only its sections are kept when it is answered. */
const PayloadMessage = z.object({ blocks: z.array(z.looseObject({ type: z.string().max(50) })).max(50).optional() });
const Container = z.object({ message_ts: z.string().min(1).max(100), channel_id: z.string().min(1).max(100).optional() });

function readClick(body: BlockAction<ButtonAction>): Click | null {
  const action = body.actions[0];
  const value = z.string().max(2000).safeParse(action?.value);
  if (!value.success) return null;
  const state = body.state?.values?.[COMMENT_BLOCK]?.[COMMENT_INPUT] as { value?: string | null } | undefined;
  const actionTs = z.string().max(100).safeParse(action?.action_ts);
  return {
    user: body.user.id,
    channel: body.channel?.id ?? body.container?.channel_id,
    value: value.data,
    triggerId: body.trigger_id,
    comment: state?.value?.trim() ?? '',
    requestId: actionTs.success ? `click:${actionTs.data}:${body.user.id}` : null,
    message: clickedMessage(body),
  };
}

function clickedMessage(body: BlockAction<ButtonAction>): ClickedMessage | null {
  const container = Container.safeParse(body.container);
  const channel = container.success ? (container.data.channel_id ?? body.channel?.id) : undefined;
  if (!container.success || !channel) return null;
  const message = PayloadMessage.safeParse(body.message);
  return { channel, ts: container.data.message_ts, sections: message.success ? (message.data.blocks ?? []).filter((b) => b.type === 'section') : [] };
}

/** A customer's button (an answer, a rating, which case): the core decides, the clicked message shows the answer. */
function onCustomerButton(app: App, ctx: SlackContext, actionId: string | RegExp, read: (click: Click) => CustomerClick | null, askReason?: (click: Click, client: WebClient, solutionId: string) => Promise<void>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client }) => {
    await ack();
    const k = readClick(body);
    const click = k && read(k);
    if (!k || !click) return;
    // Rejecting needs a reason: without one typed in the message, the customer is asked for it in a form.
    if (click.kind === 'reject' && !click.reason && askReason) return askReason(k, client, click.solutionId);
    await answerCustomerClick(ctx, client, { user: k.user, channel: k.channel }, click, k.message);
  });
}

/** A staff button on a case card: check the value is a case we know and the person may take the action at all, then act or open a form. */
function onStaffButton(app: App, ctx: SlackContext, actionId: string, action: StaffAction, act: (click: Click, caseId: string, number: string, client: WebClient) => Promise<unknown>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    if (!click || !Uuid.safeParse(click.value).success) return;
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, async () => {
      const c = await ctx.app.desk.findCase(click.value);
      if (!c) throw deskErrors.notFound('case');
      ctx.app.assertMayOpenForm(slackActor(click.user), action);
      await act(click, c.id, c.number, client);
    });
  });
}

/** A decision button (an approval, a customer's answer or rating): the core checks who may press it. */
function onDecisionButton(app: App, ctx: SlackContext, actionId: string | RegExp, act: (click: Click, client: WebClient) => Promise<unknown>): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    if (!click) return;
    await runForUser(ctx, client, { channel: click.channel, user: click.user }, () => act(click, client));
  });
}

export function registerActionListeners(app: App, ctx: SlackContext): void {
  const { desk } = ctx.app;
  const open = (client: WebClient, triggerId: string, view: Record<string, unknown>) => client.views.open({ trigger_id: triggerId, view: view as never });
  const cmd = (k: Click) => ({ requestId: k.requestId });
  // A form opens for one person: it is written in their staff language.
  const staffLanguage = (k: Click) => ctx.app.languageOf(slackActor(k.user));

  onStaffButton(app, ctx, ACTIONS.claim, 'claim', (k, id) => desk.claimCase(slackActor(k.user), id, cmd(k)));
  onStaffButton(app, ctx, ACTIONS.escalate, 'escalate', (k, id) => desk.escalateCase(slackActor(k.user), id, undefined, cmd(k)));
  onStaffButton(app, ctx, ACTIONS.ask, 'ask', (k, id, n, client) => open(client, k.triggerId, askCustomerModal(staffLanguage(k), id, n)));
  onStaffButton(app, ctx, ACTIONS.update, 'update', (k, id, n, client) => open(client, k.triggerId, postUpdateModal(staffLanguage(k), id, n)));
  onStaffButton(app, ctx, ACTIONS.reply, 'reply', (k, id, n, client) => open(client, k.triggerId, replyModal(staffLanguage(k), id, n)));
  onStaffButton(app, ctx, ACTIONS.resolve, 'resolve', (k, id, n, client) => open(client, k.triggerId, resolveModal(staffLanguage(k), id, n)));
  onStaffButton(app, ctx, ACTIONS.propose, 'propose', async (k, id, n, client) => {
    const guidance = await desk.compensationGuidance(slackActor(k.user), id).catch(() => null);
    return open(client, k.triggerId, proposeSolutionModal(staffLanguage(k), id, n, guidance?.summary ?? null));
  });
  onStaffButton(app, ctx, ACTIONS.reassign, 'reassign', async (k, id, n, client) => {
    const c = (await desk.findCase(id))!;
    return open(client, k.triggerId, reassignModal(staffLanguage(k), id, n, ctx.app.reassignCandidates(c.departmentKey)));
  });
  onStaffButton(app, ctx, ACTIONS.markUrgent, 'mark_urgent', (k, id) => desk.markUrgent(slackActor(k.user), id, true, cmd(k)));
  onStaffButton(app, ctx, ACTIONS.markNotUrgent, 'mark_urgent', (k, id) => desk.markUrgent(slackActor(k.user), id, false, cmd(k)));
  onStaffButton(app, ctx, ACTIONS.link, 'link', (k, id, n, client) => open(client, k.triggerId, linkCaseModal(staffLanguage(k), id, n)));
  onStaffButton(app, ctx, ACTIONS.recategorize, 'recategorize', async (k, id, n, client) => {
    const c = (await desk.findCase(id))!;
    return open(client, k.triggerId, changeCategoryModal(staffLanguage(k), id, n, c.category, ctx.app.settings.departments.map((d) => ({ key: d.key, name: d.name[staffLanguage(k)] }))));
  });

  // "More actions": the clicker's own actions on the case, privately; the buttons are the card's, so they work the same.
  app.action<BlockAction<ButtonAction>>(ACTIONS.moreActions, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(body);
    const channel = click?.channel;
    if (!click || !channel || !Uuid.safeParse(click.value).success) return;
    await runForUser(ctx, client, { channel, user: click.user }, async () => {
      const { view, actions } = await desk.caseCardFor(slackActor(click.user), click.value);
      await client.chat.postEphemeral({ channel, user: click.user, ...staffActionsBlocks(view, actions) });
    });
  });

  onDecisionButton(app, ctx, ACTIONS.approve, async (k) => {
    if (Uuid.safeParse(k.value).success) await desk.approveSolution(slackActor(k.user), k.value, cmd(k));
  });
  onCustomerButton(app, ctx, ACTIONS.accept, (k) => (Uuid.safeParse(k.value).success ? { kind: 'accept', solutionId: k.value } : null));
  onCustomerButton(
    app,
    ctx,
    ACTIONS.reject,
    (k) => (Uuid.safeParse(k.value).success ? { kind: 'reject', solutionId: k.value, reason: k.comment } : null),
    async (k, client, solutionId) => {
      const words = (await desk.decisionWords(solutionId)) ?? CUSTOMER_BUTTONS[ctx.app.languageOf(slackActor(k.user))].decision;
      const metadata = JSON.stringify({ solutionId, ...(k.message ? { channel: k.message.channel, ts: k.message.ts } : {}) });
      await client.views.open({ trigger_id: k.triggerId, view: rejectReasonModal(metadata, words) as never }).catch(() => {});
    },
  );
  // The customer says which case a message is about (or that it is a new problem).
  onCustomerButton(app, ctx, new RegExp(`^${ACTIONS.chooseCase}_\\d+$`), (k) => {
    const [unfiledId, choice] = k.value.split(':');
    if (!Uuid.safeParse(unfiledId).success || !(choice === 'new' || Uuid.safeParse(choice).success)) return null;
    return { kind: 'choose_case', unfiledId: unfiledId!, caseId: choice === 'new' ? null : choice! };
  });
  onCustomerButton(app, ctx, new RegExp(`^${ACTIONS.survey}_[1-5]$`), (k) => {
    const [caseId, scoreText] = k.value.split(':');
    const score = Number(scoreText);
    if (!Uuid.safeParse(caseId).success || !Number.isInteger(score)) return null;
    return { kind: 'survey', caseId: caseId!, score, comment: k.comment || null };
  });
}
