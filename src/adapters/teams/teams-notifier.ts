import { TurnContext, type Activity, type ChannelAccount, type CloudAdapter, type ConversationParameters } from 'botbuilder';
import { DeskError } from '../../core/errors.js';
import { RateLimitedError, type CardLocationStore, type Clock, type Notifier, type OutboundIntent } from '../../core/ports.js';
import type { Logger } from '../../shared/logger.js';
import { asAttachment } from './cards/adaptive-card.js';
import { movedCard } from './cards/case-card.js';
import type { TeamsCaseCards } from './case-cards.js';
import { caseChoiceCard } from './cards/case-choice-card.js';
import { solutionDecisionCard } from './cards/solution-decision-card.js';
import { surveyCard } from './cards/survey-card.js';
import { asRetryable } from './connector-retries.js';
import type { ConversationAddresses, TeamsAddress } from './conversation-addresses.js';
import { inertActivityText } from './inert-markup.js';

export interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  /** MICROSOFT_APP_ID; empty when running unauthenticated. */
  appId: string;
  /** MICROSOFT_APP_TENANT_ID; a stored reference's tenant is used when it is empty. */
  tenantId: string;
  addresses: ConversationAddresses;
  cardLocations: CardLocationStore;
  /** The case cards as the department and as one person see them (user-specific views). */
  cards: TeamsCaseCards;
  clock: Clock;
  logger: Logger;
}

type OutgoingActivity = Partial<Activity>;

/** An intent the bot cannot deliver yet (nobody to address): the outbox backs off and tries again. */
export class TeamsUnreachableError extends Error {
  override readonly name = 'TeamsUnreachableError';
}

/**
 * Delivers the core's intents to Teams from stored conversation references
 * (`continueConversationAsync`), so any replica can message customers, staff and channels
 * after a restart. Connector answers that mean "wait" become RateLimitedError for the outbox.
 */
export class TeamsNotifier implements Notifier {
  readonly platform = 'teams' as const;

  constructor(private readonly d: TeamsNotifierDeps) {}

  async deliver(intent: OutboundIntent): Promise<void> {
    try {
      await this.send(intent);
    } catch (err) {
      const retryable = asRetryable(err, this.d.clock);
      const where = { intent: intent.type, caseId: 'caseId' in intent ? intent.caseId : null };
      if (retryable instanceof RateLimitedError) this.d.logger.debug({ ...where, retryAfterMs: retryable.retryAfterMs }, 'Teams asked us to wait; the outbox retries later');
      else this.d.logger.warn({ ...where, err }, 'Teams delivery failed; the outbox retries it with back-off');
      throw retryable;
    }
  }

  private async send(intent: OutboundIntent): Promise<void> {
    switch (intent.type) {
      case 'customer_message':
        return this.customerMessage(intent);
      case 'case_card':
        return this.caseCard(intent.caseId, intent.channelId);
      case 'card_note': {
        const posted = await this.d.cardLocations.get(intent.caseId, 'teams');
        // Notes belong in the card's thread; before the card exists they go to the channel.
        const address = await this.channel(posted?.channelId ?? intent.channelId, posted?.messageId);
        // Staff-facing text quotes the customer (already masked); its markup stays inert.
        await this.post(address, { type: 'message', text: inertActivityText(intent.text) });
        return;
      }
      case 'direct_message': {
        // About a case, to staff: with the buttons for what this person may do on it now. A case gone since (retention) leaves the text.
        const card = intent.caseId
          ? await this.d.cards.messageFor({ platform: 'teams', userId: intent.userId }, intent.caseId, intent.text).catch((err: unknown) => {
              if (err instanceof DeskError) return null;
              throw err;
            })
          : null;
        await this.post(await this.personalChat(intent.userId), { type: 'message', text: inertActivityText(intent.text), ...(card ? { attachments: [asAttachment(card)] } : {}) });
        return;
      }
      case 'channel_message': {
        const file = intent.attachment;
        // Teams shows an image sent inline as a data URL; reports carry their chart this way.
        const attachments = file ? [{ contentType: file.mimeType, contentUrl: `data:${file.mimeType};base64,${file.contentBase64}`, name: file.fileName }] : undefined;
        await this.post(await this.channel(intent.channelId), { type: 'message', text: inertActivityText(intent.text), ...(attachments ? { attachments } : {}) });
        return;
      }
    }
  }

  private async customerMessage(intent: Extract<OutboundIntent, { type: 'customer_message' }>): Promise<void> {
    const known = await this.d.addresses.conversation(intent.channelId);
    if (!known) throw new TeamsUnreachableError(`no Teams conversation reference for ${intent.channelId}: the customer's chat was never seen by the bot`);
    // In a channel the customer wrote in a thread; answer there. A personal chat has no threads.
    const inChannel = known.conversation.conversationType === 'channel' && intent.threadId && intent.threadId !== intent.channelId;
    const address = inChannel ? { ...known, conversation: { ...known.conversation, id: `${intent.channelId};messageid=${intent.threadId}` } } : known;
    const a = intent.actions;
    const card =
      a?.kind === 'solution_decision'
        ? solutionDecisionCard(a.solutionId, a.labels, intent.text)
        : a?.kind === 'survey' && intent.caseId
          ? surveyCard(intent.caseId, a.labels)
          : a?.kind === 'case_choice'
            ? caseChoiceCard(a.unfiledId, a.options)
            : null;
    await this.post(address, { type: 'message', text: intent.text, ...(card ? { attachments: [asAttachment(card)] } : {}) });
  }

  /** Posts the case card once, then edits that same post (updateActivity) on every change. */
  private async caseCard(caseId: string, channelId: string): Promise<void> {
    const { view, card: shared } = await this.d.cards.forDepartment(caseId);
    const card = asAttachment(shared);
    const posted = await this.d.cardLocations.get(caseId, 'teams');
    if (posted && posted.channelId !== channelId) {
      // The case moved department: the old card says where it went; the new department gets its own card below.
      const old = await this.channel(posted.channelId);
      await this.d.adapter.continueConversationAsync(this.d.appId, old, async (tc) => {
        await tc.updateActivity({ type: 'message', id: posted.messageId, attachments: [asAttachment(movedCard(view))] });
      });
    } else if (posted) {
      const address = await this.channel(posted.channelId);
      await this.d.adapter.continueConversationAsync(this.d.appId, address, async (tc) => {
        await tc.updateActivity({ type: 'message', id: posted.messageId, attachments: [card] });
      });
      return;
    }
    const id = await this.post(await this.channel(channelId), { type: 'message', attachments: [card], summary: `${view.number}: ${view.summary.slice(0, 100)}` });
    if (!id) throw new Error('the Bot Connector returned no activity id for the case card, so it could not be updated later');
    await this.d.cardLocations.save(caseId, 'teams', channelId, id);
  }

  private async channel(channelId: string, threadRootId?: string): Promise<TeamsAddress> {
    const address = await this.d.addresses.channel(channelId, threadRootId);
    if (!address) throw new TeamsUnreachableError(`cannot post to Teams channel ${channelId} yet: the bot has not received any Teams activity, so no service URL is known. Install the app in the team.`);
    return address;
  }

  /**
   * A person's personal chat with the bot: stored when they first wrote to it or installed
   * it; otherwise the bot opens one (createConversation) with the service URL and tenant it
   * knows from any other conversation.
   */
  private async personalChat(aadObjectId: string): Promise<TeamsAddress> {
    const known = await this.d.addresses.personalChat(aadObjectId);
    if (known) return known;
    const service = await this.d.addresses.anyService();
    const tenantId = this.d.tenantId || service?.conversation.tenantId;
    if (!service || !tenantId) {
      this.d.logger.warn({ aadObjectId }, 'Teams user cannot be reached yet: they have not chatted with the bot and no Teams tenant/service URL is known; will retry');
      throw new TeamsUnreachableError(`cannot reach Teams user ${aadObjectId} yet: no personal chat stored and no tenant/service URL known`);
    }
    // Teams accepts the AAD object id as the member id; a display name is not needed.
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: service.bot,
      members: [{ id: aadObjectId } as ChannelAccount],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };
    const opened: { address?: TeamsAddress } = {};
    // botbuilder's typings want an audience string; undefined selects the default Bot Framework scope.
    await this.d.adapter.createConversationAsync(this.d.appId, service.channelId, service.serviceUrl, undefined as unknown as string, parameters, async (tc) => {
      const reference = TurnContext.getConversationReference(tc.activity);
      opened.address = { ...service, ...reference, activityId: undefined, user: { id: aadObjectId, aadObjectId }, conversation: { ...reference.conversation, conversationType: 'personal', tenantId } } as TeamsAddress;
    });
    if (!opened.address) throw new Error(`the Bot Connector opened no conversation with ${aadObjectId}`);
    await this.d.addresses.rememberPersonalChat(aadObjectId, opened.address);
    this.d.logger.info({ aadObjectId }, 'opened a personal chat with a Teams user and stored it');
    return opened.address;
  }

  /**
   * A new message in the address's conversation (POST /v3/conversations/{id}/activities).
   * `sendActivity` in a continued conversation would instead reply to the continuation's
   * made-up activity id, so the activity is addressed here and handed to the adapter.
   */
  private async post(address: TeamsAddress, activity: OutgoingActivity): Promise<string | undefined> {
    let id: string | undefined;
    await this.d.adapter.continueConversationAsync(this.d.appId, address, async (tc) => {
      const to = { ...TurnContext.getConversationReference(tc.activity), activityId: undefined };
      const [sent] = await tc.adapter.sendActivities(tc, [TurnContext.applyConversationReference({ ...activity }, to)]);
      id = sent?.id;
    });
    return id;
  }
}
