import type { App } from '@slack/bolt';
import { DeskError } from '../../../core/errors.js';
import { isFromPerson, SlackMessageEvent, stripMention, toCustomerMessage } from '../normalize-message.js';
import { slackActor, storeInInbox, type SlackContext } from '../slack-context.js';

/**
 * Customer intake (DMs, support channels, mentions) and staff notes in a case card's thread.
 * The customer's message is stored in the inbox before this listener returns, and Bolt
 * (processBeforeResponse) acknowledges only then: if the store fails, Slack gets a 503 and
 * retries, so an acknowledged message is never lost.
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
      if (e.thread_ts) await staffThreadMessage(ctx, e.channel, e.thread_ts, e.ts, e.user, e.text);
      return;
    }
    const mentioned = bot !== undefined && e.text.includes(`<@${bot}>`);
    const direct = e.channel_type === 'im' || e.channel.startsWith('D');
    if (!direct && !mentioned && !ctx.supportChannels.has(e.channel)) return;
    const message = toCustomerMessage(e, e.user, bot);
    if (!message.text && !message.attachments?.length) return;
    const stored = await storeInInbox(ctx, message);
    ctx.runtime.metrics.eventsReceived.inc({ platform: 'slack', outcome: stored });
  };
  app.event('message', async ({ event }) => handle(event));
  app.event('app_mention', async ({ event }) => handle(event));
}

async function staffThreadMessage(ctx: SlackContext, channel: string, threadTs: string, ts: string, user: string, text: string): Promise<void> {
  const caseId = await ctx.runtime.cards.findCaseByMessage('slack', channel, threadTs);
  if (!caseId) return;
  const bot = ctx.botUserId();
  const replyForm = bot ? new RegExp(`^\\s*<@${bot}>\\s*reply\\s+([\\s\\S]+)$`, 'i') : /^\s*reply\s+([\s\S]+)$/i;
  const reply = replyForm.exec(text);
  try {
    if (reply) await ctx.runtime.desk.replyToCustomer(slackActor(user), caseId, reply[1]!.trim());
    else await ctx.runtime.desk.addInternalNote(slackActor(user), caseId, stripMention(text, bot), `${channel}:${ts}`);
    ctx.runtime.outbox.poke();
  } catch (err) {
    // Someone outside the department chatting in the thread: nothing to record, nothing to send.
    if (!(err instanceof DeskError)) throw err;
    ctx.logger.info({ code: err.code }, 'card thread message not recorded');
  }
}
