import { PollingLoop } from './polling-loop.js';
import { yieldToIntake, type IntakeYield } from './yield-to-intake.js';
import type { OutageLog } from '../app/outage-log.js';
import { RateLimitedError, type Clock, type Notifier, type Platform } from '../core/ports.js';
import type { ClaimedOutboxRow, OutboxStore } from '../persistence/outbox-store.js';

export interface OutboxWorkerOptions {
  store: OutboxStore;
  notifiers: Partial<Record<Platform, Notifier>>;
  clock: Clock;
  workerId: string;
  /** Minimum gap between two sends to the same channel/person, per platform (Slack: ~1 message/s per channel). */
  minIntervalMs?: Partial<Record<Platform, number>>;
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  onError?: (err: unknown, row: ClaimedOutboxRow) => void;
  onSent?: (row: ClaimedOutboxRow) => void;
  /** Logs the database going away and coming back, once each. */
  outage?: OutageLog;
  /** Steps aside while customer messages are being acknowledged (see yield-to-intake.ts). */
  yieldToIntake?: IntakeYield & { lastAcceptAt: () => number };
}

export interface DrainResult {
  sent: number;
  rateLimited: number;
  failed: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Delivers the outbox: claims due rows, sends each through its platform's notifier with
 * per-channel pacing, honours Retry-After, and backs off on errors. A row is marked sent
 * only after the platform accepted it, so a crash means "send again", never "lost".
 */
export class OutboxWorker {
  private readonly lastSentAt = new Map<string, number>();
  private readonly loop: PollingLoop;
  /** Claimed rows that could not be put back because the database was away. */
  private readonly stranded = new Set<bigint>();

  constructor(private readonly o: OutboxWorkerOptions) {
    const drain = async () => {
      const d = await this.drainOnce();
      return d.sent + d.failed + d.rateLimited;
    };
    this.loop = new PollingLoop(drain, o.outage ? { outage: o.outage } : {});
  }

  async drainOnce(): Promise<DrainResult> {
    const { store, clock, workerId } = this.o;
    if (this.stranded.size > 0) {
      // Without this they would wait out their lease (a minute) after the database is back.
      const ids = [...this.stranded];
      await store.release(ids, workerId);
      for (const id of ids) this.stranded.delete(id);
    }
    const rows = await store.claim(workerId, clock.now(), this.o.batchSize ?? 200, this.o.leaseMs ?? 60_000);
    // Reached the database: say so now, not after a batch that may take seconds.
    this.o.outage?.succeeded();
    const byKey = new Map<string, ClaimedOutboxRow[]>();
    for (const row of rows) byKey.set(row.rateKey, [...(byKey.get(row.rateKey) ?? []), row]);
    const result: DrainResult = { sent: 0, rateLimited: 0, failed: 0 };
    await Promise.all([...byKey.values()].map((queue) => this.sendInOrder(queue, result)));
    return result;
  }

  private async sendInOrder(queue: ClaimedOutboxRow[], result: DrainResult): Promise<void> {
    const { store, clock, workerId } = this.o;
    const sleep = this.o.sleep ?? realSleep;
    for (const [i, row] of queue.entries()) {
      if (this.o.yieldToIntake) await yieldToIntake(this.o.yieldToIntake.lastAcceptAt, this.o.yieldToIntake);
      const notifier = this.o.notifiers[row.intent.platform];
      const gap = this.o.minIntervalMs?.[row.intent.platform] ?? 0;
      const wait = (this.lastSentAt.get(row.rateKey) ?? -Infinity) + gap - clock.now().getTime();
      if (wait > 0) await sleep(wait);
      try {
        if (!notifier) throw new Error(`no adapter delivers to ${row.intent.platform}`);
        await notifier.deliver(row.intent);
        this.lastSentAt.set(row.rateKey, clock.now().getTime());
        await store.markSent(row.id, workerId, clock.now());
        result.sent++;
        this.o.onSent?.(row);
      } catch (err) {
        const now = clock.now().getTime();
        if (err instanceof RateLimitedError) {
          // The platform asked us to wait: this row and the rest of its channel's queue go back, in order.
          result.rateLimited++;
          this.lastSentAt.set(row.rateKey, now + err.retryAfterMs - gap);
          for (const rest of queue.slice(i))
            await store.reschedule(rest.id, workerId, new Date(now + err.retryAfterMs), err.message, false, false);
          return;
        }
        result.failed++;
        this.o.onError?.(err, row);
        const attempts = row.attempts + 1;
        const dead = attempts >= (this.o.maxAttempts ?? 12);
        const backoff = Math.min(2 ** attempts * 1000, 10 * 60_000) * (0.8 + Math.random() * 0.4);
        const putBack = await store.reschedule(row.id, workerId, new Date(now + backoff), String((err as Error)?.message ?? err), true, dead).then(
          () => true,
          () => false,
        );
        if (!putBack) {
          // The database is away: this row and the rest of its queue wait for the next drain.
          for (const rest of queue.slice(i)) this.stranded.add(rest.id);
          throw err;
        }
      }
    }
  }

  start(pollMs = 1000): void {
    this.loop.start(pollMs);
  }

  /** Wakes the loop at once: a handler has just written new work. */
  poke(): void {
    this.loop.poke();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
