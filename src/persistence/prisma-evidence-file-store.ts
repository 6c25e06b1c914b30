import { randomUUID } from 'node:crypto';
import type { EvidenceFileStore, NewEvidenceFile, RetryableEvidenceFile, ServedEvidenceFile } from '../application/evidence-files.js';
import type { Platform } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

/** Customers' files as bytea rows beside the cases, on the database the desk already uses. */
export class PrismaEvidenceFileStore implements EvidenceFileStore {
  constructor(private readonly prisma: PrismaClient) {}

  async insert(f: NewEvidenceFile): Promise<string> {
    // Two replicas taking in one redelivered message: the first row wins, both use it.
    const [row] = await this.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO evidence_file (id, file_key, platform, file_name, source_url, state, content_type, size, sha256, content, reason, attempts, next_attempt_at, created_at, stored_at)
      VALUES (${randomUUID()}::uuid, ${f.fileKey}, ${f.platform}, ${f.fileName}, ${f.sourceUrl}, ${f.state}, ${f.contentType}, ${f.size}, ${f.sha256}, ${f.content}, ${f.reason}, ${f.attempts}, ${f.nextAttemptAt}, ${f.createdAt}, ${f.state === 'stored' ? f.createdAt : null})
      ON CONFLICT (file_key) DO NOTHING RETURNING id::text`;
    if (row) return row.id;
    const existing = await this.findIdByKey(f.fileKey);
    if (!existing) throw new Error('evidence file vanished between insert and read');
    return existing;
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
    await this.prisma.evidenceFile.update({
      where: { id },
      data: { state: p.state, contentType: p.contentType, size: p.size, sha256: p.sha256, content: p.content ? new Uint8Array(p.content) : null, reason: p.reason, attempts: p.attempts, nextAttemptAt: p.nextAttemptAt, storedAt: p.storedAt },
    });
  }

  async getStored(id: string): Promise<ServedEvidenceFile | null> {
    const row = await this.prisma.evidenceFile.findUnique({ where: { id }, select: { state: true, fileName: true, contentType: true, size: true, sha256: true, content: true } });
    if (!row || row.state !== 'stored' || !row.content) return null;
    return { fileName: row.fileName, contentType: row.contentType, size: row.size ?? row.content.length, sha256: row.sha256 ?? '', content: Buffer.from(row.content) };
  }

  async casesOf(id: string): Promise<string[]> {
    const rows = await this.prisma.evidence.findMany({ where: { storedFileId: id }, select: { caseId: true }, distinct: ['caseId'] });
    return rows.map((r) => r.caseId);
  }
}
