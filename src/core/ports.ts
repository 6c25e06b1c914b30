/**
 * The desk core's boundary. Platform adapters (Slack, Teams, the local playground) turn
 * their events into the inbound types below and deliver the outbound intents; the
 * persistence layer implements the store. Nothing here knows about a platform SDK.
 */
import type { CaseStatus } from './cases/case-status.js';
import type { DecisionLabels, SurveyLabels } from './templates/customer-buttons.js';
import type { Category, DesiredOutcome, Language } from './triage/types.js';

export const PLATFORMS = ['slack', 'teams', 'local'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

// ---------- inbound ----------

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

/** Who did something, as the platform identifies them. */
export interface Actor {
  platform: Platform;
  userId: string;
}

/** What staff can offer is what a customer can ask for (docs/DOMAIN.md §3). */
export type SolutionType = DesiredOutcome;

export interface SolutionProposal {
  type: SolutionType;
  amount?: number | null;
  currency?: string | null;
  effectiveBy?: string | null;
  text: string;
}

/** A proposal as staff submit it: the amount may still be the text they typed ("5万", "¥1,299"). */
export type SolutionProposalInput = Omit<SolutionProposal, 'amount'> & { amount?: number | string | null };

/**
 * What comes with a staff command besides its arguments. `requestId` is the platform's own id
 * for the request (a message ts, a click, an invoke): a second delivery of it does nothing.
 * `override` is a supervisor's explicit, audited override of the ownership and conflict rules.
 */
export interface StaffCommand {
  requestId?: string | null;
  override?: { reason: string } | null;
}

// ---------- records the store returns ----------

export interface CustomerRecord {
  id: string;
  platform: Platform;
  platformUserId: string;
  displayName: string | null;
  contact: string | null;
}

export interface CaseClocks {
  firstResponseDueAt: Date | null;
  firstRespondedAt: Date | null;
  planDueAt: Date | null;
  planSentAt: Date | null;
  urgentDueAt: Date | null;
  nextUpdateDueAt: Date | null;
  lastUpdateAt: Date | null;
  solutionDueAt: Date | null;
  solutionProposedAt: Date | null;
  closeDueAt: Date | null;
  resolvedAt: Date | null;
  resultDueAt: Date | null;
  resultDeliveredAt: Date | null;
  surveyDueAt: Date | null;
  surveySentAt: Date | null;
  closedAt: Date | null;
}

export interface CaseRecord extends CaseClocks {
  id: string;
  number: string;
  customerId: string;
  status: CaseStatus;
  category: Category | null;
  urgent: boolean;
  orderNumber: string | null;
  desiredOutcome: DesiredOutcome | null;
  amount: number | null;
  currency: string | null;
  language: Language;
  summary: string;
  cues: string[];
  departmentKey: string | null;
  ownerId: string | null;
  escalationLevel: number;
  rejectionCount: number;
  satisfactionScore: number | null;
  satisfactionComment: string | null;
  platform: Platform;
  channelId: string;
  threadId: string | null;
  privateConversation: boolean;
  createdAt: Date;
  lastCustomerMessageAt: Date;
  awaitingCustomerSince: Date | null;
  evidenceAskedKey: string | null;
  evidenceAskedAt: Date | null;
  evidenceRemindedAt: Date | null;
  nextCheckAt: Date | null;
  /** SLA steps already taken (see core/sla/sla-steps.ts). */
  slaStepsDone: string[];
  /** A staff question the customer has not answered yet, when it was asked and by whom (staff id). */
  pendingQuestion: string | null;
  questionAskedAt: Date | null;
  questionAskedBy: string | null;
  /** "related to CMP-…": the same order and problem reported again. */
  relatedCaseId: string | null;
  /** A duplicate merged into another case (closed; its history kept). */
  mergedIntoCaseId: string | null;
  /** Triage saw a possible urgency it could not confirm: a person decides (Mark urgent / not urgent). */
  possibleUrgent: boolean;
  version: number;
}

export type CasePatch = Partial<Omit<CaseRecord, 'id' | 'number' | 'customerId' | 'createdAt' | 'version'>>;
export type NewCase = Omit<CaseRecord, 'id' | 'version' | 'createdAt'> & { createdAt: Date };

export interface EvidenceRecord {
  id: string;
  requirement: string | null;
  kind: 'text' | 'file' | 'declined';
  text: string | null;
  fileId: string | null;
  fileName: string | null;
  mimeType: string | null;
  url: string | null;
  /** The bot's own copy of a file, if it tried to keep one. */
  stored?: StoredFileSummary | null;
  createdAt: Date;
}
export type NewEvidence = Omit<EvidenceRecord, 'id' | 'createdAt' | 'stored'> & { caseId: string; messageId?: string | null; storedFileId?: string | null; createdAt: Date };

export type MessageDirection = 'inbound' | 'outbound' | 'internal';
export interface CaseMessageRecord {
  id: string;
  direction: MessageDirection;
  authorKind: 'customer' | 'staff' | 'system';
  authorId: string | null;
  platform: Platform;
  text: string;
  createdAt: Date;
}
export type NewCaseMessage = Omit<CaseMessageRecord, 'id'> & { caseId: string; platformMessageId: string | null };

export type ActorKind = 'customer' | 'staff' | 'system';
export interface CaseEventRecord {
  id: string;
  caseId: string;
  at: Date;
  actorKind: ActorKind;
  actorId: string | null;
  platform: Platform | null;
  type: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
export type NewCaseEvent = Omit<CaseEventRecord, 'id'>;

export type SolutionStatus = 'pending_approval' | 'offered' | 'accepted' | 'rejected' | 'withdrawn';
export interface SolutionRecord extends SolutionProposal {
  id: string;
  caseId: string;
  status: SolutionStatus;
  proposedBy: string;
  approvedBy: string | null;
  rejectionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** A customer message in no case (yet): answered and kept, or waiting for the customer to choose its case. */
export interface UnfiledMessageRecord {
  id: string;
  customerId: string;
  platform: Platform;
  platformMessageId: string;
  channelId: string;
  text: string;
  message: CustomerMessage;
  choices: string[];
  state: 'pending_choice' | 'unfiled' | 'filed';
  caseId: string | null;
  createdAt: Date;
}

/** The labels of a case as the triage evaluation reads them (src/core/triage/evaluate.ts). */
export interface CaseLabels {
  language: Language;
  isComplaint: boolean;
  category: Category | null;
  urgent: boolean;
  orderNumber: string | null;
  desiredOutcome: DesiredOutcome | null;
  amount: number | null;
}

export interface TriageCorrectionRecord {
  caseId: string;
  caseNumber: string;
  at: Date;
  staffId: string;
  kind: string;
  text: string;
  language: Language;
  /** What triage said at intake. */
  triage: CaseLabels;
  /** The labels after this correction. */
  corrected: CaseLabels;
}

/** An open case of the conversation (or one whose survey is open), with its last message in either direction. */
export interface ConversationCase {
  caseRecord: CaseRecord;
  lastMessageAt: Date;
}

// ---------- outbound ----------

/** One button of a "which case is this about?" question, labelled in the customer's language. */
export interface CaseChoiceOption {
  /** A case id, or null for "a new problem". */
  caseId: string | null;
  label: string;
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

export interface EnqueueOptions {
  /** Same key, same effect: a second enqueue with it is ignored. */
  dedupeKey: string;
  /** When it may be sent: now for most effects; later for held nudges (quiet hours). */
  availableAt: Date;
}

// ---------- store ----------

export interface DeskTransaction {
  /** Serialises work on one customer (grouping, idempotent intake) across replicas. */
  lockCustomerKey(key: string): Promise<void>;
  /** Next value of the case-number sequence: never reused, gaps allowed (a failed intake burns one). */
  nextCaseSequence(): Promise<number>;
  /** Records a staff request as carried out; false when it already was (a redelivery). */
  claimStaffRequest(platform: Platform, requestId: string, caseId: string, action: string): Promise<boolean>;
  findCaseIdByPlatformMessage(platform: Platform, platformMessageId: string): Promise<string | null>;
  upsertCustomer(c: Omit<CustomerRecord, 'id'>): Promise<CustomerRecord>;
  getCustomer(id: string): Promise<CustomerRecord | null>;
  updateCustomerContact(id: string, contact: string): Promise<void>;
  /** The customer's own case in a thread: other people's cases in the same thread are not theirs. */
  findCaseByThread(platform: Platform, channelId: string, threadId: string, customerId: string): Promise<CaseRecord | null>;
  /** Whether any customer's case lives in this thread. */
  anyCaseInThread(platform: Platform, channelId: string, threadId: string): Promise<boolean>;
  findLatestOpenCase(customerId: string): Promise<CaseRecord | null>;
  /**
   * The customer's cases in one conversation that a message could continue: open ones, and
   * resolved ones whose survey is still open; each with its last message in either direction.
   * `channelId` null: in every conversation of the customer on that platform.
   */
  listConversationCases(customerId: string, platform: Platform, channelId: string | null): Promise<ConversationCase[]>;
  /** The customer's own case with this number (any status), or null. */
  findCustomerCaseByNumber(customerId: string, number: string): Promise<CaseRecord | null>;
  /** Open cases of the customer about this order (any conversation). */
  findOpenCasesByOrder(customerId: string, orderNumber: string): Promise<CaseRecord[]>;
  findUnfiledByPlatformMessage(platform: Platform, platformMessageId: string): Promise<UnfiledMessageRecord | null>;
  insertUnfiled(m: Omit<UnfiledMessageRecord, 'id' | 'caseId'>): Promise<UnfiledMessageRecord>;
  /** Reads the unfiled message and locks its row until the transaction ends. */
  lockUnfiled(id: string): Promise<UnfiledMessageRecord | null>;
  /** Messages of the customer that no case took and that wait for none (state `unfiled`), oldest first. */
  listUnfiled(customerId: string): Promise<UnfiledMessageRecord[]>;
  markUnfiledFiled(id: string, caseId: string, at: Date): Promise<void>;
  insertCorrection(c: Omit<TriageCorrectionRecord, 'caseNumber'>): Promise<void>;
  /** The first correction of a case: its `triage` is what triage said before anyone corrected it. */
  firstCorrection(caseId: string): Promise<Omit<TriageCorrectionRecord, 'caseNumber'> | null>;
  findLatestCase(customerId: string): Promise<CaseRecord | null>;
  countCasesCreatedSince(customerId: string, since: Date): Promise<number>;
  insertCase(c: NewCase): Promise<CaseRecord>;
  /** Reads the case and locks its row until the transaction ends (SELECT … FOR UPDATE). */
  lockCase(caseId: string): Promise<CaseRecord | null>;
  /**
   * Reads and locks several cases in one statement, taking the row locks in id order so two
   * batch lockers never deadlock; cases that do not exist are left out. Returned in id order.
   */
  lockCases(caseIds: readonly string[]): Promise<CaseRecord[]>;
  /** `current` (the locked row as last read) saves a read; without it the store reads the row first. */
  updateCase(caseId: string, patch: CasePatch, current?: CaseRecord): Promise<CaseRecord>;
  /** Sets `slaStepsDone` on several locked cases in one statement, with the next check time and version as `updateCase` sets them. */
  updateSlaStepsDone(rows: readonly { current: CaseRecord; slaStepsDone: string[] }[]): Promise<void>;
  addMessage(m: NewCaseMessage): Promise<void>;
  listMessages(caseId: string): Promise<CaseMessageRecord[]>;
  /** The text of each case's latest outbound message, in one statement; cases with none are left out. */
  lastOutboundTexts(caseIds: readonly string[]): Promise<Map<string, string>>;
  addEvidence(e: NewEvidence): Promise<void>;
  listEvidence(caseId: string): Promise<EvidenceRecord[]>;
  appendEvent(e: NewCaseEvent): Promise<void>;
  insertSolution(s: Omit<SolutionRecord, 'id' | 'decidedAt' | 'rejectionReason' | 'approvedBy'> & { approvedBy?: string | null }): Promise<SolutionRecord>;
  getSolution(id: string): Promise<SolutionRecord | null>;
  updateSolution(id: string, patch: Partial<Pick<SolutionRecord, 'status' | 'approvedBy' | 'rejectionReason' | 'decidedAt'>>): Promise<void>;
  enqueue(intent: OutboundIntent, options: EnqueueOptions): Promise<void>;
}

export interface DeskStore {
  transaction<T>(work: (tx: DeskTransaction) => Promise<T>): Promise<T>;
  findCaseByNumber(number: string): Promise<CaseRecord | null>;
  getCase(id: string): Promise<CaseRecord | null>;
  listEvidence(caseId: string): Promise<EvidenceRecord[]>;
  listEvents(caseId: string): Promise<CaseEventRecord[]>;
  listMessages(caseId: string): Promise<CaseMessageRecord[]>;
  listSolutions(caseId: string): Promise<SolutionRecord[]>;
  getCustomer(id: string): Promise<CustomerRecord | null>;
  listOpenCasesOwnedBy(staffId: string): Promise<CaseRecord[]>;
  /** Newest first, at most `limit`. */
  listCases(filter: { status?: CaseStatus; departmentKey?: string; urgent?: boolean; platform?: Platform; ownerId?: string | null; limit: number }): Promise<CaseRecord[]>;
  /** Every staff correction of the triage, oldest first (the labelled-example export). */
  listCorrections(): Promise<TriageCorrectionRecord[]>;
}

// ---------- delivery (implemented by each platform adapter) ----------

/** Delivers one outbound intent on one platform. Throws RateLimitedError to be retried later. */
export interface Notifier {
  readonly platform: Platform;
  deliver(intent: OutboundIntent): Promise<void>;
}

/** The platform said "too many requests": try again after this long, nothing is lost. */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited, retry after ${retryAfterMs} ms`,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
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

/**
 * Durable intake: adapters hand customer messages here and acknowledge the platform only
 * once `accept` has returned; the inbox worker then runs them through the desk.
 */
export interface InboundInbox {
  accept(message: CustomerMessage): Promise<'accepted' | 'duplicate'>;
}
