import type { WebClient } from '@slack/web-api';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import type { Logger } from '../../app/logger.js';
import type { OutageLog } from '../../app/outage-log.js';
import { DeskError } from '../../core/errors.js';
import type { Actor, CustomerMessage } from '../../core/ports.js';

/** What every Slack listener needs; built once by createSlackAdapter. */
export interface SlackContext {
  runtime: DeskRuntime;
  logger: Logger;
  /** The bot's own user id, learned from auth.test at start-up. */
  botUserId(): string | undefined;
  departmentChannels: ReadonlySet<string>;
  supportChannels: ReadonlySet<string>;
  /** Says once that events are being refused because the inbox cannot store them, and once when they are stored again. */
  intakeOutage: OutageLog;
}

/**
 * The inbox could not store a customer's message. It reaches Bolt's error handling, so Slack
 * gets a 503 instead of an acknowledgement and delivers the event again later.
 */
export class InboxUnavailableError extends Error {
  // Bolt passes errors with a code through unchanged, so the receiver can recognise this one.
  readonly code = 'desk_inbox_unavailable';
  constructor(cause: unknown) {
    super('the inbox could not store the message', { cause });
    this.name = 'InboxUnavailableError';
  }
}

/** Stores a customer's message in the inbox before the event is acknowledged, and wakes the inbox worker. */
export async function storeInInbox(ctx: SlackContext, message: CustomerMessage): Promise<'accepted' | 'duplicate'> {
  let result: 'accepted' | 'duplicate';
  try {
    result = await ctx.runtime.inbox.accept(message);
  } catch (err) {
    ctx.intakeOutage.failed(err);
    throw new InboxUnavailableError(err);
  }
  ctx.intakeOutage.succeeded();
  ctx.runtime.inboxWorker.poke();
  return result;
}

export const slackActor = (userId: string): Actor => ({ platform: 'slack', userId });

/**
 * Runs a staff or customer action and turns a domain refusal into an ephemeral note for
 * the person who clicked, so a "no" is never a 5xx or a silent failure.
 */
export async function runForUser(ctx: SlackContext, client: WebClient, where: { channel?: string | undefined; user: string }, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    ctx.runtime.outbox.poke();
  } catch (err) {
    if (!(err instanceof DeskError)) throw err;
    ctx.logger.info({ code: err.code, user: where.user }, 'slack action refused');
    if (where.channel) await client.chat.postEphemeral({ channel: where.channel, user: where.user, text: `⚠️ ${err.message}` }).catch(() => {});
  }
}
