import { randomUUID } from 'node:crypto';
import type { EvidenceFileStore, NewEvidenceFile, RetryableEvidenceFile, ServedEvidenceFile } from '../application/evidence-files.js';
import type { Platform } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Customers' files as bytea rows beside the cases, on the database the desk already uses. */
export class PrismaEvidenceFileStore implements EvidenceFileStore {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(f: NewEvidenceFile): Promise<string> {
    // Two replicas taking in one redelivered message: the first row wins, both use it. The bytes
    // travel as base64 text: the PGlite driver adapter refuses Prisma's bytea parameters.
    await this.prisma.$executeRaw`
      INSERT INTO evidence_file (id, file_key, platform, file_name, source_url, state, content_type, size, sha256, content, reason, attempts, next_attempt_at, created_at, stored_at)
      VALUES (${randomUUID()}::uuid, ${f.fileKey}, ${f.platform}, ${f.fileName}, ${f.sourceUrl}, ${f.state}, ${f.contentType}, ${f.size}::int, ${f.sha256},
              decode(${f.content ? f.content.toString('base64') : null}::text, 'base64'), ${f.reason}, ${f.attempts}::int, ${f.nextAttemptAt}::timestamptz, ${f.createdAt}::timestamptz,
              ${f.state === 'stored' ? f.createdAt : null}::timestamptz)
      ON CONFLICT (file_key) DO NOTHING`;
    const id = await this.findIdByKey(f.fileKey);
    if (!id) throw new Error('evidence file vanished between insert and read');
    return id;
  }

  async findIdByKey(fileKey: string): Promise<string | null> {
    return (await this.prisma.evidenceFile.findUnique({ where: { fileKey }, select: { id: true } }))?.id ?? null;
  }

  async dueForRetry(now: Date, limit: number): Promise<RetryableEvidenceFile[]> {
    const rows = await this.prisma.evidenceFile.findMany({
      where: { state: 'failed', nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true, platform: true, fileName: true, sourceUrl: true, contentType: true, attempts: true, nextAttemptAt: true },
    });
    return rows.map((r) => ({ ...r, platform: r.platform as Platform, nextAttemptAt: r.nextAttemptAt! }));
  }

  async claimRetry(f: RetryableEvidenceFile, until: Date): Promise<boolean> {
    const { count } = await this.prisma.evidenceFile.updateMany({ where: { id: f.id, state: 'failed', nextAttemptAt: f.nextAttemptAt }, data: { nextAttemptAt: until } });
    return count === 1;
  }

  async settle(id: string, p: Parameters<EvidenceFileStore['settle']>[1]): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE evidence_file SET state = ${p.state}, content_type = ${p.contentType}, size = ${p.size}::int, sha256 = ${p.sha256},
             content = decode(${p.content ? p.content.toString('base64') : null}::text, 'base64'), reason = ${p.reason}, attempts = ${p.attempts}::int,
             next_attempt_at = ${p.nextAttemptAt}::timestamptz, stored_at = ${p.storedAt}::timestamptz
       WHERE id = ${id}::uuid`;
  }

  async getStored(id: string): Promise<ServedEvidenceFile | null> {
    const [row] = await this.prisma.$queryRaw<{ state: string; file_name: string; content_type: string | null; sha256: string | null; content: string | null }[]>`
      SELECT state, file_name, content_type, sha256, encode(content, 'base64') AS content FROM evidence_file WHERE id = ${id}::uuid`;
    if (row?.state !== 'stored' || row.content === null) return null;
    const content = Buffer.from(row.content, 'base64');
    return { fileName: row.file_name, contentType: row.content_type, size: content.length, sha256: row.sha256 ?? '', content };
  }

  async casesOf(id: string): Promise<string[]> {
    const rows = await this.prisma.evidence.findMany({ where: { storedFileId: id }, select: { caseId: true }, distinct: ['caseId'] });
    return rows.map((r) => r.caseId);
  }
}
