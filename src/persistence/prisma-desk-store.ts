import { randomUUID } from 'node:crypto';
import type { CaseRecord, CasePatch, ConversationCase, EnqueueOptions, DeskStore, DeskTransaction, NewCase, OutboundIntent, Platform, UnfiledWithin } from '../core/ports.js';
import { OPEN_STATUSES, type CaseStatus } from '../core/model/lifecycle.js';
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
import { CASE_COLUMNS, CASE_MESSAGE_COLUMNS, CORRECTION_COLUMNS, CUSTOMER_COLUMNS, EVIDENCE_COLUMNS, SOLUTION_COLUMNS, UNFILED_COLUMNS, columnOf } from './raw-columns.js';
import type { Case, CaseMessage, Customer, Solution, TriageCorrection, UnfiledMessage } from '../generated/prisma/client.js';
import type { Database } from './database.js';
import type { SqlSession } from './sql-session.js';

const openStatuses = [...OPEN_STATUSES];

/** When the scheduler must next look at a case; bound to the SLA policy by the composition root. */
export type NextCheckPolicy = (c: Omit<CaseRecord, 'id' | 'version'>) => Date | null;

type BufferedTable = 'case_message' | 'evidence' | 'case_event' | 'outbox_message';
/** Tables a read may need written first: the buffered inserts, and customer for its buffered contact updates. */
type FlushedTable = BufferedTable | 'customer';

/**
 * Append-only rows (messages, evidence, audit, outbox) are collected and written as one
 * multi-row INSERT per table, before a read of that table and before commit: a new case writes
 * about fourteen such rows, and each statement costs the bot a round trip's CPU (a socket write
 * and read, a result to parse), more than the insert itself costs the server.
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
/** Rows per multi-row INSERT (at most 12 parameters each). */
const FLUSH_ROWS = 1000;
/** Parameters per flush statement: well under PostgreSQL's 65,535 (a scheduler batch can buffer thousands of rows). */
const FLUSH_PARAMETERS = 30_000;

/**
 * Several writes as one statement: all but the last as data-modifying CTEs, which PostgreSQL
 * runs to completion whether or not the main statement reads them. The writes touch different
 * tables (or different rows), so their order inside the statement does not matter; nothing in
 * the statement reads what another part writes.
 */
function oneStatement(writes: readonly Prisma.Sql[]): Prisma.Sql {
  if (writes.length === 1) return writes[0]!;
  const ctes = writes.slice(0, -1).map((w, i) => Prisma.sql`${Prisma.raw(`w${i}`)} AS (${w})`);
  return Prisma.sql`WITH ${Prisma.join(ctes)} ${writes[writes.length - 1]!}`;
}

const UUID = /^[0-9a-f-]{36}$/i;
/**
 * `id = ANY(…)` over checked uuids, as one array literal in a text parameter (the PGlite and pg
 * adapters agree on text, not on array encoding): the planner then probes the primary key,
 * where a join with a set-returning function guesses its size and scans the whole table.
 */
const anyId = (column: Prisma.Sql, ids: readonly string[]) => Prisma.sql`${column} = ANY(${`{${ids.join(',')}}`}::uuid[])`;
const jsonb = (v: object | null) => (v === null ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(v)}::jsonb`);
const OPEN_STATUS_LIST = Prisma.join(openStatuses);
/** Case fields stored as jsonb. */
const JSON_CASE_FIELDS = new Set(['cues', 'slaStepsDone']);
const UNFILED_JSON_FIELDS = new Set(['message', 'choices']);
const CORRECTION_JSON_FIELDS = new Set(['triage', 'corrected']);

/** Column list and values of a row to insert; undefined fields are left to the column's default. */
function insertParts(row: Record<string, unknown>, jsonFields: ReadonlySet<string> = new Set()): { columns: Prisma.Sql; values: Prisma.Sql } {
  const fields = Object.entries(row).filter(([, v]) => v !== undefined);
  return {
    columns: Prisma.join(fields.map(([f]) => columnOf(f))),
    values: Prisma.join(fields.map(([f, v]) => (jsonFields.has(f) ? jsonb(v as object) : Prisma.sql`${v}`))),
  };
}

/** `SET` items for a patch; undefined fields are left alone, as the ORM does. */
function assignments(patch: Record<string, unknown>, jsonFields: ReadonlySet<string> = new Set()): Prisma.Sql[] {
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([field, v]) => Prisma.sql`${columnOf(field)} = ${jsonFields.has(field) ? jsonb(v as object) : v}`);
}

/** The core's DeskTransaction on one driver transaction, in hand-written SQL (no ORM call on the hot paths). */
class PrismaDeskTransaction implements DeskTransaction {
  private readonly buffered = new Map<BufferedTable, Prisma.Sql[]>();
  /** Customer id → contact to store: written with the buffered rows (the evidence dialogue learns it mid-intake, nothing reads it back there). */
  private readonly contactUpdates = new Map<string, string>();
  /**
   * Customers this transaction created, without a case (without an unfiled message) yet: until
   * it commits, no other transaction can give them one (the foreign key waits on the new
   * customer row), so reads of that history are known to be empty without asking. A first
   * message of a new customer saves three statements.
   */
  private readonly customersWithoutCases = new Set<string>();
  private readonly customersWithoutUnfiled = new Set<string>();
  /** Set once an outbound effect is written: the outbox worker is woken after commit. */
  wroteOutbox = false;

  constructor(
    private readonly s: SqlSession,
    private readonly nextCheckAt: NextCheckPolicy,
  ) {}

  private buffer(table: BufferedTable, row: Prisma.Sql): void {
    const rows = this.buffered.get(table);
    if (rows) rows.push(row);
    else this.buffered.set(table, [row]);
  }

  /**
   * Writes the buffered rows of `tables` (all of them at commit) in as few statements as the
   * parameter limit allows; a read calls it for the tables it reads.
   */
  async flush(tables?: readonly FlushedTable[]): Promise<void> {
    const writes: Prisma.Sql[] = [];
    if (!tables || tables.includes('customer')) {
      // One UPDATE per customer (a statement may not change a row twice): the last contact learnt wins, as it would written at once.
      for (const [id, contact] of this.contactUpdates) writes.push(Prisma.sql`UPDATE customer SET contact = ${contact} WHERE id = ${id}::uuid`);
      this.contactUpdates.clear();
    }
    for (const [table, rows] of [...this.buffered]) {
      if (tables && !tables.includes(table)) continue;
      this.buffered.delete(table);
      for (let i = 0; i < rows.length; i += FLUSH_ROWS) writes.push(Prisma.sql`${INSERT_HEAD[table]}${Prisma.join(rows.slice(i, i + FLUSH_ROWS))}${INSERT_TAIL[table]}`);
    }
    let batch: Prisma.Sql[] = [];
    let parameters = 0;
    for (const w of writes) {
      if (batch.length && parameters + w.values.length > FLUSH_PARAMETERS) {
        await this.s.execute(oneStatement(batch));
        batch = [];
        parameters = 0;
      }
      batch.push(w);
      parameters += w.values.length;
    }
    if (batch.length) await this.s.execute(oneStatement(batch));
  }

  async lockCustomerKey(key: string): Promise<void> {
    await this.s.advisoryLock(key);
  }

  async nextCaseSequence(): Promise<number> {
    const [row] = await this.s.query<{ n: bigint }>(Prisma.sql`SELECT nextval('case_number_seq') AS n`);
    return Number(row!.n);
  }

  async claimStaffRequest(platform: Platform, requestId: string, caseId: string, action: string): Promise<boolean> {
    const n = await this.s.execute(Prisma.sql`INSERT INTO staff_request (platform, request_id, case_id, action) VALUES (${platform}, ${requestId}, ${caseId}::uuid, ${action}) ON CONFLICT DO NOTHING`);
    return n === 1;
  }

  async findEarlierDelivery(platform: Platform, platformMessageId: string) {
    await this.flush(['case_message']);
    // One statement for intake's first two questions: the case as a scalar subquery, the unfiled
    // message (if any) as the row; `one` gives a row when there is no unfiled message.
    const rows = await this.s.query<UnfiledMessage & { deliveredCaseId: string | null }>(Prisma.sql`
      SELECT (SELECT m.case_id FROM case_message m WHERE m.platform = ${platform} AND m.platform_message_id = ${platformMessageId} LIMIT 1) AS "deliveredCaseId",
             ${UNFILED_COLUMNS}
        FROM (SELECT 1) AS one
        LEFT JOIN unfiled_message ON platform = ${platform} AND platform_message_id = ${platformMessageId}
       LIMIT 1`);
    const { deliveredCaseId, ...unfiled } = rows[0]!;
    return { caseId: deliveredCaseId, unfiled: unfiled.id === null ? null : toUnfiledRecord(unfiled) };
  }

  async upsertCustomer(c: Parameters<DeskTransaction['upsertCustomer']>[0]) {
    await this.flush(['customer']);
    const { columns, values } = insertParts({ id: randomUUID(), ...c });
    // A message without a name or contact keeps the ones already known.
    const [row] = await this.s.query<Customer & { inserted: boolean }>(Prisma.sql`
      INSERT INTO customer (${columns}) VALUES (${values})
      ON CONFLICT (platform, platform_user_id) DO UPDATE SET
        display_name = CASE WHEN ${Boolean(c.displayName)} THEN EXCLUDED.display_name ELSE customer.display_name END,
        contact = CASE WHEN ${Boolean(c.contact)} THEN EXCLUDED.contact ELSE customer.contact END
      RETURNING ${CUSTOMER_COLUMNS}, (xmax = 0) AS inserted`);
    // xmax is 0 on a row this statement inserted, set on one it updated (the ON CONFLICT branch).
    if (row!.inserted) {
      this.customersWithoutCases.add(row!.id);
      this.customersWithoutUnfiled.add(row!.id);
    }
    return toCustomerRecord(row!);
  }

  async getCustomer(id: string) {
    await this.flush(['customer']);
    const [row] = await this.s.query<Customer>(Prisma.sql`SELECT ${CUSTOMER_COLUMNS} FROM customer WHERE id = ${id}::uuid`);
    return row ? toCustomerRecord(row) : null;
  }

  async updateCustomerContact(id: string, contact: string) {
    this.contactUpdates.set(id, contact);
  }

  /** One case by a condition, newest first by `order` (the hot paths' reads, without the ORM). */
  private async oneCase(where: Prisma.Sql, order: Prisma.Sql = Prisma.sql`created_at DESC`): Promise<CaseRecord | null> {
    const [row] = await this.s.query<Case>(Prisma.sql`SELECT ${CASE_COLUMNS} FROM "case" WHERE ${where} ORDER BY ${order} LIMIT 1`);
    return row ? toCaseRecord(row) : null;
  }

  async findCaseByThread(platform: Platform, channelId: string, threadId: string, customerId: string) {
    if (this.customersWithoutCases.has(customerId)) return null;
    return this.oneCase(Prisma.sql`platform = ${platform} AND channel_id = ${channelId} AND thread_id = ${threadId} AND customer_id = ${customerId}::uuid`);
  }

  async anyCaseInThread(platform: Platform, channelId: string, threadId: string) {
    const rows = await this.s.query<unknown>(Prisma.sql`SELECT 1 FROM "case" WHERE platform = ${platform} AND channel_id = ${channelId} AND thread_id = ${threadId} LIMIT 1`);
    return rows.length > 0;
  }

  findLatestOpenCase(customerId: string) {
    return this.oneCase(Prisma.sql`customer_id = ${customerId}::uuid AND status IN (${OPEN_STATUS_LIST})`, Prisma.sql`last_customer_message_at DESC`);
  }

  async listConversationCases(customerId: string, platform: Platform, channelId: string | null) {
    if (this.customersWithoutCases.has(customerId)) return [];
    return this.casesWithLastMessage(Prisma.sql`
       WHERE customer_id = ${customerId}::uuid AND platform = ${platform}
         ${channelId === null ? Prisma.empty : Prisma.sql`AND channel_id = ${channelId}`}
         AND (status IN (${OPEN_STATUS_LIST}) OR (status = 'resolved' AND satisfaction_score IS NULL AND survey_sent_at IS NOT NULL))
       ORDER BY created_at DESC
       LIMIT 20`);
  }

  /**
   * Cases with their last message either way (customer or desk, not only the customer's: a staff
   * question restarts the window), in one statement; `rest` is the WHERE, ORDER BY and LIMIT.
   */
  private async casesWithLastMessage(rest: Prisma.Sql): Promise<ConversationCase[]> {
    await this.flush(['case_message']);
    const rows = await this.s.query<(Case & { lastMessageAt: Date | null })>(Prisma.sql`
      SELECT ${CASE_COLUMNS},
             (SELECT max(m.created_at) FROM case_message m WHERE m.case_id = "case".id AND m.direction IN ('inbound', 'outbound')) AS "lastMessageAt"
        FROM "case" ${rest}`);
    return rows.map(({ lastMessageAt, ...r }) => {
      const c = toCaseRecord(r);
      return { caseRecord: c, lastMessageAt: lastMessageAt && lastMessageAt > c.lastCustomerMessageAt ? lastMessageAt : c.lastCustomerMessageAt };
    });
  }

  async findCustomerCaseByNumber(customerId: string, number: string) {
    if (this.customersWithoutCases.has(customerId)) return null;
    return this.oneCase(Prisma.sql`customer_id = ${customerId}::uuid AND number = ${number}`);
  }

  async findOpenCasesByOrder(customerId: string, orderNumber: string) {
    return this.casesWithLastMessage(Prisma.sql`
       WHERE customer_id = ${customerId}::uuid AND order_number = ${orderNumber} AND status IN (${OPEN_STATUS_LIST})
       ORDER BY created_at DESC LIMIT 10`);
  }

  async insertUnfiled(m: Parameters<DeskTransaction['insertUnfiled']>[0]) {
    this.customersWithoutUnfiled.delete(m.customerId);
    const { columns, values } = insertParts(
      { id: randomUUID(), customerId: m.customerId, platform: m.platform, platformMessageId: m.platformMessageId, channelId: m.channelId, text: m.text, message: m.message, choices: m.choices, state: m.state, createdAt: m.createdAt },
      UNFILED_JSON_FIELDS,
    );
    const [row] = await this.s.query<UnfiledMessage>(Prisma.sql`INSERT INTO unfiled_message (${columns}) VALUES (${values}) RETURNING ${UNFILED_COLUMNS}`);
    return toUnfiledRecord(row!);
  }

  async lockUnfiled(id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.s.query<UnfiledMessage>(Prisma.sql`SELECT ${UNFILED_COLUMNS} FROM unfiled_message WHERE id = ${id}::uuid FOR UPDATE`);
    return row ? toUnfiledRecord(row) : null;
  }

  async listUnfiled(customerId: string, within?: UnfiledWithin) {
    if (this.customersWithoutUnfiled.has(customerId)) return [];
    const rows = await this.s.query<UnfiledMessage>(Prisma.sql`SELECT ${UNFILED_COLUMNS} FROM unfiled_message
       WHERE customer_id = ${customerId}::uuid AND state = 'unfiled'
         ${within ? Prisma.sql`AND channel_id = ${within.channelId} AND created_at >= ${within.since}` : Prisma.empty}
       ORDER BY created_at ASC LIMIT 50`);
    return rows.map(toUnfiledRecord);
  }

  async markUnfiledFiled(id: string, caseId: string, at: Date) {
    await this.s.execute(Prisma.sql`UPDATE unfiled_message SET state = 'filed', case_id = ${caseId}::uuid, filed_at = ${at} WHERE id = ${id}::uuid`);
  }

  async insertCorrection(c: Parameters<DeskTransaction['insertCorrection']>[0]) {
    const { columns, values } = insertParts(
      { caseId: c.caseId, at: c.at, staffId: c.staffId, kind: c.kind, text: c.text, language: c.language, triage: c.triage, corrected: c.corrected },
      CORRECTION_JSON_FIELDS,
    );
    await this.s.execute(Prisma.sql`INSERT INTO triage_correction (${columns}) VALUES (${values})`);
  }

  async firstCorrection(caseId: string) {
    const [row] = await this.s.query<TriageCorrection>(Prisma.sql`SELECT ${CORRECTION_COLUMNS} FROM triage_correction WHERE case_id = ${caseId}::uuid ORDER BY id ASC LIMIT 1`);
    return row ? toCorrectionRecord(row) : null;
  }

  findLatestCase(customerId: string) {
    return this.oneCase(Prisma.sql`customer_id = ${customerId}::uuid`);
  }

  async countCasesCreatedSince(customerId: string, since: Date) {
    if (this.customersWithoutCases.has(customerId)) return 0;
    const [row] = await this.s.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM "case" WHERE customer_id = ${customerId}::uuid AND created_at >= ${since}`);
    return row?.n ?? 0;
  }

  async insertCase(c: NewCase) {
    this.customersWithoutCases.delete(c.customerId);
    const { columns, values } = insertParts({ id: randomUUID(), ...c, nextCheckAt: this.nextCheckAt(c), updatedAt: new Date() }, JSON_CASE_FIELDS);
    const [row] = await this.s.query<Case>(Prisma.sql`INSERT INTO "case" (${columns}) VALUES (${values}) RETURNING ${CASE_COLUMNS}`);
    return toCaseRecord(row!);
  }

  async lockCase(caseId: string) {
    if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
    const [row] = await this.s.query<Case>(Prisma.sql`SELECT ${CASE_COLUMNS} FROM "case" WHERE id = ${caseId}::uuid FOR UPDATE`);
    return row ? toCaseRecord(row) : null;
  }

  async lockCases(caseIds: readonly string[]) {
    const ids = caseIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return [];
    // ORDER BY before FOR UPDATE: the rows are locked in id order.
    const rows = await this.s.query<Case>(Prisma.sql`SELECT ${CASE_COLUMNS} FROM "case" WHERE ${anyId(Prisma.sql`id`, ids)} ORDER BY id FOR UPDATE`);
    return rows.map(toCaseRecord);
  }

  async updateSlaStepsDone(rows: readonly { current: CaseRecord; slaStepsDone: string[] }[]) {
    if (rows.length === 0) return;
    // The new values as one JSON parameter (see anyId); the id list lets the planner use the primary key.
    const values = rows.map(({ current, slaStepsDone }) => ({ id: current.id, done: slaStepsDone, next: this.nextCheckAt({ ...current, slaStepsDone })?.toISOString() ?? null }));
    await this.s.execute(Prisma.sql`
      UPDATE "case" SET sla_steps_done = v.done, next_check_at = v.next, version = "case".version + 1, updated_at = ${new Date()}
        FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(id uuid, done jsonb, next timestamptz)
       WHERE "case".id = v.id AND ${anyId(Prisma.sql`"case".id`, values.map((v) => v.id))}`);
  }

  async updateCase(caseId: string, patch: CasePatch, current?: CaseRecord) {
    const before = current ?? (await this.oneCase(Prisma.sql`id = ${caseId}::uuid`));
    if (!before) throw new Error(`case ${caseId} does not exist`);
    const merged = { ...before, ...patch };
    // updated_at is the wall clock, as the ORM's @updatedAt sets it; the desk's clock lives in the fields it sets.
    const [row] = await this.s.query<Case>(Prisma.sql`
      UPDATE "case" SET ${Prisma.join([...assignments(patch, JSON_CASE_FIELDS), Prisma.sql`next_check_at = ${this.nextCheckAt(merged)}`, Prisma.sql`version = version + 1`, Prisma.sql`updated_at = ${new Date()}`])}
       WHERE id = ${caseId}::uuid RETURNING ${CASE_COLUMNS}`);
    return toCaseRecord(row!);
  }

  async addMessage(m: Parameters<DeskTransaction['addMessage']>[0]) {
    this.buffer('case_message', Prisma.sql`(${randomUUID()}::uuid, ${m.caseId}::uuid, ${m.direction}, ${m.authorKind}, ${m.authorId}, ${m.platform}, ${m.platformMessageId}, ${m.text}, ${m.createdAt})`);
  }

  async listMessages(caseId: string) {
    await this.flush(['case_message']);
    const rows = await this.s.query<CaseMessage>(Prisma.sql`SELECT ${CASE_MESSAGE_COLUMNS} FROM case_message WHERE case_id = ${caseId}::uuid ORDER BY seq ASC`);
    return rows.map(toMessageRecord);
  }

  async lastOutboundTexts(caseIds: readonly string[]) {
    const ids = caseIds.filter((id) => UUID.test(id));
    if (ids.length === 0) return new Map<string, string>();
    await this.flush(['case_message']);
    const rows = await this.s.query<{ caseId: string; text: string }>(Prisma.sql`
      SELECT DISTINCT ON (case_id) case_id::text AS "caseId", text FROM case_message
       WHERE ${anyId(Prisma.sql`case_id`, ids)} AND direction = 'outbound'
       ORDER BY case_id, seq DESC`);
    return new Map(rows.map((r) => [r.caseId, r.text]));
  }

  async addEvidence(e: Parameters<DeskTransaction['addEvidence']>[0]) {
    this.buffer(
      'evidence',
      Prisma.sql`(${randomUUID()}::uuid, ${e.caseId}::uuid, ${e.requirement}, ${e.kind}, ${e.text}, ${e.fileId}, ${e.fileName}, ${e.mimeType}, ${e.url}, ${e.messageId ?? null}, ${e.storedFileId ?? null}::uuid, ${e.createdAt})`,
    );
  }

  async listEvidence(caseId: string) {
    await this.flush(['evidence']);
    // With the kept file's state, for the card (one statement: the ORM's include would be two).
    const rows = await this.s.query<Parameters<typeof toEvidenceRecord>[0]>(Prisma.sql`
      SELECT ${EVIDENCE_COLUMNS},
             CASE WHEN f.id IS NULL THEN NULL
                  ELSE json_build_object('id', f.id, 'state', f.state, 'size', f.size, 'reason', f.reason, 'nextAttemptAt', f.next_attempt_at) END AS "storedFile"
        FROM evidence LEFT JOIN evidence_file f ON f.id = evidence.stored_file_id
       WHERE evidence.case_id = ${caseId}::uuid ORDER BY evidence.seq ASC`);
    return rows.map(toEvidenceRecord);
  }

  async appendEvent(e: Parameters<DeskTransaction['appendEvent']>[0]) {
    this.buffer('case_event', Prisma.sql`(${e.caseId}::uuid, ${e.at}, ${e.actorKind}, ${e.actorId}, ${e.platform}, ${e.type}, ${jsonb(toJson(e.before))}, ${jsonb(toJson(e.after))})`);
  }

  async insertSolution(s: Parameters<DeskTransaction['insertSolution']>[0]) {
    const { columns, values } = insertParts({
      id: randomUUID(),
      caseId: s.caseId,
      type: s.type,
      amount: s.amount,
      currency: s.currency,
      effectiveBy: s.effectiveBy,
      text: s.text,
      status: s.status,
      proposedBy: s.proposedBy,
      approvedBy: s.approvedBy ?? null,
      createdAt: s.createdAt,
    });
    const [row] = await this.s.query<Solution>(Prisma.sql`INSERT INTO solution (${columns}) VALUES (${values}) RETURNING ${SOLUTION_COLUMNS}`);
    return toSolutionRecord(row!);
  }

  async getSolution(id: string) {
    if (!UUID.test(id)) return null;
    const [row] = await this.s.query<Solution>(Prisma.sql`SELECT ${SOLUTION_COLUMNS} FROM solution WHERE id = ${id}::uuid`);
    return row ? toSolutionRecord(row) : null;
  }

  async updateSolution(id: string, patch: Parameters<DeskTransaction['updateSolution']>[1]) {
    // `id = id` keeps an empty patch valid; a missing row is an error, as the ORM's update made it.
    const n = await this.s.execute(Prisma.sql`UPDATE solution SET ${Prisma.join([...assignments(patch), Prisma.sql`id = id`])} WHERE id = ${id}::uuid`);
    if (n !== 1) throw new Error(`solution ${id} does not exist`);
  }

  async enqueue(intent: OutboundIntent, options: EnqueueOptions) {
    this.wroteOutbox = true;
    this.buffer('outbox_message', Prisma.sql`(${options.dedupeKey}, ${intent.caseId}::uuid, ${intent.platform}, ${outboxRateKey(intent)}, ${jsonb(intent)}, ${options.availableAt})`);
  }
}

export class PrismaDeskStore implements DeskStore {
  private readonly prisma: PrismaClient;

  constructor(
    private readonly db: Database,
    private readonly nextCheckAt: NextCheckPolicy,
    /** Called after a commit that wrote outbound effects, so delivery starts at once (no adapter pokes a worker). */
    private readonly onOutboxCommitted: () => void = () => {},
  ) {
    this.prisma = db.prisma;
  }

  async transaction<T>(work: (tx: DeskTransaction) => Promise<T>): Promise<T> {
    let wroteOutbox = false;
    // Keep transactions short; the pool's connection timeout and the session's timeouts (sql-session.ts) only guard against a stuck one.
    const result = await this.db.transaction(async (session) => {
      const t = new PrismaDeskTransaction(session, this.nextCheckAt);
      const r = await work(t);
      await t.flush();
      wroteOutbox = t.wroteOutbox;
      return r;
    });
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

  async listCases(filter: { status?: CaseStatus; departmentKey?: string; urgent?: boolean; platform?: Platform; ownerId?: string | null; limit: number }) {
    const rows = await this.prisma.case.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.departmentKey ? { departmentKey: filter.departmentKey } : {}),
        ...(filter.urgent !== undefined ? { urgent: filter.urgent } : {}),
        ...(filter.platform ? { platform: filter.platform } : {}),
        ...(filter.ownerId !== undefined ? { ownerId: filter.ownerId } : {}),
      },
      orderBy: { createdAt: 'desc' },
      take: filter.limit,
    });
    return rows.map(toCaseRecord);
  }
}
