import { z } from 'zod';
import type { AttachmentRef, CustomerMessage } from '../../core/ports.js';

const SlackFile = z.object({
  id: z.string(),
  name: z.string().nullish(),
  title: z.string().nullish(),
  mimetype: z.string().nullish(),
  permalink: z.string().nullish(),
  url_private: z.string().nullish(),
  url_private_download: z.string().nullish(),
  size: z.number().int().nonnegative().nullish(),
});

/** The fields of a Slack message event we read; anything else is ignored, anything malformed rejected. */
export const SlackMessageEvent = z.object({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1).optional(),
  bot_id: z.string().optional(),
  text: z.string().max(40_000).optional().default(''),
  ts: z.string().regex(/^\d+\.\d+$/),
  thread_ts: z.string().regex(/^\d+\.\d+$/).optional(),
  files: z.array(SlackFile).max(20).optional(),
});
export type SlackMessageEvent = z.infer<typeof SlackMessageEvent>;

// Only these message subtypes are written by a person; edits, joins, bot posts are not complaints.
const PERSON_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

export function isFromPerson(e: SlackMessageEvent, botUserId: string | undefined): e is SlackMessageEvent & { user: string } {
  if (!e.user || e.bot_id || e.user === botUserId) return false;
  return e.subtype === undefined || PERSON_SUBTYPES.has(e.subtype);
}

export function stripMention(text: string, botUserId: string | undefined): string {
  return (botUserId ? text.split(`<@${botUserId}>`).join('') : text).trim();
}

/** The message opens with an @-mention of the bot (its id known); an unknown id never matches. */
export function startsWithMention(text: string, botUserId: string | undefined): boolean {
  return botUserId !== undefined && text.trimStart().startsWith(`<@${botUserId}>`);
}

export function toAttachments(files: SlackMessageEvent['files']): AttachmentRef[] {
  return (files ?? []).map((f) => ({ fileId: f.id, name: f.name ?? f.title ?? f.id, mimeType: f.mimetype ?? null, url: f.url_private_download ?? f.url_private ?? f.permalink ?? null, size: f.size ?? null }));
}

/**
 * A Slack message as the core's CustomerMessage. The message id is channel:ts, the same for
 * every delivery of one message (event_id can differ between deliveries, node-slack-sdk#2141).
 */
export function toCustomerMessage(e: SlackMessageEvent & { user: string }, author: string, botUserId: string | undefined): CustomerMessage {
  return {
    platform: 'slack',
    messageId: `${e.channel}:${e.ts}`,
    customer: { userId: author },
    conversation: { channelId: e.channel, threadId: e.thread_ts ?? e.ts, isPrivate: e.channel_type === 'im' || e.channel.startsWith('D') },
    ...(e.thread_ts && e.thread_ts !== e.ts ? { threadRootMessageId: `${e.channel}:${e.thread_ts}` } : {}),
    text: stripMention(e.text, botUserId),
    attachments: toAttachments(e.files),
  };
}
