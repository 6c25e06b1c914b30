import type { WebClient } from '@slack/web-api';
import type { DeskApplication } from '../../application/desk-application.js';
import type { Logger } from '../../shared/logger.js';
import { DeskError, DuplicateRequestError } from '../../core/errors.js';
import type { CustomerClick } from '../../core/cases/customer-clicks.js';
import type { Actor } from '../../core/ports.js';
import { answeredMessageBlocks, type Block } from './blocks/customer-blocks.js';

/** What every Slack listener needs; built once by createSlackAdapter. */
export interface SlackContext {
  app: DeskApplication;
  logger: Logger;
  /** The bot's own user id, learned from auth.test; undefined until it has succeeded. */
  botUserId(): string | undefined;
  departmentChannels: ReadonlySet<string>;
  supportChannels: ReadonlySet<string>;
}

export const slackActor = (userId: string): Actor => ({ platform: 'slack', userId });

/**
 * Slack's one error hook for people's actions: a domain refusal becomes an ephemeral note, in
 * the clicker's language, for the person who clicked; a redelivered request is a quiet success.
 * A "no" is never a 5xx or a silent failure.
 */
export async function runForUser(ctx: SlackContext, client: WebClient, where: { channel?: string | undefined; user: string }, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof DuplicateRequestError) return;
    if (!(err instanceof DeskError)) throw err;
    ctx.logger.info({ code: err.code, user: where.user }, 'slack action refused');
    const text = `⚠️ ${ctx.app.describeRefusal(err, slackActor(where.user))}`;
    if (where.channel) await client.chat.postEphemeral({ channel: where.channel, user: where.user, text }).catch(() => {});
  }
}

/** The message a customer's button was on: where to `chat.update` it, and the sections it showed. */
export interface ClickedMessage {
  channel: string;
  ts: string;
  sections: Block[];
}

/**
 * A customer's answer on Slack. Answered, the clicked message is replaced with `chat.update`
 * (channel + `container.message_ts`) by the bot that posted it: `response_url` would do it only
 * within 30 minutes and 5 uses of the click, and a survey is often answered days later. The
 * answer is recorded before the update, so a failed update is logged and the answer stands;
 * a refusal (a second click on an old card) is told to the customer alone, in their language.
 */
export async function answerCustomerClick(ctx: SlackContext, client: WebClient, who: { channel?: string | undefined; user: string }, click: CustomerClick, message: ClickedMessage | null): Promise<void> {
  const outcome = await ctx.app.customerClick(slackActor(who.user), click);
  if (outcome.kind === 'refused') {
    ctx.logger.info({ code: outcome.error.code, user: who.user }, 'slack customer click refused');
    if (who.channel) await client.chat.postEphemeral({ channel: who.channel, user: who.user, text: `⚠️ ${outcome.text}` }).catch(() => {});
    return;
  }
  if (!message) return;
  await client.chat
    .update({ channel: message.channel, ts: message.ts, ...answeredMessageBlocks(message.sections, outcome.card) })
    .catch((err: unknown) => ctx.logger.warn({ err: String(err), caseId: outcome.caseId }, 'slack answered card not updated; the answer is recorded'));
}
