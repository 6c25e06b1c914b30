import type { Clock, CustomerMessage, InboundInbox } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { storableJson, storableText } from './storable-text.js';

export interface ClaimedInboxRow {
  id: bigint;
  message: CustomerMessage;
  attempts: number;
}

/** Serialised form: dates as ISO strings inside the JSON column. */
/** The stored message, stamped with when the inbox received it (the moment its SLA clocks start). */
function revive(raw: CustomerMessage & { receivedAt?: string | Date }, receivedAt: Date): CustomerMessage {
  return { ...raw, receivedAt: raw.receivedAt ? new Date(raw.receivedAt) : receivedAt };
}

interface PendingAccept {
  key: string;
  message: CustomerMessage;
  resolve: (r: 'accepted' | 'duplicate') => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 500;

/**
 * The persisted inbox. Accepts that arrive together are written in one multi-row
 * INSERT … ON CONFLICT DO NOTHING (group commit): each caller still waits for its own row
 * to be durable, but a burst costs one commit instead of hundreds. The conflict on the
 * platform message id absorbs redeliveries (Slack retries, Teams resends).
 */
export class InboxStore implements InboundInbox {
  private queue: PendingAccept[] = [];
  private scheduled = false;
  /** When the last accept arrived (monotonic ms): the worker backs off while intake is busy. */
  lastAcceptAt = -Infinity;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    /** Raw SQL for the acknowledgement path: it skips the ORM, which costs more CPU than the insert. */
    private readonly rawQuery?: <T>(sql: string, params: unknown[]) => Promise<T[]>,
  ) {}

  accept(message: CustomerMessage): Promise<'accepted' | 'duplicate'> {
    this.lastAcceptAt = performance.now();
    return new Promise((resolve, reject) => {
      // Cleaned per message: one NUL in one customer's text would otherwise fail the whole group-committed INSERT.
      this.queue.push({ key: storableText(`${message.platform}:${message.messageId}`), message, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue.splice(0, MAX_BATCH);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    const unique = new Map<string, PendingAccept>();
    for (const p of batch) if (!unique.has(p.key)) unique.set(p.key, p);
    const rows = [...unique.values()];
    const params: unknown[] = [];
    const now = this.clock.now();
    const values = rows.map((p, i) => {
      params.push(p.key, p.message.platform, storableJson(p.message), p.message.receivedAt ?? now, now);
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4}::timestamptz, $${b + 5}::timestamptz)`;
    });
    try {
      const sql = `INSERT INTO inbox_message (dedupe_key, platform, message, received_at, available_at) VALUES ${values.join(', ')}
         ON CONFLICT (dedupe_key) DO NOTHING RETURNING dedupe_key`;
      const inserted = this.rawQuery
        ? await this.rawQuery<{ dedupe_key: string }>(sql, params)
        : await this.prisma.$queryRawUnsafe<{ dedupe_key: string }[]>(sql, ...params);
      const fresh = new Set(inserted.map((r) => r.dedupe_key));
      for (const p of batch) {
        const first = unique.get(p.key) === p;
        p.resolve(first && fresh.has(p.key) ? 'accepted' : 'duplicate');
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  async claim(workerId: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedInboxRow[]> {
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<{ id: bigint; message: CustomerMessage; attempts: number; received_at: Date }[]>`
      UPDATE inbox_message SET locked_by = ${workerId}, locked_until = ${until}
      WHERE id IN (
        SELECT id FROM inbox_message
        WHERE status = 'pending' AND available_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY available_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, message, attempts, received_at`;
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ({ id: r.id, message: revive(r.message, r.received_at), attempts: r.attempts }));
  }

  async markDone(id: bigint, workerId: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`UPDATE inbox_message SET status = 'done', processed_at = ${at}, locked_until = NULL, attempts = attempts + 1
      WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  /**
   * Whether the thread a reply belongs to has been taken in: a case lives in it, or the
   * message that started it has left the inbox (turned into a case, or found not to be a complaint).
   */
  async threadStarted(m: CustomerMessage): Promise<boolean> {
    if (!m.threadRootMessageId) return true;
    const [row] = await this.prisma.$queryRaw<{ started: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "case" WHERE platform = ${m.platform} AND channel_id = ${m.conversation.channelId} AND thread_id = ${m.conversation.threadId ?? null})
          OR EXISTS (SELECT 1 FROM inbox_message WHERE dedupe_key = ${`${m.platform}:${m.threadRootMessageId}`} AND status <> 'pending') AS started`;
    return row?.started ?? false;
  }

  /** Hands a row back unprocessed, to be claimed again at `at`; not an attempt, nothing failed. */
  async postpone(id: bigint, workerId: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`UPDATE inbox_message SET available_at = ${at}, locked_until = NULL WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  async retryLater(id: bigint, workerId: string, at: Date, error: string, dead: boolean): Promise<void> {
    await this.prisma.$executeRaw`UPDATE inbox_message SET available_at = ${at}, locked_until = NULL, attempts = attempts + 1,
        last_error = ${error.slice(0, 2000)}, status = ${dead ? 'dead' : 'pending'}
      WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  /** Gives rows back at once instead of at the end of their lease (their processing was cut short). */
  async release(ids: bigint[], workerId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.inboxMessage.updateMany({ where: { id: { in: ids }, lockedBy: workerId, status: 'pending' }, data: { lockedUntil: null } });
  }

  pendingCount(): Promise<number> {
    return this.prisma.inboxMessage.count({ where: { status: 'pending' } });
  }
}
