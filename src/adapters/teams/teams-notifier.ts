import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { CaseView } from '../../core/cases/case-view.js';
import { RateLimitedError, type CardLocationStore, type ConversationRefStore, type Notifier, type OutboundIntent } from '../../core/ports.js';
import { asAttachment, caseCard, customerCard } from './cards/case-card.js';

interface TeamsNotifierDeps {
  adapter: CloudAdapter;
  appId: string;
  refs: ConversationRefStore;
  cards: CardLocationStore;
  caseView: (caseId: string) => Promise<CaseView>;
  staffFor: (departmentKey: string | null) => { id: string; name: string }[];
}

// Retryable answers from the Bot Connector (PLATFORM-NOTES): wait and try again, never drop.
const RETRYABLE = new Set([412, 429, 502, 504]);

function translate(err: unknown): never {
  const e = err as { statusCode?: number; response?: { headers?: { get?(n: string): string | undefined } & Record<string, unknown> } };
  if (e?.statusCode && RETRYABLE.has(e.statusCode)) {
    const header = e.response?.headers?.get?.('retry-after') ?? (e.response?.headers?.['retry-after'] as string | undefined);
    const seconds = Number(header);
    throw new RateLimitedError(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000, `Bot Connector answered ${e.statusCode}`);
  }
  throw err;
}

/**
 * Delivers the core's intents to Teams through stored conversation references, so any replica
 * can message customers, owners and channels after a restart (continueConversationAsync).
 */
export class TeamsNotifier implements Notifier {
  readonly platform = 'teams' as const;

  constructor(private readonly d: TeamsNotifierDeps) {}

  async deliver(intent: OutboundIntent): Promise<void> {
    try {
      await this.send(intent);
    } catch (err) {
      translate(err);
    }
  }

  private async ref(key: string): Promise<Partial<ConversationReference> | null> {
    return (await this.d.refs.get('teams', key)) as Partial<ConversationReference> | null;
  }

  /** A channel the bot may not have heard from yet: address it with the service URL it already knows. */
  private async channelRef(channelId: string, threadId?: string): Promise<Partial<ConversationReference>> {
    const known = (await this.ref(`channel:${channelId}`)) ?? (await this.ref('service'));
    if (!known?.serviceUrl) throw new Error(`no Teams conversation reference yet for channel ${channelId}; install the app in that team`);
    const id = threadId ? `${channelId};messageid=${threadId}` : channelId;
    return { ...known, conversation: { ...(known.conversation ?? {}), id, isGroup: true, conversationType: 'channel' } as ConversationReference['conversation'] };
  }

  private run(ref: Partial<ConversationReference>, logic: Parameters<CloudAdapter['continueConversationAsync']>[2]): Promise<void> {
    return this.d.adapter.continueConversationAsync(this.d.appId, ref, logic);
  }

  private async send(intent: OutboundIntent): Promise<void> {
    switch (intent.type) {
      case 'customer_message': {
        const ref = await this.ref(`conv:${intent.channelId}`);
        if (!ref) throw new Error(`no Teams conversation reference for ${intent.channelId}`);
        const inChannel = ref.conversation?.conversationType === 'channel' && intent.threadId;
        const target = inChannel ? { ...ref, conversation: { ...ref.conversation!, id: `${intent.channelId};messageid=${intent.threadId}` } } : ref;
        const activity = intent.actions ? { type: 'message', text: intent.text, attachments: [asAttachment(customerCard(intent.text, intent.actions, intent.caseId))] } : { type: 'message', text: intent.text };
        await this.run(target, async (tc) => void (await tc.sendActivity(activity)));
        return;
      }
      case 'case_card': {
        const view = await this.d.caseView(intent.caseId);
        const attachment = asAttachment(caseCard(view, this.d.staffFor(view.departmentKey)));
        const posted = await this.d.cards.get(intent.caseId, 'teams');
        const ref = await this.channelRef(posted?.channelId ?? intent.channelId);
        if (posted) {
          await this.run(ref, async (tc) => void (await tc.updateActivity({ id: posted.messageId, type: 'message', attachments: [attachment] })));
          return;
        }
        let id: string | undefined;
        await this.run(ref, async (tc) => {
          id = (await tc.sendActivity({ type: 'message', attachments: [attachment] }))?.id;
        });
        if (!id) throw new Error('the Bot Connector returned no activity id for the case card');
        await this.d.cards.save(intent.caseId, 'teams', intent.channelId, id);
        return;
      }
      case 'card_note': {
        const posted = await this.d.cards.get(intent.caseId, 'teams');
        const ref = await this.channelRef(posted?.channelId ?? intent.channelId, posted?.messageId);
        await this.run(ref, async (tc) => void (await tc.sendActivity(intent.text)));
        return;
      }
      case 'direct_message': {
        const ref = await this.ref(`user:${intent.userId}`);
        if (!ref) throw new Error(`cannot reach Teams user ${intent.userId} yet: they have not chatted with the bot`);
        await this.run(ref, async (tc) => void (await tc.sendActivity(intent.text)));
        return;
      }
      case 'channel_message': {
        const ref = await this.channelRef(intent.channelId);
        const attachments = intent.attachment ? [{ contentType: intent.attachment.mimeType, contentUrl: `data:${intent.attachment.mimeType};base64,${intent.attachment.contentBase64}`, name: intent.attachment.fileName }] : undefined;
        await this.run(ref, async (tc) => void (await tc.sendActivity({ type: 'message', text: intent.text, ...(attachments ? { attachments } : {}) })));
        return;
      }
    }
  }
}
