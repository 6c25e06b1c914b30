import type { App } from '@slack/bolt';
import { isFromPerson, SlackMessageEvent, startsWithMention, stripMention, toCustomerMessage } from '../normalize-message.js';
import type { SlackContext } from '../slack-context.js';

/**
 * Customer intake (DMs, support channels, mentions) and staff messages in a case card's thread.
 * The customer's message is stored in the inbox before this listener returns, and Bolt
 * (processBeforeResponse) acknowledges only then: if the store fails, Slack gets a 503 and
 * retries, so an acknowledged message is never lost. Slack delivers a mention as both
 * `message` and `app_mention`; both paths are idempotent on the message's channel and ts.
 */
export function registerMessageListeners(app: App, ctx: SlackContext): void {
  const handle = async (raw: unknown) => {
    const parsed = SlackMessageEvent.safeParse(raw);
    if (!parsed.success) {
      ctx.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'slack message event ignored: unexpected shape');
      return;
    }
    const e = parsed.data;
    const bot = ctx.botUserId();
    if (!isFromPerson(e, bot)) return;

    if (ctx.departmentChannels.has(e.channel)) {
      if (!e.thread_ts || e.thread_ts === e.ts) return;
      const outcome = await ctx.app.cardThreadMessage({
        platform: 'slack',
        channelId: e.channel,
        cardMessageId: e.thread_ts,
        messageId: e.ts,
        userId: e.user,
        text: stripMention(e.text, bot),
        addressedToBot: startsWithMention(e.text, bot),
      });
      if (outcome.kind === 'refused') ctx.logger.info({ code: outcome.error.code }, 'card thread message not recorded');
      return;
    }
    const mentioned = bot !== undefined && e.text.includes(`<@${bot}>`);
    const direct = e.channel_type === 'im' || e.channel.startsWith('D');
    if (!direct && !mentioned && !ctx.supportChannels.has(e.channel)) return;
    const message = toCustomerMessage(e, e.user, bot);
    if (!message.text && !message.attachments?.length) return;
    await ctx.app.acceptCustomerMessage(message);
  };
  app.event('message', async ({ event }) => handle(event));
  app.event('app_mention', async ({ event }) => handle(event));
}
