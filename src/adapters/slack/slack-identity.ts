import type { Logger } from '../../shared/logger.js';

export type Sleep = (ms: number) => Promise<void>;

/** 1 s, 2 s, 4 s … capped at a minute: Slack being away for an hour costs 60 calls, not thousands. */
export const authTestDelayMs = (failures: number): number => Math.min(1000 * 2 ** Math.max(0, failures - 1), 60_000);

/** A timer that does not keep the process alive on its own. */
export const unrefSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Who the bot is in Slack (auth.test), learned before any event is handled: the mention rules
 * ("reply …" only when the message opens with the bot's mention, mentions in support channels)
 * need the bot's user id. The first try happens at start-up; when it fails, it is tried again
 * with back-off until it succeeds, and `known` resolves then.
 */
export class SlackIdentity {
  botUserId: string | undefined;
  botId: string | undefined;
  failures = 0;
  readonly known: Promise<void>;
  private resolveKnown!: () => void;
  private stopped = false;

  constructor(
    private readonly authTest: () => Promise<{ user_id?: string | undefined; bot_id?: string | undefined }>,
    private readonly o: { sleep: Sleep; logger: Pick<Logger, 'warn' | 'info' | 'debug'> },
  ) {
    this.known = new Promise((resolve) => (this.resolveKnown = resolve));
  }

  get isKnown(): boolean {
    return this.botUserId !== undefined;
  }

  /** Tries once and returns; on failure the retries go on in the background. */
  async start(): Promise<void> {
    if (await this.attempt()) return;
    void this.retry();
  }

  stop(): void {
    this.stopped = true;
  }

  private async retry(): Promise<void> {
    while (!this.stopped) {
      await this.o.sleep(authTestDelayMs(this.failures));
      if (this.stopped || (await this.attempt())) return;
    }
  }

  private async attempt(): Promise<boolean> {
    try {
      const r = await this.authTest();
      if (!r.user_id) throw new Error('auth.test returned no user_id');
      this.botUserId = r.user_id;
      this.botId = r.bot_id;
      if (this.failures > 0) this.o.logger.info({ botUserId: r.user_id, failures: this.failures }, 'slack auth.test succeeded; Slack events are accepted from now on');
      this.resolveKnown();
      return true;
    } catch (err) {
      this.failures++;
      const line = { err: (err as Error).message, failures: this.failures, retryInMs: authTestDelayMs(this.failures) };
      // Once per outage at warn level; the retries themselves at debug.
      if (this.failures === 1) this.o.logger.warn(line, 'slack auth.test failed; Slack events are refused (503, delivered again) and /readyz is 503 until it succeeds; retrying with back-off');
      else this.o.logger.debug(line, 'slack auth.test failed again');
      return false;
    }
  }
}
