import type { WebClient } from '@slack/web-api';
import type { DeskApplication } from '../../application/desk-application.js';
import type { Logger } from '../../app/logger.js';
import { DeskError, DuplicateRequestError } from '../../core/errors.js';
import type { Actor } from '../../core/ports.js';

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
