import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { AttachmentRef, CustomerMessage } from '../../core/ports.js';

/** The activity fields we read, validated; Bot Framework sends much more, which we ignore. */
export const InboundActivity = z.object({
  id: z.string().min(1).max(512),
  type: z.literal('message'),
  text: z.string().max(40_000).optional().default(''),
  from: z.object({ id: z.string().min(1), aadObjectId: z.string().optional(), name: z.string().optional() }),
  conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional() }),
  replyToId: z.string().optional(),
  attachments: z.array(z.object({ contentType: z.string(), contentUrl: z.string().optional(), name: z.string().optional(), content: z.unknown().optional() })).max(20).optional(),
});
export type InboundActivity = z.infer<typeof InboundActivity>;

export const teamsUserId = (from: { id: string; aadObjectId?: string | undefined }) => from.aadObjectId ?? from.id;

/** "19:abc@thread.tacv2;messageid=123" → the channel and the thread root. */
export function splitConversation(id: string): { channelId: string; threadId: string | null } {
  const [channelId, suffix] = id.split(';messageid=');
  return { channelId: channelId!, threadId: suffix ?? null };
}

function toAttachments(list: InboundActivity['attachments']): AttachmentRef[] {
  return (list ?? [])
    .filter((a) => a.contentType !== 'text/html' && !a.contentType.startsWith('application/vnd.microsoft.card'))
    .map((a, i) => {
      const download = (a.content as { downloadUrl?: string; uniqueId?: string } | undefined) ?? {};
      return { fileId: download.uniqueId ?? a.contentUrl ?? `attachment-${i}`, name: a.name ?? `attachment-${i + 1}`, mimeType: a.contentType, url: a.contentUrl ?? download.downloadUrl ?? null };
    });
}

/**
 * A Teams message as the core's CustomerMessage. In a personal chat the whole chat is one
 * thread; in a channel, the reply chain is.
 */
export function toCustomerMessage(a: InboundActivity, text: string): CustomerMessage {
  const { channelId, threadId } = splitConversation(a.conversation.id);
  const personal = a.conversation.conversationType !== 'channel';
  return {
    platform: 'teams',
    messageId: a.id,
    customer: { userId: teamsUserId(a.from), displayName: a.from.name ?? null },
    conversation: { channelId, threadId: personal ? channelId : (threadId ?? a.replyToId ?? a.id) },
    text,
    attachments: toAttachments(a.attachments),
  };
}

export type { Activity };
