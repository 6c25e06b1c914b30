/** What adapters hand the core (a customer's message, a staff command) and what the core asks them to deliver. */
import type { Platform } from './platform.js';

export interface AttachmentRef {
  fileId: string;
  name: string;
  mimeType?: string | null;
  url?: string | null;
  /** The size the platform announced, if it did (Slack does): a file over the limit is not downloaded at all. */
  size?: number | null;
  /** Set by the inbox worker once it has taken the file in (stored, too large or not fetched). */
  storedFileId?: string | null;
}

/** What became of a customer's file the bot tried to keep: staff open it from the card, or read why they cannot. */
export type StoredFileState = 'stored' | 'too_large' | 'failed';
export interface StoredFileSummary {
  id: string;
  state: StoredFileState;
  size: number | null;
  reason: string | null;
  /** A failed download is tried again (bounded): true while attempts remain. */
  retrying: boolean;
}

/** A customer's message, normalised by an adapter. `messageId` is the platform's own id and makes intake idempotent. */
export interface CustomerMessage {
  platform: Platform;
  messageId: string;
  customer: { userId: string; displayName?: string | null; contact?: string | null; locale?: string | null };
  /**
   * `isPrivate`: a direct chat with the bot (Slack DM, Teams personal chat, the playground)
   * rather than a channel others read; personal details are only asked for in private.
   */
  conversation: { channelId: string; threadId?: string | null; isPrivate?: boolean };
  /**
   * A reply in a thread: the platform message id of the message that started it. Deliveries
   * can overtake each other, so the inbox holds such a reply until its thread has been taken in.
   */
  threadRootMessageId?: string | null;
  text: string;
  attachments?: AttachmentRef[];
  receivedAt?: Date;
}

/**
 * What comes with a staff command besides its arguments. `requestId` is the platform's own id
 * for the request (a message ts, a click, an invoke): a second delivery of it does nothing.
 * `override` is a supervisor's explicit, audited override of the ownership and conflict rules.
 */
export interface StaffCommand {
  requestId?: string | null;
  override?: { reason: string } | null;
}

/** One button of a "which case is this about?" question, labelled in the customer's language. */
export interface CaseChoiceOption {
  /** A case id, or null for "a new problem". */
  caseId: string | null;
  label: string;
}

/**
 * The words on the buttons and prompts a customer answers (the solution decision, the survey),
 * in the customer's own language and script. They travel with the outbound intent, so every
 * platform renders the same words and none needs to know the customer's language.
 */
export interface DecisionLabels {
  question: string;
  reasonPrompt: string;
  accept: string;
  reject: string;
}

export interface SurveyLabels {
  question: string;
  commentPrompt: string;
  /** Sends the chosen stars with the comment, where a page lets the comment follow the stars (the playground). */
  send?: string;
}

/** Buttons attached to a customer message; adapters render them natively. */
export type CustomerActions =
  /** `labels`: the words in the customer's language (customer-buttons.ts); absent on messages queued before they travelled. */
  | { kind: 'solution_decision'; solutionId: string; labels?: DecisionLabels }
  | { kind: 'survey'; labels?: SurveyLabels }
  /** The customer picks the case a message belongs to (`unfiledId`: the message waiting to be filed). */
  | { kind: 'case_choice'; unfiledId: string; options: CaseChoiceOption[] };

export type OutboundIntent =
  | {
      type: 'customer_message';
      caseId: string | null;
      platform: Platform;
      channelId: string;
      threadId: string | null;
      text: string;
      actions?: CustomerActions;
    }
  /** Post the case card in the department channel, or update it in place; rendered from current state at delivery. */
  | { type: 'case_card'; caseId: string; platform: Platform; channelId: string }
  /** A line in the case card's thread (history, internal notes); never shown to the customer. */
  | { type: 'card_note'; caseId: string; platform: Platform; channelId: string; text: string }
  | { type: 'direct_message'; caseId: string | null; platform: Platform; userId: string; text: string }
  /** A post in a staff channel; reports carry their chart as `attachment` (Slack files.uploadV2, a Teams attachment). */
  | { type: 'channel_message'; caseId: string | null; platform: Platform; channelId: string; text: string; attachment?: OutboundAttachment };

/** A file sent with a message, kept inline so any replica can deliver it. */
export interface OutboundAttachment {
  fileName: string;
  mimeType: string;
  /** File bytes, base64-encoded. */
  contentBase64: string;
  /** Alt text / caption shown by the platform. */
  title?: string;
}
