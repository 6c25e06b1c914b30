import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { STORED_FILE, toCaseRecord, toCustomerRecord, toEvidenceRecord, toMessageRecord, toUnfiledRecord } from '../../../src/persistence/record-mappers.js';

// The hot paths read and write cases with hand-written SQL (src/persistence/raw-columns.ts);
// every record they return must be exactly what the ORM returns for the same row.
describeOnDatabases('raw SQL reads and writes match the ORM (real database)', (db) => {
  let h: DeskHarness;
  let caseId: string;
  beforeAll(async () => {
    h = await createHarness(db());
    const r = await h.say('raw-cols', '我买的电水壶漏水，订单号 20261116-8871，花了 ¥299，希望退款。', { attachments: [{ fileId: 'F1', name: 'leak.jpg', mimeType: 'image/jpeg' }] });
    if (r.kind !== 'created') throw new Error(r.kind);
    caseId = r.caseId;
    await h.say('raw-cols', '谢谢');
    await h.deliver();
  });
  afterAll(() => h.close());

  const prisma = () => h.runtime.db.prisma;
  const inTx = <T>(work: Parameters<DeskHarness['runtime']['ctx']['store']['transaction']>[0] extends (tx: infer X) => Promise<unknown> ? (tx: X) => Promise<T> : never) =>
    h.runtime.ctx.store.transaction(work);

  it('reads a case (lock, by number, by order, latest, conversation) as the ORM does', async () => {
    const orm = toCaseRecord((await prisma().case.findUniqueOrThrow({ where: { id: caseId } }))!);
    expect(orm.amount).toBe(299);
    const [locked, byNumber, byOrder, latest, conversation] = await inTx(async (tx) => [
      await tx.lockCase(caseId),
      await tx.findCustomerCaseByNumber(orm.customerId, orm.number),
      await tx.findOpenCasesByOrder(orm.customerId, orm.orderNumber!),
      await tx.findLatestCase(orm.customerId),
      await tx.listConversationCases(orm.customerId, orm.platform, orm.channelId),
    ] as const);
    expect(locked).toEqual(orm);
    expect(byNumber).toEqual(orm);
    expect(byOrder).toEqual([orm]);
    expect(latest).toEqual(orm);
    expect(conversation.map((c) => c.caseRecord)).toEqual([orm]);
    expect(conversation[0]!.lastMessageAt.getTime()).toBeGreaterThanOrEqual(orm.lastCustomerMessageAt.getTime());
  });

  it('writes a patch (jsonb, dates, numbers, nulls) that the ORM reads back unchanged', async () => {
    const at = new Date('2026-11-23T03:04:05.678Z');
    const updated = await inTx((tx) => tx.updateCase(caseId, { cues: ['a ← b', 'c'], slaStepsDone: ['x:1'], amount: 12.5, evidenceAskedAt: at, evidenceAskedKey: null, escalationLevel: 2, pendingQuestion: undefined }));
    const orm = toCaseRecord(await prisma().case.findUniqueOrThrow({ where: { id: caseId } }));
    expect(updated).toEqual(orm);
    expect(orm).toMatchObject({ cues: ['a ← b', 'c'], slaStepsDone: ['x:1'], amount: 12.5, evidenceAskedAt: at, evidenceAskedKey: null, escalationLevel: 2 });
  });

  it('reads messages, evidence, customers and unfiled messages as the ORM does', async () => {
    const c = toCaseRecord(await prisma().case.findUniqueOrThrow({ where: { id: caseId } }));
    const [messages, evidence, customer, unfiled] = await inTx(async (tx) => [await tx.listMessages(caseId), await tx.listEvidence(caseId), await tx.getCustomer(c.customerId), await tx.listUnfiled(c.customerId)] as const);
    expect(messages).toEqual((await prisma().caseMessage.findMany({ where: { caseId }, orderBy: { seq: 'asc' } })).map(toMessageRecord));
    expect(messages.length).toBeGreaterThan(0);
    expect(evidence).toEqual((await prisma().evidence.findMany({ where: { caseId }, orderBy: { seq: 'asc' }, include: STORED_FILE })).map(toEvidenceRecord));
    expect(evidence.length).toBeGreaterThan(0);
    expect(customer).toEqual(toCustomerRecord(await prisma().customer.findUniqueOrThrow({ where: { id: c.customerId } })));
    expect(unfiled).toEqual((await prisma().unfiledMessage.findMany({ where: { customerId: c.customerId, state: 'unfiled' }, orderBy: { createdAt: 'asc' } })).map(toUnfiledRecord));
  });
});

describeOnDatabases('customer upsert in raw SQL (real database)', (db) => {
  it('creates a customer once, keeps a known name and contact when a message carries none, takes new ones', async () => {
    const h = await createHarness(db());
    try {
      const store = h.runtime.ctx.store;
      const base = { platform: 'local' as const, platformUserId: 'upsert-1' };
      const first = await store.transaction((tx) => tx.upsertCustomer({ ...base, displayName: 'Ada', contact: '13812345678' }));
      const again = await store.transaction((tx) => tx.upsertCustomer({ ...base, displayName: null, contact: null }));
      expect(again).toEqual(first);
      const renamed = await store.transaction((tx) => tx.upsertCustomer({ ...base, displayName: 'Ada L.', contact: null }));
      expect(renamed).toMatchObject({ id: first.id, displayName: 'Ada L.', contact: '13812345678' });
      expect(renamed).toEqual(toCustomerRecord(await h.runtime.db.prisma.customer.findUniqueOrThrow({ where: { id: first.id } })));
    } finally {
      await h.close();
    }
  });
});

describe('raw columns', () => {
  it('alias every column to its ORM field name', async () => {
    const { CASE_COLUMNS } = await import('../../../src/persistence/raw-columns.js');
    expect(CASE_COLUMNS.sql).toContain('"next_check_at" AS "nextCheckAt"');
  });
});
