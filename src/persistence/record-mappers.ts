import type { Case, CaseEvent, CaseMessage, Customer, Evidence, Solution, TriageCorrection, UnfiledMessage } from '../generated/prisma/client.js';
import type {
  CaseEventRecord,
  CaseMessageRecord,
  CaseLabels,
  CaseRecord,
  CustomerMessage,
  CustomerRecord,
  TriageCorrectionRecord,
  UnfiledMessageRecord,
  EvidenceRecord,
  StoredFileState,
  Platform,
  SolutionRecord,
} from '../core/ports.js';

type DecimalLike = { toNumber(): number } | null;
const num = (d: DecimalLike): number | null => (d === null ? null : d.toNumber());

// The database stores the core's string unions as text; these casts are where they come back.
export function toCaseRecord(row: Case): CaseRecord {
  return {
    ...row,
    status: row.status as CaseRecord['status'],
    category: row.category as CaseRecord['category'],
    desiredOutcome: row.desiredOutcome as CaseRecord['desiredOutcome'],
    language: row.language as CaseRecord['language'],
    platform: row.platform as Platform,
    amount: num(row.amount),
    cues: Array.isArray(row.cues) ? (row.cues as string[]) : [],
    slaStepsDone: Array.isArray(row.slaStepsDone) ? (row.slaStepsDone as string[]) : [],
  };
}

export function toCustomerRecord(row: Customer): CustomerRecord {
  return { id: row.id, platform: row.platform as Platform, platformUserId: row.platformUserId, displayName: row.displayName, contact: row.contact };
}

/** The stored file's state, never its bytes: a case view must not load every file it shows. */
export const STORED_FILE = { storedFile: { select: { id: true, state: true, size: true, reason: true, nextAttemptAt: true } } } as const;
type StoredFileRow = { id: string; state: string; size: number | null; reason: string | null; nextAttemptAt: Date | null };

export function toEvidenceRecord(row: Evidence & { storedFile?: StoredFileRow | null }): EvidenceRecord {
  return {
    id: row.id,
    requirement: row.requirement,
    kind: row.kind as EvidenceRecord['kind'],
    text: row.text,
    fileId: row.fileId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    url: row.url,
    stored: row.storedFile
      ? { id: row.storedFile.id, state: row.storedFile.state as StoredFileState, size: row.storedFile.size, reason: row.storedFile.reason, retrying: row.storedFile.state === 'failed' && row.storedFile.nextAttemptAt !== null }
      : null,
    createdAt: row.createdAt,
  };
}

export function toMessageRecord(row: CaseMessage): CaseMessageRecord {
  return {
    id: row.id,
    direction: row.direction as CaseMessageRecord['direction'],
    authorKind: row.authorKind as CaseMessageRecord['authorKind'],
    authorId: row.authorId,
    platform: row.platform as Platform,
    text: row.text,
    createdAt: row.createdAt,
  };
}

export function toEventRecord(row: CaseEvent): CaseEventRecord {
  return {
    id: row.id.toString(),
    caseId: row.caseId,
    at: row.at,
    actorKind: row.actorKind as CaseEventRecord['actorKind'],
    actorId: row.actorId,
    platform: row.platform as Platform | null,
    type: row.type,
    before: row.before as Record<string, unknown> | null,
    after: row.after as Record<string, unknown> | null,
  };
}

export function toSolutionRecord(row: Solution): SolutionRecord {
  return {
    ...row,
    type: row.type as SolutionRecord['type'],
    status: row.status as SolutionRecord['status'],
    amount: num(row.amount),
  };
}

/** JSON for audit before/after: dates as ISO strings, nothing undefined. */
export function toJson(value: Record<string, unknown> | null): object | null {
  return value === null ? null : (JSON.parse(JSON.stringify(value)) as object);
}

export function toUnfiledRecord(row: UnfiledMessage): UnfiledMessageRecord {
  const message = row.message as unknown as CustomerMessage;
  return {
    id: row.id,
    customerId: row.customerId,
    platform: row.platform as Platform,
    platformMessageId: row.platformMessageId,
    channelId: row.channelId,
    text: row.text,
    // Stored as JSON: the received time comes back from its own column.
    message: { ...message, receivedAt: row.createdAt },
    choices: Array.isArray(row.choices) ? (row.choices as string[]) : [],
    state: row.state as UnfiledMessageRecord['state'],
    caseId: row.caseId,
    createdAt: row.createdAt,
  };
}

export function toCorrectionRecord(row: TriageCorrection): Omit<TriageCorrectionRecord, 'caseNumber'> {
  return {
    caseId: row.caseId,
    at: row.at,
    staffId: row.staffId,
    kind: row.kind,
    text: row.text,
    language: row.language as TriageCorrectionRecord['language'],
    triage: row.triage as unknown as CaseLabels,
    corrected: row.corrected as unknown as CaseLabels,
  };
}
