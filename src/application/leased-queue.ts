/**
 * Work rows claimed under a lease (the inbox, the outbox). Several replicas claim side by
 * side without taking the same row; a worker that dies leaves its lease to run out and the
 * row goes to another one. Each worker keeps only its row policy (what to do with a row,
 * when it failed); claiming, fencing, back-off and dead-lettering live behind this port.
 */
export interface LeasedRow<T> {
  readonly id: bigint;
  /**
   * Fencing token of the claim that handed the row out. Every later change of the row is made
   * only while this token still holds it: once the lease ran out and another worker claimed the
   * row, the first worker's `extend`, `complete` and `retry` find nothing to change.
   */
  readonly leaseId: string;
  /** Claims of this row so far, this one included: the attempt is counted when the row is claimed, not when it finishes. */
  readonly attempt: number;
  /**
   * The row has used up its attempts (`attempt > maxAttempts`): its processing hung, crashed or
   * failed that often. The worker's policy handles it as dead (a fallback, then `deadLetter`).
   */
  readonly exhausted: boolean;
  readonly item: T;
}

/** A row the claim itself dead-lettered: even its dead-letter handling did not finish, several times. */
export interface DeadRow {
  id: bigint;
  attempts: number;
  lastError: string | null;
}

/** A row out of the queue for good: with the case staff see it in, or (`caseNumber` null) without one. */
export interface DeadLetterNotice {
  queue: 'inbox' | 'outbox';
  id: bigint;
  attempts: number;
  reason: string;
  messageId?: string;
  caseNumber?: string | null;
}

export interface ClaimedRows<T> {
  rows: LeasedRow<T>[];
  deadLettered: DeadRow[];
}

export interface LeasedQueue<T> {
  readonly maxAttempts: number;
  claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedRows<T>>;
  /** Keeps the lease for another `leaseMs` from now; false when the row is no longer this claim's. */
  extend(row: LeasedRow<T>, leaseMs: number): Promise<boolean>;
  /** Done for good; false when the lease had been lost (another worker may have done it too). */
  complete(row: LeasedRow<T>): Promise<boolean>;
  /** The attempt failed: back to pending after the queue's back-off. */
  retry(row: LeasedRow<T>, error: string): Promise<void>;
  /** Back to pending at `at`, unprocessed: not an attempt (a rate limit, a thread root still missing). */
  postpone(rows: readonly LeasedRow<T>[], at: Date, reason?: string): Promise<void>;
  /** Gives rows back at once instead of at the end of their lease: their processing was cut short. */
  release(rows: readonly LeasedRow<T>[]): Promise<void>;
  /** Out of the queue for good, kept for inspection; false when the lease had been lost. */
  deadLetter(row: LeasedRow<T>, error: string): Promise<boolean>;
  pendingCount(): Promise<number>;
  deadCount(): Promise<number>;
}

/** Cases whose next SLA step has fallen due; the lease is the due time itself, moved to the lease end. */
export interface DueCase {
  id: string;
  dueAt: Date;
}
export interface DueQueue {
  claimDue(now: Date, limit: number, leaseMs: number): Promise<DueCase[]>;
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** ±fraction of the delay drawn at random, so rows that failed together do not all come back together. */
  jitter: number;
}

/** Exponential back-off with jitter: `baseMs·2ⁿ` capped at `maxMs`, times 1 ± `jitter`. */
export function backoffDelay(attempt: number, p: BackoffPolicy, random: () => number = Math.random): number {
  const raw = Math.min(2 ** attempt * p.baseMs, p.maxMs);
  return Math.round(raw * (1 - p.jitter + 2 * p.jitter * random()));
}

/**
 * Rows whose put-back failed because the database was away. They are handed back on the next
 * drain that reaches the database; without this they would sit out their lease.
 */
export class StrandedRows<T> {
  private readonly rows = new Map<bigint, LeasedRow<T>>();

  add(rows: readonly LeasedRow<T>[]): void {
    for (const r of rows) this.rows.set(r.id, r);
  }

  /**
   * Puts `run[0]`, whose attempt failed, back after the queue's back-off. When even that fails
   * (the database is away) it and the rest of its ordered run (one customer's messages, one
   * channel's sends) wait here for the next drain, so no later row of the run overtakes it.
   * Answers whether the row went back, i.e. whether the run may go on.
   */
  async retryOrStrand(queue: LeasedQueue<T>, run: readonly LeasedRow<T>[], error: string): Promise<boolean> {
    const [row] = run;
    if (!row) return true;
    try {
      await queue.retry(row, error);
      return true;
    } catch {
      this.add(run);
      return false;
    }
  }

  async releaseTo(queue: LeasedQueue<T>): Promise<void> {
    if (this.rows.size === 0) return;
    const rows = [...this.rows.values()];
    await queue.release(rows);
    for (const r of rows) this.rows.delete(r.id);
  }
}
