import { ActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import type { DeskApplication } from '../../application/desk-application.js';
import type { Logger } from '../../shared/logger.js';
import { DeskError, DuplicateRequestError, deskErrors } from '../../core/errors.js';
import type { Actor } from '../../core/ports.js';
import { CardActionData, customerClickOf, describeInvalidAction, isCustomerCard, runCardAction, type CustomerCardData } from './card-actions.js';
import { answeredCard } from './cards/answered-card.js';
import { asAttachment } from './cards/adaptive-card.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './cards/adaptive-card.js';
import { REFRESH_VERB } from './cards/case-card.js';
import type { TeamsCaseCards } from './case-cards.js';
import { staffText } from '../../core/staff-text/staff-text-catalog.js';
import { z } from 'zod';
import { STATUS_LABELS } from '../../core/staff-text/status-labels.js';
import { splitConversationId, type ConversationAddresses } from './conversation-addresses.js';
import { MessageActivity, teamsUserId, toCustomerMessage } from './normalize-activity.js';

export interface TeamsBotDeps {
  app: DeskApplication;
  addresses: ConversationAddresses;
  cards: TeamsCaseCards;
  logger: Logger;
}

/**
 * The outcome of a card action for the person who clicked: a refreshed case card (staff), the
 * answered card (a customer), or a short message. `updated`: the clicked card was already
 * replaced in place, so an Action.Submit needs no message besides.
 */
type ActionOutcome = { card: AdaptiveCard; message: string; updated?: boolean } | { card?: undefined; message: string; updated?: undefined };

/** What the card's refresh sends back (case-card.ts): the case to draw. */
const RefreshData = z.object({ caseId: z.string().uuid() });

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
    const channels = d.app.channelsOf('teams');
    this.departmentChannels = channels.departments;
    this.supportChannels = channels.support;
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
    // Read before removeRecipientMention, which rewrites the activity's text in place.
    const addressedToBot = opensWithBotMention(a);
    const mentioned = mentionsBot(a);
    const text = (TurnContext.removeRecipientMention(a) ?? activity.text ?? '').trim();
    if (activity.conversation.conversationType === 'channel') {
      const { conversationId, threadRootId } = splitConversationId(activity.conversation.id);
      if (this.departmentChannels.has(conversationId)) {
        if (!threadRootId) return;
        const outcome = await this.d.app.cardThreadMessage({
          platform: 'teams',
          channelId: conversationId,
          cardMessageId: threadRootId,
          messageId: activity.id,
          userId: teamsUserId(activity.from),
          text,
          addressedToBot,
        });
        if (outcome.kind === 'refused') this.d.logger.info({ code: outcome.error.code }, 'card thread message not recorded');
        return;
      }
      if (!mentioned && !this.supportChannels.has(conversationId)) return;
    }
    const customerMessage = toCustomerMessage(activity, text);
    if (!customerMessage.text && !customerMessage.attachments?.length) return;
    await this.d.app.acceptCustomerMessage(customerMessage);
  }

  /**
   * Universal Actions: the clicker gets the refreshed case card, built for them (staff), or a short
   * message. The card's `refresh` (Teams invokes it when a listed person views the card) is
   * answered with that person's own card: a user-specific view, seen by them alone.
   */
  protected override async onAdaptiveCardInvoke(tc: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    await this.d.addresses.remember(tc.activity);
    const data = typeof invoke.action.data === 'object' && invoke.action.data !== null ? invoke.action.data : {};
    if (invoke.action.verb === REFRESH_VERB) return this.refresh(tc, data);
    // The Execute action's own verb is authoritative; the data is the card's plus its inputs.
    const outcome = await this.cardAction(tc, { ...data, verb: invoke.action.verb ?? (data as { verb?: unknown }).verb });
    if (outcome.card) return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: outcome.card };
    // botbuilder types `value` as a card; Universal Actions also allow a plain message here.
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: outcome.message as unknown as AdaptiveCardInvokeResponse['value'] };
  }

  private async refresh(tc: TurnContext, data: object): Promise<AdaptiveCardInvokeResponse> {
    const caseId = RefreshData.safeParse(data);
    const actor = actorOf(tc);
    const c = caseId.success ? await this.d.app.desk.findCase(caseId.data.caseId) : null;
    if (!c) return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `⚠️ ${staffText('card_unknown_button', this.d.app.languageOf(actor))}` as unknown as AdaptiveCardInvokeResponse['value'] };
    return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: await this.d.cards.forPerson(actor, c.id) };
  }

  private async submittedCard(tc: TurnContext, value: object): Promise<void> {
    const outcome = await this.cardAction(tc, value);
    if (outcome.updated) return;
    // Only a courtesy: the action is done and its effects are in the outbox, so a failed reply (429) must not fail the turn and redo it.
    await tc.sendActivity(outcome.message).catch((err: unknown) => this.d.logger.warn({ err: String(err) }, 'teams card submit: confirmation not sent'));
  }

  private async cardAction(tc: TurnContext, raw: object): Promise<ActionOutcome> {
    // Cards built elsewhere may name the verb `action`.
    const named = raw as { verb?: unknown; action?: unknown };
    const data = CardActionData.safeParse(named.verb === undefined && typeof named.action === 'string' ? { ...raw, verb: named.action } : raw);
    const actor = actorOf(tc);
    if (!data.success) return { message: `⚠️ ${describeInvalidAction(data.error, this.d.app.languageOf(actor))}` };
    const app = this.d.app;
    if (isCustomerCard(data.data)) return this.customerCard(tc, actor, data.data);
    let caseId: string;
    try {
      caseId = await runCardAction(app.desk, actor, data.data, { requestId: tc.activity.id ? `activity:${tc.activity.conversation?.id ?? ''}:${tc.activity.id}` : null });
    } catch (err) {
      if (err instanceof DuplicateRequestError) caseId = err.caseId;
      else if (err instanceof DeskError) {
        // Teams' one error hook for clicks: a refusal is told to the person who clicked, in their language, never a 5xx.
        this.d.logger.info({ code: err.code, verb: data.data.verb }, 'teams card action refused');
        return { message: `⚠️ ${app.describeRefusal(err, actor)}` };
      } else throw err;
    }
    const view = await app.desk.caseView(caseId);
    return { card: await this.d.cards.forPerson(actor, caseId), message: `${view.number}: ${STATUS_LABELS[app.languageOf(actor)][view.status]}` };
  }

  /**
   * A customer's answer on their card. The clicked card's activity (the click's `replyToId`) is
   * replaced with the answered card (updateActivity, PUT on the Bot Connector), for Action.Execute
   * and Action.Submit alike; the invoke also answers with that card. The answer is recorded before
   * the update, so a failed update is logged and the answer goes back as a message instead.
   */
  private async customerCard(tc: TurnContext, actor: Actor, d: CustomerCardData): Promise<ActionOutcome> {
    const app = this.d.app;
    const click = customerClickOf(d);
    if (click.kind === 'reject' && !click.reason.trim()) {
      const words = (await app.desk.decisionWords(click.solutionId)) ?? null;
      return { message: `✍️ ${words?.reasonPrompt ?? (await app.describeCustomerRefusal(deskErrorsEmptyReason, actor, click))}` };
    }
    const outcome = await app.customerClick(actor, click);
    if (outcome.kind === 'refused') {
      this.d.logger.info({ code: outcome.error.code, verb: d.verb }, 'teams customer click refused');
      return { message: `⚠️ ${outcome.text}` };
    }
    const card = answeredCard(outcome.card, d.verb === 'accept' || d.verb === 'reject' ? d.offer : null);
    const cardActivityId = tc.activity.replyToId;
    let updated = false;
    if (cardActivityId)
      updated = await tc
        .updateActivity({ type: 'message', id: cardActivityId, attachments: [asAttachment(card)] })
        .then(() => true)
        .catch((err: unknown) => {
          this.d.logger.warn({ err: String(err), caseId: outcome.caseId }, 'teams answered card not updated; the answer is recorded');
          return false;
        });
    return { card, message: outcome.card.answer, updated };
  }
}

const deskErrorsEmptyReason = deskErrors.invalidInput({ reason: 'empty_text', field: 'reason' });

type Mention = { type?: string; mentioned?: { id?: string }; text?: string };
const botMentions = (a: TurnContext['activity']): Mention[] =>
  ((a.entities ?? []) as Mention[]).filter((e) => e.type === 'mention' && e.mentioned?.id !== undefined && e.mentioned.id === a.recipient?.id);

/** The activity @-mentions the bot (the recipient) anywhere. */
function mentionsBot(a: TurnContext['activity']): boolean {
  return botMentions(a).length > 0;
}

/** The activity opens with an @-mention of the bot: only then can "reply …" reach a customer. */
function opensWithBotMention(a: TurnContext['activity']): boolean {
  const text = (a.text ?? '').trimStart();
  return botMentions(a).some((m) => typeof m.text === 'string' && m.text.length > 0 && text.startsWith(m.text));
}
