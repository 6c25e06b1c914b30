import { PolledWorker } from './polling-loop.js';
import { yieldToIntake, type IntakeYield } from './yield-to-intake.js';
import type { OutageLog } from '../shared/outage-log.js';
import { StrandedRows, type DeadLetterNotice, type LeasedQueue, type LeasedRow } from '../application/leased-queue.js';
import type { OutboxItem, RatePacer } from '../application/outbox.js';
import { RateLimitedError, type Clock, type Notifier, type Platform } from '../core/ports.js';

export type OutboxRow = LeasedRow<OutboxItem>;

export interface OutboxWorkerOptions {
  queue: LeasedQueue<OutboxItem>;
  /** Per-channel pacing shared by every replica; without it (one process, tests) there is no pacing. */
  pacer?: RatePacer;
  notifiers: Partial<Record<Platform, Notifier>>;
  clock: Clock;
  workerId: string;
  /** Minimum gap between two sends to the same channel/person, per platform (Slack: ~1 message/s per channel). */
  minIntervalMs?: Partial<Record<Platform, number>>;
  batchSize?: number;
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onError?: (err: unknown, row: OutboxRow) => void;
  onSent?: (row: OutboxRow) => void;
  /** Once per row that leaves the queue for good. */
  onDeadLetter?: (notice: DeadLetterNotice) => void;
  /** A row whose lease another worker took over before it was sent: left to that worker. */
  onLeaseLost?: (row: OutboxRow) => void;
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
 *
 * Exactly once across replicas: a row is sent only while this worker's claim still holds
 * it. A batch claims no more rows per channel than its pacing lets it send in half a lease;
 * before each send whose lease is more than half gone, the lease is extended under the
 * claim's fencing token, and a row another worker has claimed since is left to that worker.
 */
export class OutboxWorker extends PolledWorker {
  private readonly stranded = new StrandedRows<OutboxItem>();
  /** When each held row's lease runs out, by this worker's clock. */
  private readonly leaseEnds = new Map<bigint, number>();

  constructor(private readonly o: OutboxWorkerOptions) {
    super(o.outage);
  }

  protected async drainCount(): Promise<number> {
    const d = await this.drainOnce();
    return d.sent + d.failed + d.rateLimited;
  }

  private get leaseMs(): number {
    return this.o.leaseMs ?? 60_000;
  }

  private gapFor(platform: Platform): number {
    return this.o.pacer ? (this.o.minIntervalMs?.[platform] ?? 0) : 0;
  }

  async drainOnce(): Promise<DrainResult> {
    const { queue, clock, workerId } = this.o;
    await this.stranded.releaseTo(queue);
    const claimedAt = clock.now().getTime();
    const { rows, deadLettered } = await queue.claim(workerId, this.o.batchSize ?? 200, this.leaseMs);
    // Reached the database: say so now, not after a batch that may take seconds.
    this.o.outage?.succeeded();
    for (const d of deadLettered) this.o.onDeadLetter?.({ queue: 'outbox', id: d.id, attempts: d.attempts, reason: d.lastError ?? 'attempts exhausted' });
    const byKey = new Map<string, OutboxRow[]>();
    for (const row of rows) byKey.set(row.item.rateKey, [...(byKey.get(row.item.rateKey) ?? []), row]);
    // What pacing cannot send in half a lease goes back at once, for this or another replica.
    const surplus: OutboxRow[] = [];
    for (const [key, keyRows] of byKey) {
      const gap = this.gapFor(keyRows[0]!.item.intent.platform);
      const fits = gap > 0 ? Math.max(1, Math.floor(this.leaseMs / 2 / gap)) : keyRows.length;
      if (keyRows.length > fits) {
        surplus.push(...keyRows.slice(fits));
        byKey.set(key, keyRows.slice(0, fits));
      }
    }
    await queue.postpone(surplus, new Date(claimedAt));
    for (const queued of byKey.values()) for (const r of queued) this.leaseEnds.set(r.id, claimedAt + this.leaseMs);
    const result: DrainResult = { sent: 0, rateLimited: 0, failed: 0 };
    try {
      await Promise.all([...byKey.values()].map((q) => this.sendInOrder(q, result)));
    } finally {
      for (const queued of byKey.values()) for (const r of queued) this.leaseEnds.delete(r.id);
    }
    return result;
  }

  /** Waits for the channel's next send slot, shared with every other replica. */
  private async takeSlot(row: OutboxRow, gap: number): Promise<void> {
    const { pacer, clock } = this.o;
    if (!pacer || gap <= 0) return;
    const sleep = this.o.sleep ?? realSleep;
    for (let freeAt = await pacer.take(row.item.rateKey, clock.now(), gap); freeAt; freeAt = await pacer.take(row.item.rateKey, clock.now(), gap))
      await sleep(Math.max(1, freeAt.getTime() - clock.now().getTime()));
  }

  /** Whether this worker still holds the row, for at least half a lease from now. */
  private async stillHeld(row: OutboxRow): Promise<boolean> {
    const now = this.o.clock.now().getTime();
    if ((this.leaseEnds.get(row.id) ?? 0) - now > this.leaseMs / 2) return true;
    if (!(await this.o.queue.extend(row, this.leaseMs))) return false;
    this.leaseEnds.set(row.id, now + this.leaseMs);
    return true;
  }

  private async sendInOrder(rows: OutboxRow[], result: DrainResult): Promise<void> {
    const { queue, clock } = this.o;
    for (const [i, row] of rows.entries()) {
      if (this.o.yieldToIntake) await yieldToIntake(this.o.yieldToIntake.lastAcceptAt, this.o.yieldToIntake);
      if (row.exhausted) {
        const reason = `gave up after ${queue.maxAttempts} attempts`;
        if (await queue.deadLetter(row, reason)) this.o.onDeadLetter?.({ queue: 'outbox', id: row.id, attempts: queue.maxAttempts, reason });
        continue;
      }
      const { intent } = row.item;
      const notifier = this.o.notifiers[intent.platform];
      try {
        await this.takeSlot(row, this.gapFor(intent.platform));
        if (!(await this.stillHeld(row))) {
          this.o.onLeaseLost?.(row);
          continue;
        }
        if (!notifier) throw new Error(`no adapter delivers to ${intent.platform}`);
        await notifier.deliver(intent);
        if (!(await queue.complete(row))) this.o.onLeaseLost?.(row);
        result.sent++;
        this.o.onSent?.(row);
      } catch (err) {
        const now = clock.now().getTime();
        if (err instanceof RateLimitedError) {
          // The platform asked us to wait: this row and the rest of its channel's queue go back, in order.
          result.rateLimited++;
          const until = new Date(now + err.retryAfterMs);
          await this.o.pacer?.holdUntil(row.item.rateKey, until);
          await queue.postpone(rows.slice(i), until, err.message);
          return;
        }
        result.failed++;
        this.o.onError?.(err, row);
        // The database is away: this row and the rest of its channel's queue wait for the next drain.
        if (!(await this.stranded.retryOrStrand(queue, rows.slice(i), String((err as Error)?.message ?? err)))) throw err;
      }
    }
  }
}
