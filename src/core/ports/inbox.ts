import type { CustomerMessage } from './messages.js';

/**
 * Durable intake: adapters hand customer messages here and acknowledge the platform only
 * once `accept` has returned; the inbox worker then runs them through the desk.
 */
export interface InboundInbox {
  accept(message: CustomerMessage): Promise<'accepted' | 'duplicate'>;
}
