import type { OutboundIntent } from '../core/ports.js';

/** An outbox row's content: what to send, and the rate-limit bucket it is paced in. */
export interface OutboxItem {
  rateKey: string;
  intent: OutboundIntent;
}

/**
 * Pacing per rate key (a Slack channel, a Teams conversation, a person) shared by every
 * replica: two workers together stay within one channel's rate, not one each.
 */
export interface RatePacer {
  /** Takes the key's next send slot at `now`, holding it for `gapMs`; null when taken, else when the slot frees. */
  take(rateKey: string, now: Date, gapMs: number): Promise<Date | null>;
  /** No send to the key before `until` (the platform said "retry after"). */
  holdUntil(rateKey: string, until: Date): Promise<void>;
}
