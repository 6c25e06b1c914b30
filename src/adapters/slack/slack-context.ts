import type { WebClient } from '@slack/web-api';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import type { Logger } from '../../app/logger.js';
import { DeskError } from '../../core/errors.js';
import type { Actor } from '../../core/ports.js';

/** What every Slack listener needs; built once by createSlackAdapter. */
export interface SlackContext {
  runtime: DeskRuntime;
  logger: Logger;
  /** The bot's own user id, learned from auth.test at start-up. */
  botUserId(): string | undefined;
  departmentChannels: ReadonlySet<string>;
  supportChannels: ReadonlySet<string>;
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
