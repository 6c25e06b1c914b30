import { PolledWorker } from './polling-loop.js';
import { yieldToIntake, type IntakeYield } from './yield-to-intake.js';
import type { OutageLog } from '../shared/outage-log.js';
import { StrandedRows, type DeadLetterNotice, type DeadRow, type LeasedQueue, type LeasedRow } from '../application/leased-queue.js';
import type { Clock, CustomerMessage } from '../core/ports.js';
import type { IntakeOptions, IntakeOutcome } from '../core/cases/intake.js';

export type InboxRow = LeasedRow<CustomerMessage>;

/** What the inbox worker asks of the inbox besides its queue. */
export interface InboxThreads {
  /** Whether the thread a reply belongs to has been taken in (see InboxStore.threadStarted). */
  threadStarted(m: CustomerMessage): Promise<boolean>;
  /** When the last message was accepted (monotonic ms): background work steps aside while intake is busy. */
  readonly lastAcceptAt: number;
}

export interface InboxWorkerOptions {
  queue: LeasedQueue<CustomerMessage>;
  inbox: InboxThreads;
  clock: Clock;
  workerId: string;
  receive: (message: CustomerMessage, options?: IntakeOptions) => Promise<IntakeOutcome>;
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
  /**
   * A thread reply that arrives before the message that started the thread waits for it, up
   * to `maxMs` after it was received (Slack's retries of a lost original come after ~1 min),
   * checking again every `retryMs`; after that it is taken in on its own.
   */
  threadRootWait?: { maxMs: number; retryMs: number };
  /** Background work after each drain (evidence downloads tried again); answers how much it did. */
  afterDrain?: () => Promise<number>;
  onProcessed?: (row: InboxRow, outcome: IntakeOutcome) => void;
  onError?: (err: unknown, row: InboxRow) => void;
  /** Once per row that leaves the queue for good. */
  onDeadLetter?: (notice: DeadLetterNotice) => void;
  /** Logs the database going away and coming back, once each. */
  outage?: OutageLog;
}

const DEFAULT_THREAD_ROOT_WAIT = { maxMs: 120_000, retryMs: 1000 };

/**
 * Turns stored inbound messages into cases. Messages of one customer are handled in
 * arrival order; the desk's own idempotency makes a second run of the same row harmless,
 * so a worker killed mid-row only delays it until its lease runs out. Every claim counts as
 * an attempt, so a message that hangs or kills the process cannot come back forever: once its
 * attempts are used up it is shown to staff as a case that needs a human, and dead-lettered.
 */
export class InboxWorker extends PolledWorker {
  private readonly stranded = new StrandedRows<CustomerMessage>();

  constructor(private readonly o: InboxWorkerOptions) {
    super(o.outage);
  }

  protected drainCount(): Promise<number> {
    return this.drainOnce();
  }

  async drainOnce(): Promise<number> {
    const { queue, workerId } = this.o;
    await this.stranded.releaseTo(queue);
    const { rows, deadLettered } = await queue.claim(workerId, this.o.batchSize ?? 50, this.o.leaseMs ?? 60_000);
    // Reached the database: say so now, not after a batch that may take seconds.
    this.o.outage?.succeeded();
    for (const d of deadLettered) this.reportDeadWithoutCase(d);
    const byCustomer = new Map<string, InboxRow[]>();
    for (const row of rows) {
      const key = `${row.item.platform}:${row.item.customer.userId}`;
      byCustomer.set(key, [...(byCustomer.get(key) ?? []), row]);
    }
    const queues = [...byCustomer.values()];
    const worker = async () => {
      for (let q = queues.shift(); q; q = queues.shift()) for (const [i, row] of q.entries()) if (!(await this.process(row, q.slice(i)))) break;
    };
    await Promise.all(Array.from({ length: this.o.concurrency ?? 8 }, worker));
    const after = this.o.afterDrain ? await this.o.afterDrain() : 0;
    return rows.length + deadLettered.length + after;
  }

  private async yieldToIntake(): Promise<void> {
    if (this.o.yieldToIntake) await yieldToIntake(() => this.o.inbox.lastAcceptAt, this.o.yieldToIntake);
  }

  /** `run` is the row and the rest of its customer's rows; false when they must wait for the next drain. */
  private async process(row: InboxRow, run: readonly InboxRow[]): Promise<boolean> {
    await this.yieldToIntake();
    const { queue, clock } = this.o;
    try {
      if (row.exhausted) await this.giveUp(row);
      else if (await this.waitsForThreadRoot(row)) {
        await queue.postpone([row], new Date(clock.now().getTime() + (this.o.threadRootWait?.retryMs ?? DEFAULT_THREAD_ROOT_WAIT.retryMs)));
      } else {
        const outcome = await this.o.receive(row.item);
        await queue.complete(row);
        this.o.onProcessed?.(row, outcome);
      }
      return true;
    } catch (err) {
      this.o.onError?.(err, row);
      // Database away: released on the next drain that reaches the database (or, if this
      // process dies first, picked up by any worker when the lease runs out).
      return this.stranded.retryOrStrand(queue, run, String((err as Error)?.message ?? err));
    }
  }

  /** Its attempts are used up: staff see it as a case that needs a human, then it leaves the queue. */
  private async giveUp(row: InboxRow): Promise<void> {
    const outcome = await this.o.receive(row.item, { needsHuman: 'repeated_failure' });
    const caseNumber = 'caseNumber' in outcome ? outcome.caseNumber : null;
    const attempts = this.o.queue.maxAttempts;
    const reason = `gave up after ${attempts} attempts; shown to staff as case ${caseNumber ?? '(none)'}`;
    if (await this.o.queue.deadLetter(row, reason)) this.o.onDeadLetter?.({ queue: 'inbox', id: row.id, attempts, reason, messageId: row.item.messageId, caseNumber });
  }

  private reportDeadWithoutCase(d: DeadRow): void {
    this.o.onDeadLetter?.({ queue: 'inbox', id: d.id, attempts: d.attempts, reason: d.lastError ?? 'attempts exhausted', caseNumber: null });
  }

  /**
   * Taken in before its thread's first message, a reply would find no case: it would be
   * answered "not a complaint" and dropped, or open a case of its own.
   */
  private async waitsForThreadRoot(row: InboxRow): Promise<boolean> {
    const m = row.item;
    if (!m.threadRootMessageId) return false;
    const { maxMs } = this.o.threadRootWait ?? DEFAULT_THREAD_ROOT_WAIT;
    const waited = this.o.clock.now().getTime() - (m.receivedAt?.getTime() ?? 0);
    return waited < maxMs && !(await this.o.inbox.threadStarted(m));
  }
}
