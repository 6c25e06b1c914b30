import { ActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import type { Logger } from '../../app/logger.js';
import { DeskError } from '../../core/errors.js';
import type { Actor } from '../../core/ports.js';
import { CardActionData, describeInvalidAction, runCardAction } from './card-actions.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/adaptive-card.js';
import { caseCard, type ReassignCandidate } from './cards/case-card.js';
import { splitConversationId, type ConversationAddresses } from './conversation-addresses.js';
import { MessageActivity, teamsUserId, toCustomerMessage } from './normalize-activity.js';

export interface TeamsBotDeps {
  runtime: DeskRuntime;
  addresses: ConversationAddresses;
  reassignCandidates: (departmentKey: string | null) => ReassignCandidate[];
  logger: Logger;
}

/** The outcome of a card action for the person who clicked: a refreshed case card (staff) or a short message. */
type ActionOutcome = { card: AdaptiveCard; message: string } | { card?: undefined; message: string };

const actorOf = (tc: TurnContext): Actor => ({ platform: 'teams', userId: teamsUserId(tc.activity.from) });

/**
 * The Teams side of the desk. Every turn first stores where it came from (so any replica can
 * write back later); a customer's message is in the durable inbox before the turn ends and
 * botbuilder answers 200, and a failure to store it answers 500 so the channel delivers it
 * again. Card actions run one desk use case each.
 */
export class TeamsDeskBot extends ActivityHandler {
  private readonly departmentChannels: ReadonlySet<string>;
  private readonly supportChannels: ReadonlySet<string>;

  constructor(private readonly d: TeamsBotDeps) {
    super();
    const settings = d.runtime.ctx.settings;
    this.departmentChannels = new Set(settings.departments.map((dep) => dep.channels.teams).filter((c): c is string => Boolean(c)));
    this.supportChannels = new Set(settings.intake.supportChannels?.teams ?? []);
    // Installed in a team or a personal chat, members added: remember the conversation.
    this.onConversationUpdate(async (tc, next) => {
      await d.addresses.remember(tc.activity);
      await next();
    });
    this.onInstallationUpdate(async (tc, next) => {
      await d.addresses.remember(tc.activity);
      await next();
    });
    this.onMessage(async (tc, next) => {
      await d.addresses.remember(tc.activity);
      await this.message(tc);
      await next();
    });
  }

  private async message(tc: TurnContext): Promise<void> {
    const a = tc.activity;
    // Action.Submit (clients without Universal Actions) arrives as a message carrying the card's data in `value`.
    if (a.value && typeof a.value === 'object' && !a.text) return this.submittedCard(tc, a.value);
    const parsed = MessageActivity.safeParse(a);
    if (!parsed.success) {
      this.d.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'teams message ignored: unexpected shape');
      return;
    }
    const activity = parsed.data;
    const text = (TurnContext.removeRecipientMention(a) ?? activity.text ?? '').trim();
    if (activity.conversation.conversationType === 'channel') {
      const { conversationId, threadRootId } = splitConversationId(activity.conversation.id);
      if (this.departmentChannels.has(conversationId)) {
        if (threadRootId) await this.cardThreadMessage(tc, conversationId, threadRootId, text);
        return;
      }
      const mentioned = (a.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === a.recipient?.id);
      if (!mentioned && !this.supportChannels.has(conversationId)) return;
    }
    const customerMessage = toCustomerMessage(activity, text);
    if (!customerMessage.text && !customerMessage.attachments?.length) return;
    const stored = await this.d.runtime.inbox.accept(customerMessage);
    this.d.runtime.metrics.eventsReceived.inc({ platform: 'teams', outcome: stored });
    this.d.runtime.inboxWorker.poke();
  }

  /** A staff reply under a case card: an internal note, or with "reply …" a message to the customer. */
  private async cardThreadMessage(tc: TurnContext, channelId: string, cardId: string, text: string): Promise<void> {
    const caseId = await this.d.runtime.cards.findCaseByMessage('teams', channelId, cardId);
    if (!caseId || !text) return;
    const reply = /^\s*reply\s+([\s\S]+)$/i.exec(text);
    try {
      if (reply) await this.d.runtime.desk.replyToCustomer(actorOf(tc), caseId, reply[1]!.trim());
      else await this.d.runtime.desk.addInternalNote(actorOf(tc), caseId, text, `${channelId}:${tc.activity.id}`);
      this.d.runtime.outbox.poke();
    } catch (err) {
      // Someone outside the desk chatting in the thread: nothing to record, nothing to send.
      if (!(err instanceof DeskError)) throw err;
      this.d.logger.info({ code: err.code }, 'card thread message not recorded');
    }
  }

  /** Universal Actions: the clicker gets the refreshed case card (staff) or a short message. */
  protected override async onAdaptiveCardInvoke(tc: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.d.addresses.remember(tc.activity);
    const data = typeof invoke.action.data === 'object' && invoke.action.data !== null ? invoke.action.data : {};
    // The Execute action's own verb is authoritative; the data is the card's plus its inputs.
    const outcome = await this.cardAction(tc, { ...data, verb: invoke.action.verb ?? (data as { verb?: unknown }).verb });
    if (outcome.card) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: outcome.card };
    // botbuilder types `value` as a card; Universal Actions also allow a plain message here.
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.message as unknown as AdaptiveCardInvokeResponse['value'] };
  }

  private async submittedCard(tc: TurnContext, value: object): Promise<void> {
    const outcome = await this.cardAction(tc, value);
    // Only a courtesy: the action is done and its effects are in the outbox, so a failed reply (429) must not fail the turn and redo it.
    await tc.sendActivity(outcome.message).catch((err: unknown) => this.d.logger.warn({ err: String(err) }, 'teams card submit: confirmation not sent'));
  }

  private async cardAction(tc: TurnContext, raw: object): Promise<ActionOutcome> {
    // Cards built elsewhere may name the verb `action`.
    const named = raw as { verb?: unknown; action?: unknown };
    const data = CardActionData.safeParse(named.verb === undefined && typeof named.action === 'string' ? { ...raw, verb: named.action } : raw);
    if (!data.success) return { message: `⚠️ ${describeInvalidAction(data.error)}` };
    const actor = actorOf(tc);
    try {
      const caseId = await runCardAction(this.d.runtime.desk, actor, data.data);
      this.d.runtime.outbox.poke();
      if (!this.d.runtime.ctx.staff.byActor(actor)) return { message: 'Thank you, noted. / 谢谢，已记录。' };
      const view = await this.d.runtime.desk.caseView(caseId);
      return { card: caseCard(view, this.d.reassignCandidates(view.departmentKey)), message: `${view.number}: ${view.status.replace(/_/g, ' ')}` };
    } catch (err) {
      // Domain refusals (already claimed, not permitted, …) are told to the person who clicked, never a 5xx.
      if (!(err instanceof DeskError)) throw err;
      this.d.logger.info({ code: err.code, verb: data.data.verb }, 'teams card action refused');
      return { message: `⚠️ ${err.message}` };
    }
  }
}
