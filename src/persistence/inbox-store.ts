import type { Clock, CustomerMessage, InboundInbox } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { PrismaLeasedQueue, type LeaseTable } from './prisma-leased-queue.js';
import { storableJson, storableText } from './storable-text.js';

/** The stored message, stamped with when the inbox received it (the moment its SLA clocks start). */
function revive(raw: CustomerMessage & { receivedAt?: string | Date }, receivedAt: Date): CustomerMessage {
  return { ...raw, receivedAt: raw.receivedAt ? new Date(raw.receivedAt) : receivedAt };
}

/** The inbox as a leased queue: its rows are customer messages, done once they are cases. */
export const INBOX_TABLE: LeaseTable<CustomerMessage> = {
  table: 'inbox_message',
  columns: ['message', 'received_at'],
  toItem: (r) => revive(r.message as CustomerMessage, new Date(r.received_at as Date)),
  doneStatus: 'done',
  doneAtColumn: 'processed_at',
};

/** The inbox queue: 500 ms·2ⁿ back-off capped at 5 min, ±20 % jitter (the queues' one policy, its own numbers). */
export function prismaInboxQueue(prisma: PrismaClient, clock: Clock, maxAttempts = 5, random?: () => number): PrismaLeasedQueue<CustomerMessage> {
  return new PrismaLeasedQueue(prisma, INBOX_TABLE, clock, { maxAttempts, backoff: { baseMs: 500, maxMs: 5 * 60_000, jitter: 0.2 } }, random);
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
 * platform message id absorbs redeliveries (Slack retries, Teams resends). The rows are worked
 * off through a leased queue over the same table (INBOX_TABLE).
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
}
