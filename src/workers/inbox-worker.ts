import { PollingLoop } from './polling-loop.js';
import { yieldToIntake, type IntakeYield } from './yield-to-intake.js';
import type { OutageLog } from '../app/outage-log.js';
import type { Clock, CustomerMessage } from '../core/ports.js';
import type { IntakeOutcome } from '../core/cases/intake.js';
import type { ClaimedInboxRow, InboxStore } from '../persistence/inbox-store.js';

export interface InboxWorkerOptions {
  store: InboxStore;
  clock: Clock;
  workerId: string;
  receive: (message: CustomerMessage) => Promise<IntakeOutcome>;
  batchSize?: number;
  /** Customers handled at once. On PGlite (one connection) keep it at 1 so acknowledgements never queue behind many cases. */
  concurrency?: number;
  /**
   * Wait while acknowledgements are streaming in (PGlite runs in this process: every case
   * created takes CPU from the HTTP handler). Acks come first; the backlog is turned into
   * cases as soon as intake pauses, and at least once per `maxYieldMs`.
   */
  yieldToIntake?: IntakeYield;
  leaseMs?: number;
  maxAttempts?: number;
  /**
   * A thread reply that arrives before the message that started the thread waits for it, up
   * to `maxMs` after it was received (Slack's retries of a lost original come after ~1 min),
   * checking again every `retryMs`; after that it is taken in on its own.
   */
  threadRootWait?: { maxMs: number; retryMs: number };
  onProcessed?: (row: ClaimedInboxRow, outcome: IntakeOutcome) => void;
  onError?: (err: unknown, row: ClaimedInboxRow) => void;
  /** Logs the database going away and coming back, once each. */
  outage?: OutageLog;
}

const DEFAULT_THREAD_ROOT_WAIT = { maxMs: 120_000, retryMs: 1000 };

/**
 * Turns stored inbound messages into cases. Messages of one customer are handled in
 * arrival order; the desk's own idempotency makes a second run of the same row harmless,
 * so a worker killed mid-row only delays it until its lease runs out.
 */
export class InboxWorker {
  private readonly loop: PollingLoop;
  /** Rows whose processing failed and could not be put back because the database was away. */
  private readonly stranded = new Set<bigint>();

  constructor(private readonly o: InboxWorkerOptions) {
    this.loop = new PollingLoop(() => this.drainOnce(), o.outage ? { outage: o.outage } : {});
  }

  async drainOnce(): Promise<number> {
    const { store, clock, workerId } = this.o;
    if (this.stranded.size > 0) {
      // Without this they would sit out their lease (a minute) after the database is back.
      const ids = [...this.stranded];
      await store.release(ids, workerId);
      for (const id of ids) this.stranded.delete(id);
    }
    const rows = await store.claim(workerId, clock.now(), this.o.batchSize ?? 50, this.o.leaseMs ?? 60_000);
    // Reached the database: say so now, not after a batch that may take seconds.
    this.o.outage?.succeeded();
    const byCustomer = new Map<string, ClaimedInboxRow[]>();
    for (const row of rows) {
      const key = `${row.message.platform}:${row.message.customer.userId}`;
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), row]);
    }
    const queues = [...byCustomer.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) for (const row of queue) await this.process(row);
    };
    await Promise.all(Array.from({ length: this.o.concurrency ?? 8 }, worker));
    return rows.length;
  }

  private async yieldToIntake(): Promise<void> {
    if (this.o.yieldToIntake) await yieldToIntake(() => this.o.store.lastAcceptAt, this.o.yieldToIntake);
  }

  private async process(row: ClaimedInboxRow): Promise<void> {
    await this.yieldToIntake();
    const { store, clock, workerId } = this.o;
    try {
      if (await this.waitsForThreadRoot(row)) {
        await store.postpone(row.id, workerId, new Date(clock.now().getTime() + (this.o.threadRootWait?.retryMs ?? DEFAULT_THREAD_ROOT_WAIT.retryMs)));
        return;
      }
      const outcome = await this.o.receive(row.message);
      await store.markDone(row.id, workerId, clock.now());
      this.o.onProcessed?.(row, outcome);
    } catch (err) {
      this.o.onError?.(err, row);
      const attempts = row.attempts + 1;
      const backoff = Math.min(2 ** attempts * 500, 5 * 60_000);
      await store
        .retryLater(row.id, workerId, new Date(clock.now().getTime() + backoff), String((err as Error)?.message ?? err), attempts >= (this.o.maxAttempts ?? 10))
        .catch(() => {
          // Database away: released on the next drain that reaches the database (or, if this
          // process dies first, picked up by any worker when the lease runs out).
          this.stranded.add(row.id);
        });
    }
  }

  /**
   * Taken in before its thread's first message, a reply would find no case: it would be
   * answered "not a complaint" and dropped, or open a case of its own.
   */
  private async waitsForThreadRoot(row: ClaimedInboxRow): Promise<boolean> {
    const m = row.message;
    if (!m.threadRootMessageId) return false;
    const { maxMs } = this.o.threadRootWait ?? DEFAULT_THREAD_ROOT_WAIT;
    const waited = this.o.clock.now().getTime() - (m.receivedAt?.getTime() ?? 0);
    return waited < maxMs && !(await this.o.store.threadStarted(m));
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
