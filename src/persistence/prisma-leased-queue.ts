import { randomUUID } from 'node:crypto';
import {
  backoffDelay,
  type BackoffPolicy,
  type ClaimedRows,
  type DeadRow,
  type DueCase,
  type DueQueue,
  type LeasedQueue,
  type LeasedRow,
} from '../application/leased-queue.js';
import type { Clock } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/**
 * The one claim statement: pick due rows in due order, skipping rows another replica is
 * claiming at this moment (`FOR UPDATE SKIP LOCKED`), and stamp the lease on them in the same
 * statement, so two replicas never leave with the same row.
 */
function claimStatement(o: { table: string; picked: string; where: string; orderBy: string; limit: string; set: string; returning: string }): string {
  return `WITH picked AS (
      SELECT ${o.picked} FROM ${o.table}
      WHERE ${o.where}
      ORDER BY ${o.orderBy}
      LIMIT ${o.limit}
      FOR UPDATE SKIP LOCKED)
    UPDATE ${o.table} t SET ${o.set}
    FROM picked WHERE t.id = picked.id
    RETURNING ${o.returning}`;
}

/** The shape of a status table (inbox_message, outbox_message): what differs between them. */
export interface LeaseTable<T> {
  table: 'inbox_message' | 'outbox_message';
  /** Columns the item is read from. */
  columns: string[];
  toItem(row: Record<string, unknown>): T;
  /** Status and timestamp column a finished row gets. */
  doneStatus: 'done' | 'sent';
  doneAtColumn: 'processed_at' | 'sent_at';
}

export interface QueuePolicy {
  /** Claims a row may use; the next claim hands it out as exhausted, to be dead-lettered. */
  maxAttempts: number;
  backoff: BackoffPolicy;
  /**
   * Exhausted claims the dead-letter handling itself gets (the inbox opens a "needs a human"
   * case first). Past them the claim dead-letters the row on its own: nothing loops forever.
   */
  deadLetterTries?: number;
}

type ClaimedRow = { id: bigint; attempts: number; status: string; last_error: string | null } & Record<string, unknown>;

/** Pairs of (id, lease) as a VALUES list: each row is changed only under its own claim's token. */
function leasedPairs(rows: readonly LeasedRow<unknown>[], firstParam: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const values = rows.map((r, i) => {
    params.push(r.id, r.leaseId);
    return `($${firstParam + 2 * i}::bigint, $${firstParam + 2 * i + 1}::text)`;
  });
  return { sql: `(id, lease_id) IN (${values.join(', ')})`, params };
}

export class PrismaLeasedQueue<T> implements LeasedQueue<T> {
  readonly maxAttempts: number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly spec: LeaseTable<T>,
    private readonly clock: Clock,
    private readonly policy: QueuePolicy,
    private readonly random: () => number = Math.random,
  ) {
    this.maxAttempts = policy.maxAttempts;
  }

  async claim(workerId: string, limit: number, leaseMs: number): Promise<ClaimedRows<T>> {
    const now = this.clock.now();
    const leaseId = randomUUID();
    const hardCap = this.policy.maxAttempts + (this.policy.deadLetterTries ?? 2);
    const sql = claimStatement({
      table: this.spec.table,
      picked: 'id',
      where: `status = 'pending' AND available_at <= $1::timestamptz AND (locked_until IS NULL OR locked_until < $1::timestamptz)`,
      orderBy: 'available_at, id',
      limit: '$2::int',
      set: `locked_by = $3, lease_id = $4, locked_until = $5::timestamptz, attempts = t.attempts + 1,
        status = CASE WHEN t.attempts >= $6::int THEN 'dead' ELSE t.status END,
        last_error = CASE WHEN t.attempts >= $6::int
          THEN left('dead-lettered when claimed again after ' || t.attempts || ' attempts; last error: ' || coalesce(t.last_error, 'none'), 2000)
          ELSE t.last_error END`,
      returning: ['t.id', 't.attempts', 't.status', 't.last_error', ...this.spec.columns.map((c) => `t.${c}`)].join(', '),
    });
    const found = await this.prisma.$queryRawUnsafe<ClaimedRow[]>(sql, now, limit, workerId, leaseId, new Date(now.getTime() + leaseMs), hardCap);
    found.sort((a, b) => (a.id < b.id ? -1 : 1));
    const rows: LeasedRow<T>[] = [];
    const deadLettered: DeadRow[] = [];
    for (const r of found) {
      if (r.status === 'dead') deadLettered.push({ id: r.id, attempts: r.attempts, lastError: r.last_error });
      else rows.push({ id: r.id, leaseId, attempt: r.attempts, exhausted: r.attempts > this.policy.maxAttempts, item: this.spec.toItem(r) });
    }
    return { rows, deadLettered };
  }

  async extend(row: LeasedRow<T>, leaseMs: number): Promise<boolean> {
    const until = new Date(this.clock.now().getTime() + leaseMs);
    const n = await this.prisma.$executeRawUnsafe(
      `UPDATE ${this.spec.table} SET locked_until = $1::timestamptz WHERE id = $2::bigint AND lease_id = $3 AND status = 'pending'`,
      until,
      row.id,
      row.leaseId,
    );
    return n === 1;
  }

  async complete(row: LeasedRow<T>): Promise<boolean> {
    const n = await this.prisma.$executeRawUnsafe(
      `UPDATE ${this.spec.table} SET status = '${this.spec.doneStatus}', ${this.spec.doneAtColumn} = $1::timestamptz, locked_until = NULL, lease_id = NULL
        WHERE id = $2::bigint AND lease_id = $3 AND status = 'pending'`,
      this.clock.now(),
      row.id,
      row.leaseId,
    );
    return n === 1;
  }

  async retry(row: LeasedRow<T>, error: string): Promise<void> {
    const at = new Date(this.clock.now().getTime() + backoffDelay(row.attempt, this.policy.backoff, this.random));
    await this.prisma.$executeRawUnsafe(
      `UPDATE ${this.spec.table} SET available_at = $1::timestamptz, locked_until = NULL, lease_id = NULL, last_error = $2
        WHERE id = $3::bigint AND lease_id = $4 AND status = 'pending'`,
      at,
      error.slice(0, 2000),
      row.id,
      row.leaseId,
    );
  }

  async postpone(rows: readonly LeasedRow<T>[], at: Date, reason?: string): Promise<void> {
    if (rows.length === 0) return;
    const pairs = leasedPairs(rows, 3);
    // Not an attempt: the claim counted one, taken back here.
    await this.prisma.$executeRawUnsafe(
      `UPDATE ${this.spec.table} SET available_at = $1::timestamptz, locked_until = NULL, lease_id = NULL,
          attempts = greatest(attempts - 1, 0), last_error = coalesce($2::text, last_error)
        WHERE ${pairs.sql} AND status = 'pending'`,
      at,
      reason?.slice(0, 2000) ?? null,
      ...pairs.params,
    );
  }

  async release(rows: readonly LeasedRow<T>[]): Promise<void> {
    if (rows.length === 0) return;
    const pairs = leasedPairs(rows, 1);
    await this.prisma.$executeRawUnsafe(`UPDATE ${this.spec.table} SET locked_until = NULL, lease_id = NULL WHERE ${pairs.sql} AND status = 'pending'`, ...pairs.params);
  }

  async deadLetter(row: LeasedRow<T>, error: string): Promise<boolean> {
    const n = await this.prisma.$executeRawUnsafe(
      `UPDATE ${this.spec.table} SET status = 'dead', locked_until = NULL, lease_id = NULL,
          last_error = left($1 || coalesce('; last error: ' || last_error, ''), 2000)
        WHERE id = $2::bigint AND lease_id = $3 AND status = 'pending'`,
      error.slice(0, 2000),
      row.id,
      row.leaseId,
    );
    return n === 1;
  }

  async pendingCount(): Promise<number> {
    return this.countWithStatus('pending');
  }

  async deadCount(): Promise<number> {
    return this.countWithStatus('dead');
  }

  private async countWithStatus(status: 'pending' | 'dead'): Promise<number> {
    const [row] = await this.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${this.spec.table} WHERE status = $1`, status);
    return Number(row?.n ?? 0);
  }
}

/**
 * Claims cases whose next SLA step has fallen due. The index on next_check_at makes the scan
 * cost what is due, not what is open; moving next_check_at to the lease end is the lease: a
 * replica that dies mid-tick leaves its cases to reappear for another one when it runs out.
 * Done needs no call: the step's own transaction sets the next check time.
 */
export class PrismaSlaDueQueue implements DueQueue {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<DueCase[]> {
    const sql = claimStatement({
      table: '"case"',
      picked: 'id, next_check_at',
      where: 'next_check_at IS NOT NULL AND next_check_at <= $1::timestamptz',
      orderBy: 'next_check_at',
      limit: '$2::int',
      set: 'next_check_at = $3::timestamptz',
      returning: 't.id::text AS id, picked.next_check_at AS due_at',
    });
    const rows = await this.prisma.$queryRawUnsafe<{ id: string; due_at: Date }[]>(sql, now, limit, new Date(now.getTime() + leaseMs));
    return rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at) })).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  }
}
