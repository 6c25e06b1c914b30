/** Delivery, implemented by each platform adapter. */
import type { OutboundIntent } from './messages.js';
import type { Platform } from './platform.js';

/** Delivers one outbound intent on one platform. Throws RateLimitedError to be retried later. */
export interface Notifier {
  readonly platform: Platform;
  deliver(intent: OutboundIntent): Promise<void>;
}

/** Where a case card was posted, so it can be updated in place. */
export interface CardLocationStore {
  get(caseId: string, platform: Platform): Promise<{ channelId: string; messageId: string } | null>;
  save(caseId: string, platform: Platform, channelId: string, messageId: string): Promise<void>;
  /** The case whose card is this message (for replies in the card's thread). */
  findCaseByMessage(platform: Platform, channelId: string, messageId: string): Promise<string | null>;
}

/** Opaque platform addresses kept for later (Teams conversation references, Slack DM channels). */
export interface ConversationRefStore {
  get(platform: Platform, key: string): Promise<unknown | null>;
  save(platform: Platform, key: string, reference: unknown): Promise<void>;
}
