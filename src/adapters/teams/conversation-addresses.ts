import { z } from 'zod';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationRefStore } from '../../core/ports.js';

/** A stored reference, checked on the way out of the database: only what proactive sends need. */
const StoredReference = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().min(1),
    conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional(), tenantId: z.string().optional(), isGroup: z.boolean().optional() }).passthrough(),
    bot: z.object({ id: z.string().min(1), name: z.string().optional() }).passthrough(),
    user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional(), name: z.string().optional() }).passthrough().optional(),
    locale: z.string().optional(),
  })
  .passthrough();
export type TeamsAddress = z.infer<typeof StoredReference> & Partial<ConversationReference>;

/** "19:abc@thread.tacv2;messageid=123" → the channel and the post whose thread this is. */
export function splitConversationId(id: string): { conversationId: string; threadRootId: string | null } {
  const [conversationId, threadRootId] = id.split(';messageid=');
  return { conversationId: conversationId!, threadRootId: threadRootId ?? null };
}

/**
 * Where the bot can reach people and channels later, kept in the database so any replica can
 * send after a restart (never in process memory, unlike BotBuilder sample 16). Keys:
 * `conversation:<id>` (a personal chat, group chat or channel, without thread suffix),
 * `user:<AAD object id>` (that person's personal chat with the bot), and `service`: the
 * last reference seen at all, whose service URL, tenant and bot identity let the bot open
 * channels and chats it has not heard from yet.
 */
export class ConversationAddresses {
  constructor(private readonly store: ConversationRefStore) {}

  async remember(activity: Partial<Activity>): Promise<void> {
    if (!activity.conversation?.id || !activity.serviceUrl || !activity.recipient?.id) return;
    const reference = TurnContext.getConversationReference(activity);
    const { conversationId } = splitConversationId(activity.conversation.id);
    // Without the activity id and thread suffix: a later send starts from the conversation, not a reply to this turn.
    const address = { ...reference, activityId: undefined, conversation: { ...reference.conversation, id: conversationId } };
    await this.store.save('teams', `conversation:${conversationId}`, address);
    if (activity.conversation.conversationType === 'personal' && activity.from?.aadObjectId) await this.store.save('teams', `user:${activity.from.aadObjectId}`, address);
    await this.store.save('teams', 'service', address);
  }

  /** Stores the personal chat the bot opened with someone (createConversation). */
  async rememberPersonalChat(aadObjectId: string, address: TeamsAddress): Promise<void> {
    await this.store.save('teams', `user:${aadObjectId}`, address);
    await this.store.save('teams', `conversation:${address.conversation.id}`, address);
  }

  conversation(conversationId: string): Promise<TeamsAddress | null> {
    return this.read(`conversation:${conversationId}`);
  }

  personalChat(aadObjectId: string): Promise<TeamsAddress | null> {
    return this.read(`user:${aadObjectId}`);
  }

  anyService(): Promise<TeamsAddress | null> {
    return this.read('service');
  }

  /**
   * A channel, or a thread in it (`threadRootId`). A department channel the bot was added to
   * but never heard from is addressed with the service URL and bot of any stored reference.
   * Only those are taken from it: the stored reference may be a customer's personal chat, and
   * a post in a staff channel must not carry that customer (name, AAD object id) as recipient.
   */
  async channel(channelId: string, threadRootId?: string | null): Promise<TeamsAddress | null> {
    const known = (await this.conversation(channelId)) ?? (await this.anyService());
    if (!known) return null;
    const id = threadRootId ? `${channelId};messageid=${threadRootId}` : channelId;
    const tenantId = known.conversation.tenantId;
    return {
      serviceUrl: known.serviceUrl,
      channelId: known.channelId,
      bot: known.bot,
      // botbuilder's ConversationAccount type wants a name; a channel post needs none.
      conversation: { id, conversationType: 'channel', isGroup: true, ...(tenantId ? { tenantId } : {}) } as TeamsAddress['conversation'],
    };
  }

  private async read(key: string): Promise<TeamsAddress | null> {
    const parsed = StoredReference.safeParse(await this.store.get('teams', key));
    return parsed.success ? (parsed.data as TeamsAddress) : null;
  }
}
