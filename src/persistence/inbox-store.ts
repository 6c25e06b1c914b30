import type { CustomerMessage, InboundInbox } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface ClaimedInboxRow {
  id: bigint;
  message: CustomerMessage;
  attempts: number;
}

/** Serialised form: dates as ISO strings inside the JSON column. */
function revive(raw: CustomerMessage & { receivedAt?: string | Date }): CustomerMessage {
  return { ...raw, ...(raw.receivedAt ? { receivedAt: new Date(raw.receivedAt) } : {}) };
}

/**
 * The persisted inbox. `accept` is one INSERT … ON CONFLICT DO NOTHING keyed on the
 * platform message id, so redeliveries (Slack retries, Teams resends) are absorbed here.
 */
export class InboxStore implements InboundInbox {
  constructor(private readonly prisma: PrismaClient) {}

  async accept(message: CustomerMessage): Promise<'accepted' | 'duplicate'> {
    const key = `${message.platform}:${message.messageId}`;
    const n = await this.prisma.$executeRaw`
      INSERT INTO inbox_message (dedupe_key, platform, message, received_at, available_at)
      VALUES (${key}, ${message.platform}, ${JSON.stringify(message)}::jsonb, ${message.receivedAt ?? new Date()}, now())
      ON CONFLICT (dedupe_key) DO NOTHING`;
    return n === 1 ? 'accepted' : 'duplicate';
  }

  async claim(workerId: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedInboxRow[]> {
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<{ id: bigint; message: CustomerMessage; attempts: number }[]>`
      UPDATE inbox_message SET locked_by = ${workerId}, locked_until = ${until}
      WHERE id IN (
        SELECT id FROM inbox_message
        WHERE status = 'pending' AND available_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY available_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, message, attempts`;
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ({ id: r.id, message: revive(r.message), attempts: r.attempts }));
  }

  async markDone(id: bigint, workerId: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`UPDATE inbox_message SET status = 'done', processed_at = ${at}, locked_until = NULL, attempts = attempts + 1
      WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  async retryLater(id: bigint, workerId: string, at: Date, error: string, dead: boolean): Promise<void> {
    await this.prisma.$executeRaw`UPDATE inbox_message SET available_at = ${at}, locked_until = NULL, attempts = attempts + 1,
        last_error = ${error.slice(0, 2000)}, status = ${dead ? 'dead' : 'pending'}
      WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  pendingCount(): Promise<number> {
    return this.prisma.inboxMessage.count({ where: { status: 'pending' } });
  }
}
