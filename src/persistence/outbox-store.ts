import type { OutboxItem, RatePacer } from '../application/outbox.js';
import type { OutboundIntent } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Clock } from '../core/ports.js';
import { PrismaLeasedQueue, type LeaseTable } from './prisma-leased-queue.js';

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

/** The outbox as a leased queue: its rows are outbound intents, sent once the platform took them. */
export const OUTBOX_TABLE: LeaseTable<OutboxItem> = {
  table: 'outbox_message',
  columns: ['rate_key', 'intent'],
  toItem: (r) => ({ rateKey: r.rate_key as string, intent: r.intent as OutboundIntent }),
  doneStatus: 'sent',
  doneAtColumn: 'sent_at',
};

/** The outbox queue: 1 s·2ⁿ back-off capped at 10 min, ±20 % jitter (the queues' one policy, its own numbers). */
export function prismaOutboxQueue(prisma: PrismaClient, clock: Clock, maxAttempts = 12, random?: () => number): PrismaLeasedQueue<OutboxItem> {
  return new PrismaLeasedQueue(prisma, OUTBOX_TABLE, clock, { maxAttempts, backoff: { baseMs: 1000, maxMs: 10 * 60_000, jitter: 0.2 } }, random);
}

/**
 * Per-rate-key pacing in the database, so it holds across replicas: a send first takes the
 * key's slot (next_send_at ≤ now, moved to now + gap in the same statement); whoever does not
 * get it learns when the slot frees.
 */
export class PrismaRatePacer implements RatePacer {
  constructor(private readonly prisma: PrismaClient) {}

  async take(rateKey: string, now: Date, gapMs: number): Promise<Date | null> {
    const next = new Date(now.getTime() + gapMs);
    const [granted] = await this.prisma.$queryRaw<{ next_send_at: Date }[]>`
      INSERT INTO outbox_rate_slot (rate_key, next_send_at) VALUES (${rateKey}, ${next})
      ON CONFLICT (rate_key) DO UPDATE SET next_send_at = EXCLUDED.next_send_at
        WHERE outbox_rate_slot.next_send_at <= ${now}
      RETURNING next_send_at`;
    if (granted) return null;
    const [held] = await this.prisma.$queryRaw<{ next_send_at: Date }[]>`SELECT next_send_at FROM outbox_rate_slot WHERE rate_key = ${rateKey}`;
    // Gone meanwhile (never happens today: slots are not deleted): try again at once.
    return held ? new Date(held.next_send_at) : now;
  }

  async holdUntil(rateKey: string, until: Date): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO outbox_rate_slot (rate_key, next_send_at) VALUES (${rateKey}, ${until})
      ON CONFLICT (rate_key) DO UPDATE SET next_send_at = greatest(outbox_rate_slot.next_send_at, EXCLUDED.next_send_at)`;
  }
}
