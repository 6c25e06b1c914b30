import type { OutboundIntent } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Rate-limit bucket of an intent: platforms limit per channel (Slack ~1 msg/s) or per conversation (Teams). */
export function outboxRateKey(intent: OutboundIntent): string {
  switch (intent.type) {
    case 'customer_message':
    case 'case_card':
    case 'card_note':
    case 'channel_message':
      return `${intent.platform}:${intent.channelId}`;
    case 'direct_message':
      return `${intent.platform}:user:${intent.userId}`;
  }
}

export interface ClaimedOutboxRow {
  id: bigint;
  rateKey: string;
  intent: OutboundIntent;
  attempts: number;
}

/**
 * Outbox rows claimed by one worker under a lease: `FOR UPDATE SKIP LOCKED` lets several
 * replicas claim side by side without taking the same row, and a worker that dies leaves
 * its lease to run out so another replica delivers the row.
 */
export class OutboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claim(workerId: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedOutboxRow[]> {
    const until = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<{ id: bigint; rate_key: string; intent: OutboundIntent; attempts: number }[]>`
      UPDATE outbox_message SET locked_by = ${workerId}, locked_until = ${until}
      WHERE id IN (
        SELECT id FROM outbox_message
        WHERE status = 'pending' AND available_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
        ORDER BY available_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, rate_key, intent, attempts`;
    return rows.sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ({ id: r.id, rateKey: r.rate_key, intent: r.intent, attempts: r.attempts }));
  }

  async markSent(id: bigint, workerId: string, at: Date): Promise<void> {
    await this.prisma.$executeRaw`UPDATE outbox_message SET status = 'sent', sent_at = ${at}, locked_until = NULL, attempts = attempts + 1
      WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  /** Back to pending at `retryAt`; `countAttempt` is false for rate limits, which are not failures. */
  async reschedule(id: bigint, workerId: string, retryAt: Date, error: string, countAttempt: boolean, dead: boolean): Promise<void> {
    await this.prisma.$executeRaw`UPDATE outbox_message
      SET available_at = ${retryAt}, locked_until = NULL, last_error = ${error.slice(0, 2000)},
          attempts = attempts + ${countAttempt ? 1 : 0}, status = ${dead ? 'dead' : 'pending'}
      WHERE id = ${id} AND locked_by = ${workerId}`;
  }

  /** Gives rows back at once instead of at the end of their lease (their delivery was cut short). */
  async release(ids: bigint[], workerId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.outboxMessage.updateMany({ where: { id: { in: ids }, lockedBy: workerId, status: 'pending' }, data: { lockedUntil: null } });
  }

  async pendingCount(): Promise<number> {
    return this.prisma.outboxMessage.count({ where: { status: 'pending' } });
  }

  async nextAvailableAt(): Promise<Date | null> {
    const row = await this.prisma.outboxMessage.findFirst({ where: { status: 'pending' }, orderBy: { availableAt: 'asc' }, select: { availableAt: true } });
    return row?.availableAt ?? null;
  }
}
