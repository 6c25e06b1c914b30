import { randomUUID } from 'node:crypto';
import type { CaseRecord, CasePatch, EnqueueOptions, DeskStore, DeskTransaction, NewCase, OutboundIntent, Platform } from '../core/ports.js';
import { OPEN_STATUSES, type CaseStatus } from '../core/cases/case-status.js';
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import {
  toCaseRecord,
  toCustomerRecord,
  toEventRecord,
  toEvidenceRecord,
  STORED_FILE,
  toJson,
  toMessageRecord,
  toSolutionRecord,
  toCorrectionRecord,
  toUnfiledRecord,
} from './record-mappers.js';
import { outboxRateKey } from './outbox-store.js';

type Tx = Prisma.TransactionClient;
const openStatuses = [...OPEN_STATUSES];

function casePatchData(patch: CasePatch): Prisma.CaseUncheckedUpdateInput {
  const { cues, amount, slaStepsDone, ...rest } = patch;
  return {
    ...rest,
    ...(cues !== undefined ? { cues } : {}),
    ...(slaStepsDone !== undefined ? { slaStepsDone } : {}),
    ...(amount !== undefined ? { amount } : {}),
  };
}

/** The core's DeskTransaction on one Prisma interactive transaction. */
/** When the scheduler must next look at a case; bound to the SLA policy by the composition root. */
export type NextCheckPolicy = (c: Omit<CaseRecord, 'id' | 'version'>) => Date | null;

type BufferedTable = 'case_message' | 'evidence' | 'case_event' | 'outbox_message';

/**
 * Append-only rows (messages, evidence, audit, outbox) are collected and written as one
 * multi-row INSERT per table, before the next read and before commit: a new case writes about
 * fourteen such rows, and each ORM round trip costs more CPU than the insert itself.
 */
const INSERT_HEAD: Record<BufferedTable, Prisma.Sql> = {
  case_message: Prisma.sql`INSERT INTO case_message (id, case_id, direction, author_kind, author_id, platform, platform_message_id, text, created_at) VALUES `,
  evidence: Prisma.sql`INSERT INTO evidence (id, case_id, requirement, kind, text, file_id, file_name, mime_type, url, message_id, stored_file_id, created_at) VALUES `,
  case_event: Prisma.sql`INSERT INTO case_event (case_id, at, actor_kind, actor_id, platform, type, before, after) VALUES `,
  outbox_message: Prisma.sql`INSERT INTO outbox_message (dedupe_key, case_id, platform, rate_key, intent, available_at) VALUES `,
};
const INSERT_TAIL: Record<BufferedTable, Prisma.Sql> = {
  case_message: Prisma.empty,
  evidence: Prisma.empty,
  case_event: Prisma.empty,
  outbox_message: Prisma.sql` ON CONFLICT (dedupe_key) DO NOTHING`,
};
const jsonb = (v: object | null) => (v === null ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(v)}::jsonb`);

class PrismaDeskTransaction implements DeskTransaction {
  private readonly buffered = new Map<BufferedTable, Prisma.Sql[]>();
  /** Set once an outbound effect is written: the outbox worker is woken after commit. */
  wroteOutbox = false;

  constructor(
    private readonly tx: Tx,
    private readonly nextCheckAt: NextCheckPolicy,
  ) {}

  private buffer(table: BufferedTable, row: Prisma.Sql): void {
    const rows = this.buffered.get(table);
    if (rows) rows.push(row);
    else this.buffered.set(table, [row]);
  }

  /** Writes the buffered rows; called before every read and before commit. */
  async flush(): Promise<void> {
    if (this.buffered.size === 0) return;
    const tables = [...this.buffered];
    this.buffered.clear();
    for (const [table, rows] of tables) await this.tx.$executeRaw`${INSERT_HEAD[table]}${Prisma.join(rows)}${INSERT_TAIL[table]}`;
  }

  async lockCustomerKey(key: string): Promise<void> {
    await this.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }

  async nextCaseSequence(): Promise<number> {
    const [row] = await this.tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('case_number_seq') AS n`;
    return Number(row!.n);
  }

  async claimStaffRequest(platform: Platform, requestId: string, caseId: string, action: string): Promise<boolean> {
    const n = await this.tx.$executeRaw`INSERT INTO staff_request (platform, request_id, case_id, action) VALUES (${platform}, ${requestId}, ${caseId}::uuid, ${action}) ON CONFLICT DO NOTHING`;
    return n === 1;
  }

  async findCaseIdByPlatformMessage(platform: Platform, platformMessageId: string) {
    await this.flush();
    const m = await this.tx.caseMessage.findUnique({ where: { platform_platformMessageId: { platform, platformMessageId } }, select: { caseId: true } });
    return m?.caseId ?? null;
  }

  async upsertCustomer(c: Parameters<DeskTransaction['upsertCustomer']>[0]) {
    const row = await this.tx.customer.upsert({
      where: { platform_platformUserId: { platform: c.platform, platformUserId: c.platformUserId } },
      create: c,
      update: {
        ...(c.displayName ? { displayName: c.displayName } : {}),
        ...(c.contact ? { contact: c.contact } : {}),
      },
    });
    return toCustomerRecord(row);
  }

  async getCustomer(id: string) {
    const row = await this.tx.customer.findUnique({ where: { id } });
    return row && toCustomerRecord(row);
  }

  async updateCustomerContact(id: string, contact: string) {
    await this.tx.customer.update({ where: { id }, data: { contact } });
  }

  async findCaseByThread(platform: Platform, channelId: string, threadId: string, customerId: string) {
    const row = await this.tx.case.findFirst({ where: { platform, channelId, threadId, customerId }, orderBy: { createdAt: 'desc' } });
    return row && toCaseRecord(row);
  }

  async anyCaseInThread(platform: Platform, channelId: string, threadId: string) {
    return (await this.tx.case.count({ where: { platform, channelId, threadId }, take: 1 })) > 0;
  }

  async findLatestOpenCase(customerId: string) {
    const row = await this.tx.case.findFirst({ where: { customerId, status: { in: openStatuses } }, orderBy: { lastCustomerMessageAt: 'desc' } });
    return row && toCaseRecord(row);
  }

  async listConversationCases(customerId: string, platform: Platform, channelId: string | null) {
    await this.flush();
    const rows = await this.tx.case.findMany({
      where: {
        customerId,
        platform,
        ...(channelId === null ? {} : { channelId }),
        OR: [{ status: { in: openStatuses } }, { status: 'resolved', satisfactionScore: null, surveySentAt: { not: null } }],
      },
      orderBy: { createdAt: 'desc' },
      take: 20,
    });
    if (!rows.length) return [];
    // The last message either way (customer or desk), not only the customer's: a staff question restarts the window.
    const last = await this.tx.caseMessage.groupBy({ by: ['caseId'], where: { caseId: { in: rows.map((r) => r.id) }, direction: { in: ['inbound', 'outbound'] } }, _max: { createdAt: true } });
    const lastAt = new Map(last.map((l) => [l.caseId, l._max.createdAt]));
    return rows.map((r) => {
      const c = toCaseRecord(r);
      const at = lastAt.get(r.id);
      return { caseRecord: c, lastMessageAt: at && at > c.lastCustomerMessageAt ? at : c.lastCustomerMessageAt };
    });
  }

  async findCustomerCaseByNumber(customerId: string, number: string) {
    const row = await this.tx.case.findFirst({ where: { customerId, number } });
    return row && toCaseRecord(row);
  }

  async findOpenCasesByOrder(customerId: string, orderNumber: string) {
    const rows = await this.tx.case.findMany({ where: { customerId, orderNumber, status: { in: openStatuses } }, orderBy: { createdAt: 'desc' }, take: 10 });
    return rows.map(toCaseRecord);
  }

  async findUnfiledByPlatformMessage(platform: Platform, platformMessageId: string) {
    const row = await this.tx.unfiledMessage.findUnique({ where: { platform_platformMessageId: { platform, platformMessageId } } });
    return row && toUnfiledRecord(row);
  }

  async insertUnfiled(m: Parameters<DeskTransaction['insertUnfiled']>[0]) {
    const row = await this.tx.unfiledMessage.create({ data: { id: randomUUID(), ...m, message: JSON.parse(JSON.stringify(m.message)) as Prisma.InputJsonValue, choices: m.choices } });
    return toUnfiledRecord(row);
  }

  async lockUnfiled(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const locked = await this.tx.$queryRaw<{ id: string }[]>`SELECT id FROM unfiled_message WHERE id = ${id}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    const row = await this.tx.unfiledMessage.findUnique({ where: { id } });
    return row && toUnfiledRecord(row);
  }

  async listUnfiled(customerId: string) {
    return (await this.tx.unfiledMessage.findMany({ where: { customerId, state: 'unfiled' }, orderBy: { createdAt: 'asc' }, take: 50 })).map(toUnfiledRecord);
  }

  async markUnfiledFiled(id: string, caseId: string, at: Date) {
    await this.tx.unfiledMessage.update({ where: { id }, data: { state: 'filed', caseId, filedAt: at } });
  }

  async insertCorrection(c: Parameters<DeskTransaction['insertCorrection']>[0]) {
    await this.tx.triageCorrection.create({ data: { ...c, triage: { ...c.triage }, corrected: { ...c.corrected } } });
  }

  async firstCorrection(caseId: string) {
    const row = await this.tx.triageCorrection.findFirst({ where: { caseId }, orderBy: { id: 'asc' } });
    return row && toCorrectionRecord(row);
  }

  async findLatestCase(customerId: string) {
    const row = await this.tx.case.findFirst({ where: { customerId }, orderBy: { createdAt: 'desc' } });
    return row && toCaseRecord(row);
  }

  countCasesCreatedSince(customerId: string, since: Date) {
    return this.tx.case.count({ where: { customerId, createdAt: { gte: since } } });
  }

  async insertCase(c: NewCase) {
    const { cues, amount, slaStepsDone, ...rest } = c;
    const row = await this.tx.case.create({ data: { ...rest, cues, amount, slaStepsDone, nextCheckAt: this.nextCheckAt(c) } });
    return toCaseRecord(row);
  }

  async lockCase(caseId: string) {
    const locked = await this.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "case" WHERE id = ${caseId}::uuid FOR UPDATE`;
    if (locked.length === 0) return null;
    const row = await this.tx.case.findUnique({ where: { id: caseId } });
    return row && toCaseRecord(row);
  }

  async updateCase(caseId: string, patch: CasePatch, current?: CaseRecord) {
    const before = current ?? toCaseRecord(await this.tx.case.findUniqueOrThrow({ where: { id: caseId } }));
    const merged = { ...before, ...patch };
    const row = await this.tx.case.update({
      where: { id: caseId },
      data: { ...casePatchData(patch), nextCheckAt: this.nextCheckAt(merged), version: { increment: 1 } },
    });
    return toCaseRecord(row);
  }

  async addMessage(m: Parameters<DeskTransaction['addMessage']>[0]) {
    this.buffer('case_message', Prisma.sql`(${randomUUID()}::uuid, ${m.caseId}::uuid, ${m.direction}, ${m.authorKind}, ${m.authorId}, ${m.platform}, ${m.platformMessageId}, ${m.text}, ${m.createdAt})`);
  }

  async listMessages(caseId: string) {
    await this.flush();
    return (await this.tx.caseMessage.findMany({ where: { caseId }, orderBy: { seq: 'asc' } })).map(toMessageRecord);
  }

  async addEvidence(e: Parameters<DeskTransaction['addEvidence']>[0]) {
    this.buffer(
      'evidence',
      Prisma.sql`(${randomUUID()}::uuid, ${e.caseId}::uuid, ${e.requirement}, ${e.kind}, ${e.text}, ${e.fileId}, ${e.fileName}, ${e.mimeType}, ${e.url}, ${e.messageId ?? null}, ${e.storedFileId ?? null}::uuid, ${e.createdAt})`,
    );
  }

  async listEvidence(caseId: string) {
    await this.flush();
    return (await this.tx.evidence.findMany({ where: { caseId }, orderBy: { seq: 'asc' }, include: STORED_FILE })).map(toEvidenceRecord);
  }

  async appendEvent(e: Parameters<DeskTransaction['appendEvent']>[0]) {
    this.buffer('case_event', Prisma.sql`(${e.caseId}::uuid, ${e.at}, ${e.actorKind}, ${e.actorId}, ${e.platform}, ${e.type}, ${jsonb(toJson(e.before))}, ${jsonb(toJson(e.after))})`);
  }

  async insertSolution(s: Parameters<DeskTransaction['insertSolution']>[0]) {
    return toSolutionRecord(await this.tx.solution.create({ data: { ...s, approvedBy: s.approvedBy ?? null } }));
  }

  async getSolution(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.tx.solution.findUnique({ where: { id } });
    return row && toSolutionRecord(row);
  }

  async updateSolution(id: string, patch: Parameters<DeskTransaction['updateSolution']>[1]) {
    await this.tx.solution.update({ where: { id }, data: patch });
  }

  async enqueue(intent: OutboundIntent, options: EnqueueOptions) {
    this.wroteOutbox = true;
    this.buffer('outbox_message', Prisma.sql`(${options.dedupeKey}, ${intent.caseId}::uuid, ${intent.platform}, ${outboxRateKey(intent)}, ${jsonb(intent)}, ${options.availableAt})`);
  }
}

export class PrismaDeskStore implements DeskStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly nextCheckAt: NextCheckPolicy,
    /** Called after a commit that wrote outbound effects, so delivery starts at once (no adapter pokes a worker). */
    private readonly onOutboxCommitted: () => void = () => {},
  ) {}

  async transaction<T>(work: (tx: DeskTransaction) => Promise<T>): Promise<T> {
    let wroteOutbox = false;
    // Keep transactions short (prisma/orm#29952); the limits only guard against a stuck one.
    const result = await this.prisma.$transaction(
      async (tx) => {
        const t = new PrismaDeskTransaction(tx, this.nextCheckAt);
        const r = await work(t);
        await t.flush();
        wroteOutbox = t.wroteOutbox;
        return r;
      },
      { maxWait: 10_000, timeout: 20_000 },
    );
    if (wroteOutbox) this.onOutboxCommitted();
    return result;
  }

  async findCaseByNumber(number: string) {
    const row = await this.prisma.case.findUnique({ where: { number } });
    return row && toCaseRecord(row);
  }

  async getCase(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const row = await this.prisma.case.findUnique({ where: { id } });
    return row && toCaseRecord(row);
  }

  async listEvidence(caseId: string) {
    return (await this.prisma.evidence.findMany({ where: { caseId }, orderBy: { seq: 'asc' }, include: STORED_FILE })).map(toEvidenceRecord);
  }

  async listEvents(caseId: string) {
    return (await this.prisma.caseEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } })).map(toEventRecord);
  }

  async listMessages(caseId: string) {
    return (await this.prisma.caseMessage.findMany({ where: { caseId }, orderBy: { seq: 'asc' } })).map(toMessageRecord);
  }

  async listSolutions(caseId: string) {
    return (await this.prisma.solution.findMany({ where: { caseId }, orderBy: { createdAt: 'asc' } })).map(toSolutionRecord);
  }

  async getCustomer(id: string) {
    const row = await this.prisma.customer.findUnique({ where: { id } });
    return row && toCustomerRecord(row);
  }

  async listOpenCasesOwnedBy(staffId: string) {
    const rows = await this.prisma.case.findMany({ where: { ownerId: staffId, status: { in: openStatuses } }, orderBy: { createdAt: 'asc' } });
    return rows.map(toCaseRecord);
  }

  async listCorrections() {
    const rows = await this.prisma.triageCorrection.findMany({ orderBy: { id: 'asc' }, include: { case: { select: { number: true } } } });
    return rows.map((r) => ({ ...toCorrectionRecord(r), caseNumber: r.case.number }));
  }

  async listCases(filter: { status?: CaseStatus; departmentKey?: string; urgent?: boolean; platform?: Platform; limit: number }) {
    const rows = await this.prisma.case.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.departmentKey ? { departmentKey: filter.departmentKey } : {}),
        ...(filter.urgent !== undefined ? { urgent: filter.urgent } : {}),
        ...(filter.platform ? { platform: filter.platform } : {}),
      },
      orderBy: { createdAt: 'desc' },
      take: filter.limit,
    });
    return rows.map(toCaseRecord);
  }
}
