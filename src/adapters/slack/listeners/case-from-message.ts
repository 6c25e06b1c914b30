import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { CustomerMessage } from '../../../core/ports.js';
import { SlackMessageEvent, toCustomerMessage } from '../normalize-message.js';
import { staffText } from '../../../core/staff-text/staff-text-catalog.js';
import { SHORTCUT_CREATE_CASE, TICKET_REACTION } from '../slack-ids.js';
import { slackActor, type SlackContext } from '../slack-context.js';

const ReactionAdded = z.object({
  reaction: z.string(),
  user: z.string(),
  item: z.object({ type: z.literal('message'), channel: z.string(), ts: z.string() }),
});

const MessageShortcut = z.object({
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional(), user: z.string().optional(), text: z.string().optional(), files: z.array(z.unknown()).optional() }),
});

/** Someone's message as the customer message it becomes: the case belongs to the message's author. */
function authoredMessage(ctx: SlackContext, raw: unknown, channel: string): CustomerMessage | null {
  const parsed = SlackMessageEvent.safeParse({ type: 'message', channel, ...(raw as object) });
  if (!parsed.success || !parsed.data.user) return null;
  const e = parsed.data as typeof parsed.data & { user: string };
  return toCustomerMessage(e, e.user, ctx.botUserId());
}

async function fetchMessage(client: WebClient, channel: string, ts: string): Promise<unknown> {
  const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
  const found = history.messages?.find((m) => m.ts === ts);
  if (found) return found;
  const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 1 });
  return replies.messages?.find((m) => m.ts === ts);
}

export function registerCaseFromMessage(app: App, ctx: SlackContext): void {
  app.event('reaction_added', async ({ event, client }) => {
    const r = ReactionAdded.safeParse(event);
    if (!r.success || r.data.reaction !== TICKET_REACTION) return;
    const { channel, ts } = r.data.item;
    // A reaction from anyone else is just a reaction: nothing is said.
    await ctx.app.openCaseFromMessage(slackActor(r.data.user), async () => {
      const message = await fetchMessage(client, channel, ts);
      return message ? authoredMessage(ctx, message, channel) : null;
    });
  });

  app.shortcut(SHORTCUT_CREATE_CASE, async ({ ack, shortcut, client }) => {
    await ack();
    const s = MessageShortcut.safeParse(shortcut);
    if (!s.success) return;
    const where = { channel: s.data.channel.id, user: s.data.user.id };
    const actor = slackActor(s.data.user.id);
    const language = ctx.app.languageOf(actor);
    const result = await ctx.app.openCaseFromMessage(actor, async () => authoredMessage(ctx, s.data.message, s.data.channel.id));
    const text =
      'caseNumber' in result
        ? staffText(result.kind === 'opened' ? 'shortcut_opened' : 'shortcut_already_case', language, { number: result.caseNumber })
        : staffText(result.kind === 'not_staff' ? 'shortcut_staff_only' : 'shortcut_no_author', language);
    await client.chat.postEphemeral({ ...where, text }).catch(() => {});
  });
}
