import type { OutboundIntent } from './messages.js';

export interface EnqueueOptions {
  /** Same key, same effect: a second enqueue with it is ignored. */
  dedupeKey: string;
  /** When it may be sent: now for most effects; later for held nudges (quiet hours). */
  availableAt: Date;
}

/** Side effects, written in the same transaction as the change that causes them. */
export interface OutboxPort {
  enqueue(intent: OutboundIntent, options: EnqueueOptions): Promise<void>;
}
