import { z } from 'zod';
import type { AttachmentRef, CustomerMessage } from '../../core/ports.js';
import { splitConversationId } from './conversation-addresses.js';

const Attachment = z.object({
  contentType: z.string().max(200),
  contentUrl: z.string().max(4000).optional(),
  name: z.string().max(500).optional(),
  content: z.unknown().optional(),
});

// A file sent in a personal chat (bot manifest `supportsFiles`): the link is in `content`.
const FileDownloadInfo = z.object({ downloadUrl: z.string().optional(), uniqueId: z.string().optional(), fileType: z.string().optional() });
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** The fields of a Teams message activity we read; Bot Framework sends many more, which we ignore. */
export const MessageActivity = z.object({
  type: z.literal('message'),
  id: z.string().min(1).max(512),
  text: z.string().max(40_000).optional(),
  locale: z.string().max(20).optional(),
  from: z.object({ id: z.string().min(1), aadObjectId: z.string().optional(), name: z.string().optional() }),
  conversation: z.object({ id: z.string().min(1), conversationType: z.string().optional() }),
  attachments: z.array(Attachment).max(20).optional(),
});
export type MessageActivity = z.infer<typeof MessageActivity>;

/** Who someone is in the desk: the AAD object id (what the staff config lists), else the Teams user id. */
export const teamsUserId = (from: { id: string; aadObjectId?: string | undefined }) => from.aadObjectId ?? from.id;

/**
 * Evidence from attachments: uploaded files and pasted images. The HTML copy of the message
 * and cards (ours, echoed back) are not evidence.
 */
export function toAttachmentRefs(list: MessageActivity['attachments']): AttachmentRef[] {
  const refs: AttachmentRef[] = [];
  for (const [i, a] of (list ?? []).entries()) {
    if (a.contentType === 'text/html' || a.contentType.startsWith('application/vnd.microsoft.card')) continue;
    const name = a.name ?? `attachment-${i + 1}`;
    if (a.contentType === FILE_DOWNLOAD_INFO) {
      const info = FileDownloadInfo.safeParse(a.content ?? {});
      const file = info.success ? info.data : {};
      refs.push({ fileId: file.uniqueId ?? a.contentUrl ?? name, name, mimeType: file.fileType ?? null, url: file.downloadUrl ?? a.contentUrl ?? null });
      continue;
    }
    refs.push({ fileId: a.contentUrl ?? name, name, mimeType: a.contentType, url: a.contentUrl ?? null });
  }
  return refs;
}

/**
 * A Teams message as the core's CustomerMessage; `text` has the bot's @mention removed.
 * The message id is the activity id, the same on every redelivery, prefixed with the
 * conversation because Teams ids (millisecond timestamps) are unique only within one. A personal chat has no
 * threads, so the chat itself is the thread: a later answer joins the open case however
 * long after it comes. In a channel the thread is the reply chain (`;messageid=<root>`).
 */
export function toCustomerMessage(a: MessageActivity, text: string): CustomerMessage {
  const { conversationId, threadRootId } = splitConversationId(a.conversation.id);
  const inChannel = a.conversation.conversationType === 'channel';
  return {
    platform: 'teams',
    messageId: `${conversationId}:${a.id}`,
    customer: { userId: teamsUserId(a.from), displayName: a.from.name ?? null, locale: a.locale ?? null },
    conversation: { channelId: conversationId, threadId: inChannel ? (threadRootId ?? a.id) : conversationId, isPrivate: a.conversation.conversationType === 'personal' },
    text,
    attachments: toAttachmentRefs(a.attachments),
  };
}
