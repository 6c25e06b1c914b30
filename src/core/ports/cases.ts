import type { CaseStatus } from '../model/lifecycle.js';
import type { Category, DesiredOutcome, Language } from '../triage/types.js';
import type { TriageLabels } from '../triage/triage-schema.js';
import type { CustomerMessage, StoredFileSummary } from './messages.js';
import type { Platform } from './platform.js';

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

/** Unfiled messages of one conversation, kept at or after `since`. */
export interface UnfiledWithin {
  channelId: string;
  since: Date;
}

/** The labels of a case as the triage evaluation reads them (src/core/triage/evaluate.ts). */
export type CaseLabels = TriageLabels;

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

export interface EarlierDelivery {
  caseId: string | null;
  unfiled: UnfiledMessageRecord | null;
}

/** Cases and what hangs off them: messages, evidence, unfiled messages, triage corrections. */
export interface CasesPort {
  /** Next value of the case-number sequence: never reused, gaps allowed (a failed intake burns one). */
  nextCaseSequence(): Promise<number>;
  /**
   * What an earlier delivery of this platform message left: the case it went into, or the
   * unfiled message it was kept as (asked about, or not a complaint). One look-up for both,
   * since intake asks both of every message.
   */
  findEarlierDelivery(platform: Platform, platformMessageId: string): Promise<EarlierDelivery>;
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
  /** Open cases of the customer about this order (any conversation), each with its last message in either direction. */
  findOpenCasesByOrder(customerId: string, orderNumber: string): Promise<ConversationCase[]>;
  insertUnfiled(m: Omit<UnfiledMessageRecord, 'id' | 'caseId'>): Promise<UnfiledMessageRecord>;
  /** Reads the unfiled message and locks its row until the transaction ends. */
  lockUnfiled(id: string): Promise<UnfiledMessageRecord | null>;
  /** Messages of the customer that no case took and that wait for none (state `unfiled`), oldest first; `within` one conversation since a time. */
  listUnfiled(customerId: string, within?: UnfiledWithin): Promise<UnfiledMessageRecord[]>;
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
}

export interface CaseReads {
  findCaseByNumber(number: string): Promise<CaseRecord | null>;
  getCase(id: string): Promise<CaseRecord | null>;
  listEvidence(caseId: string): Promise<EvidenceRecord[]>;
  listMessages(caseId: string): Promise<CaseMessageRecord[]>;
  listOpenCasesOwnedBy(staffId: string): Promise<CaseRecord[]>;
  /** Newest first, at most `limit`. */
  listCases(filter: { status?: CaseStatus; departmentKey?: string; urgent?: boolean; platform?: Platform; ownerId?: string | null; limit: number }): Promise<CaseRecord[]>;
  /** Every staff correction of the triage, oldest first (the labelled-example export). */
  listCorrections(): Promise<TriageCorrectionRecord[]>;
}
