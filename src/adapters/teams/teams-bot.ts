import { ActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import type { Logger } from '../../app/logger.js';
import { DeskError } from '../../core/errors.js';
import type { Actor } from '../../core/ports.js';
import { runCardAction, CardActionData } from './card-actions.js';
import { caseCard } from './cards/case-card.js';
import { InboundActivity, splitConversation, teamsUserId, toCustomerMessage } from './normalize-activity.js';

/**
 * The Teams side of the desk. Every turn stores where it came from (so any replica can
 * answer later), customer messages go to the durable inbox before the turn ends, and card
 * actions run one desk use case each.
 */
export class TeamsDeskBot extends ActivityHandler {
  private readonly departmentChannels: Set<string>;

  constructor(
    private readonly runtime: DeskRuntime,
    private readonly logger: Logger,
  ) {
    super();
    this.departmentChannels = new Set(runtime.ctx.settings.departments.map((d) => d.channels.teams).filter((c): c is string => Boolean(c)));
    this.onConversationUpdate(async (tc, next) => {
      await this.remember(tc);
      await next();
    });
    this.onMessage(async (tc, next) => {
      await this.remember(tc);
      await this.handleMessage(tc);
      await next();
    });
  }

  /** Conversation references in the database: the customer's chat, the staff member's chat, the channel. */
  private async remember(tc: TurnContext): Promise<void> {
    const a = tc.activity;
    if (!a.conversation?.id || !a.serviceUrl) return;
    const ref = TurnContext.getConversationReference(a);
    const { channelId } = splitConversation(a.conversation.id);
    const base = { ...ref, conversation: { ...ref.conversation, id: channelId } };
    const refs = this.runtime.conversationRefs;
    await refs.save('teams', `conv:${channelId}`, base);
    await refs.save('teams', 'service', base);
    if (a.conversation.conversationType === 'channel') await refs.save('teams', `channel:${channelId}`, base);
    else if (a.from?.aadObjectId) await refs.save('teams', `user:${a.from.aadObjectId}`, base);
  }

  private async handleMessage(tc: TurnContext): Promise<void> {
    const a = tc.activity;
    if (a.value && typeof a.value === 'object') {
      // Action.Submit from older clients arrives as a message carrying the card's data.
      const reply = await this.cardAction(tc, a.value);
      await tc.sendActivity(reply.message);
      return;
    }
    const parsed = InboundActivity.safeParse(a);
    if (!parsed.success) {
      this.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'teams message ignored: unexpected shape');
      return;
    }
    const activity = parsed.data;
    const text = TurnContext.removeRecipientMention(a)?.trim() ?? activity.text;
    const { channelId, threadId } = splitConversation(activity.conversation.id);
    if (activity.conversation.conversationType === 'channel') {
      if (this.departmentChannels.has(channelId)) {
        if (threadId) await this.staffThreadMessage(tc, channelId, threadId, text);
        return;
      }
      const mentioned = (a.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === a.recipient?.id);
      if (!mentioned) return;
    }
    if (!text && !activity.attachments?.length) return;
    const stored = await this.runtime.inbox.accept(toCustomerMessage(activity, text));
    this.runtime.metrics.eventsReceived.inc({ platform: 'teams', outcome: stored });
    this.runtime.inboxWorker.poke();
  }

  private async staffThreadMessage(tc: TurnContext, channelId: string, threadId: string, text: string): Promise<void> {
    const caseId = await this.runtime.cards.findCaseByMessage('teams', channelId, threadId);
    if (!caseId) return;
    const actor: Actor = { platform: 'teams', userId: teamsUserId({ id: tc.activity.from.id, aadObjectId: tc.activity.from.aadObjectId }) };
    const reply = /^\s*reply\s+([\s\S]+)$/i.exec(text);
    try {
      if (reply) await this.runtime.desk.replyToCustomer(actor, caseId, reply[1]!.trim());
      else await this.runtime.desk.addInternalNote(actor, caseId, text, tc.activity.id);
      this.runtime.outbox.poke();
    } catch (err) {
      if (!(err instanceof DeskError)) throw err;
    }
  }

  /** Universal Actions: answer with the refreshed card (staff) or a short confirmation. */
  protected override async onAdaptiveCardInvoke(tc: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.remember(tc);
    const reply = await this.cardAction(tc, { ...(invoke.action?.data ?? {}), verb: invoke.action?.verb ?? (invoke.action?.data as { verb?: string })?.verb });
    if (reply.card) return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card };
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: reply.message as never };
  }

  private async cardAction(tc: TurnContext, raw: unknown): Promise<{ message: string; card?: Record<string, unknown> }> {
    const data = CardActionData.safeParse(raw);
    if (!data.success) return { message: 'That card action was not understood.' };
    const actor: Actor = { platform: 'teams', userId: teamsUserId({ id: tc.activity.from.id, aadObjectId: tc.activity.from.aadObjectId }) };
    try {
      const caseId = await runCardAction(this.runtime.desk, actor, data.data);
      this.runtime.outbox.poke();
      const isStaff = Boolean(this.runtime.ctx.staff.byActor(actor));
      if (caseId && isStaff) {
        const view = await this.runtime.desk.caseView(caseId);
        const staff = this.runtime.ctx.staff.members.filter((m) => m.department === view.departmentKey || m.role === 'supervisor');
        return { message: `Done: ${view.number} is ${view.status.replace(/_/g, ' ')}.`, card: caseCard(view, staff) };
      }
      return { message: 'Thank you, noted. / 谢谢，已记录。' };
    } catch (err) {
      if (!(err instanceof DeskError)) throw err;
      return { message: `⚠️ ${err.message}` };
    }
  }
}
