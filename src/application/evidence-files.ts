import { createHash } from 'node:crypto';
import type { AttachmentRef, Clock, CustomerMessage, Platform, StoredFileState } from '../core/ports.js';
import { describeBytes } from '../core/cases/case-view.js';

/** A file's bytes as the platform served them. */
export interface DownloadedFile {
  bytes: Buffer;
  contentType: string | null;
}

/** The platform's file is over the limit: not kept, staff are told to ask the customer. */
export class EvidenceTooLargeError extends Error {
  override readonly name = 'EvidenceTooLargeError';
  constructor(
    readonly size: number | null,
    readonly limit: number,
  ) {
    super(`${size === null ? 'more than' : describeBytes(size) + ', over'} the ${describeBytes(limit)} limit`);
  }
}

/** The conversation a file was sent in; a retry later knows only the file's URL. */
export interface DownloadSource {
  conversationId: string;
}

/** Fetches one attachment from its platform (Slack with the bot token, Teams from its download URL). */
export interface EvidenceDownloader {
  download(ref: AttachmentRef, maxBytes: number, source?: DownloadSource): Promise<DownloadedFile>;
}

export interface NewEvidenceFile {
  fileKey: string;
  platform: Platform;
  fileName: string;
  sourceUrl: string | null;
  state: StoredFileState;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  content: Buffer | null;
  reason: string | null;
  attempts: number;
  nextAttemptAt: Date | null;
  createdAt: Date;
}

export interface RetryableEvidenceFile {
  id: string;
  platform: Platform;
  fileName: string;
  sourceUrl: string | null;
  contentType: string | null;
  attempts: number;
  nextAttemptAt: Date;
}

export interface ServedEvidenceFile {
  fileName: string;
  contentType: string | null;
  size: number;
  sha256: string;
  content: Buffer;
}

/** Where the bot keeps customers' files (persistence/prisma-evidence-file-store.ts). */
export interface EvidenceFileStore {
  /** Inserts the row unless one with its key exists; either way answers the row's id. */
  insert(f: NewEvidenceFile): Promise<string>;
  findIdByKey(fileKey: string): Promise<string | null>;
  /** Failed downloads whose next attempt is due, oldest first. */
  dueForRetry(now: Date, limit: number): Promise<RetryableEvidenceFile[]>;
  /** Takes a due retry for this worker: false when another got it first. */
  claimRetry(f: RetryableEvidenceFile, until: Date): Promise<boolean>;
  settle(id: string, patch: Pick<NewEvidenceFile, 'state' | 'contentType' | 'size' | 'sha256' | 'content' | 'reason' | 'attempts' | 'nextAttemptAt'> & { storedAt: Date | null }): Promise<void>;
  /** Only a stored file, with its bytes. */
  getStored(id: string): Promise<ServedEvidenceFile | null>;
  /** The cases whose evidence is this file (their cards show its state). */
  casesOf(id: string): Promise<string[]>;
}

export interface EvidenceIntakeOptions {
  store: EvidenceFileStore;
  clock: Clock;
  maxBytes: number;
  /** Downloads per file in all, the first included; a failed one is tried again with back-off. */
  maxAttempts?: number;
  /** First wait before a retry, doubled on each: 1 min, 2 min, 4 min… */
  retryBaseMs?: number;
  /** A file whose state changed after its case was made: the case's card is drawn again. */
  onSettled?: (caseIds: string[], fileId: string) => Promise<void>;
}

type Outcome = Pick<NewEvidenceFile, 'state' | 'contentType' | 'size' | 'sha256' | 'content' | 'reason'>;

/** A file's key: the same for every delivery of its message, and short whatever the platform id's length. */
export const evidenceFileKey = (platform: Platform, fileId: string): string => createHash('sha256').update(`${platform}:${fileId}`).digest('hex');

const reasonOf = (err: unknown): string => String((err as Error)?.message ?? err).slice(0, 300);

/**
 * Customers' files, taken in before their message becomes a case: each is downloaded once
 * (within the size limit) and kept, so staff can open it although the customer's chat is
 * closed to them. A download that fails never holds the case back: the case is made, the file
 * is recorded as not fetched with the reason, and tried again a bounded number of times.
 */
export class EvidenceIntake {
  private readonly downloaders = new Map<Platform, EvidenceDownloader>();

  constructor(private readonly o: EvidenceIntakeOptions) {}

  register(platform: Platform, downloader: EvidenceDownloader): void {
    this.downloaders.set(platform, downloader);
  }

  get maxAttempts(): number {
    return this.o.maxAttempts ?? 4;
  }

  /** The message with each attachment it could take in marked with its stored file. */
  async takeIn(m: CustomerMessage): Promise<CustomerMessage> {
    const downloader = this.downloaders.get(m.platform);
    if (!downloader || !m.attachments?.length) return m;
    const attachments: AttachmentRef[] = [];
    for (const a of m.attachments) {
      if (!a.url) {
        attachments.push(a);
        continue;
      }
      const fileKey = evidenceFileKey(m.platform, a.fileId);
      // A redelivered or retried message: the file was taken in the first time.
      const known = await this.o.store.findIdByKey(fileKey);
      if (known) {
        attachments.push({ ...a, storedFileId: known });
        continue;
      }
      const outcome = await this.fetch(downloader, a, { conversationId: m.conversation.channelId });
      const now = this.o.clock.now();
      const id = await this.o.store.insert({
        fileKey,
        platform: m.platform,
        fileName: a.name,
        sourceUrl: a.url,
        ...outcome,
        contentType: outcome.contentType ?? a.mimeType ?? null,
        attempts: 1,
        nextAttemptAt: outcome.state === 'failed' ? this.nextAttempt(1, now) : null,
        createdAt: now,
      });
      attachments.push({ ...a, storedFileId: id });
    }
    return { ...m, attachments };
  }

  private async fetch(downloader: EvidenceDownloader, a: AttachmentRef, source?: DownloadSource): Promise<Outcome> {
    const none = { contentType: null, size: null, sha256: null, content: null };
    if (typeof a.size === 'number' && a.size > this.o.maxBytes) return { ...none, state: 'too_large', size: a.size, reason: new EvidenceTooLargeError(a.size, this.o.maxBytes).message };
    try {
      const file = await downloader.download(a, this.o.maxBytes, source);
      if (file.bytes.length > this.o.maxBytes) throw new EvidenceTooLargeError(file.bytes.length, this.o.maxBytes);
      return { state: 'stored', contentType: file.contentType, size: file.bytes.length, sha256: createHash('sha256').update(file.bytes).digest('hex'), content: file.bytes, reason: null };
    } catch (err) {
      if (err instanceof EvidenceTooLargeError) return { ...none, state: 'too_large', size: err.size, reason: err.message };
      return { ...none, state: 'failed', reason: reasonOf(err) };
    }
  }

  private nextAttempt(attempts: number, now: Date): Date | null {
    if (attempts >= this.maxAttempts) return null;
    return new Date(now.getTime() + (this.o.retryBaseMs ?? 60_000) * 2 ** (attempts - 1));
  }

  /** Tries the due failed downloads again; answers how many it tried. */
  async retryDue(limit = 20): Promise<number> {
    const now = this.o.clock.now();
    const due = await this.o.store.dueForRetry(now, limit);
    let tried = 0;
    for (const f of due) {
      const downloader = this.downloaders.get(f.platform);
      // Held for this worker while it downloads; a crash here only delays the retry.
      if (!downloader || !f.sourceUrl || !(await this.o.store.claimRetry(f, new Date(now.getTime() + 5 * 60_000)))) continue;
      tried++;
      const outcome = await this.fetch(downloader, { fileId: f.id, name: f.fileName, url: f.sourceUrl, mimeType: f.contentType });
      const attempts = f.attempts + 1;
      const at = this.o.clock.now();
      await this.o.store.settle(f.id, {
        ...outcome,
        contentType: outcome.contentType ?? f.contentType,
        attempts,
        nextAttemptAt: outcome.state === 'failed' ? this.nextAttempt(attempts, at) : null,
        storedAt: outcome.state === 'stored' ? at : null,
      });
      // The card said "the desk tries again": it now says what came of it.
      if (outcome.state !== 'failed' || attempts >= this.maxAttempts) await this.o.onSettled?.(await this.o.store.casesOf(f.id), f.id);
    }
    return tried;
  }
}
