import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { STORED_FILE, toCaseRecord, toCorrectionRecord, toCustomerRecord, toEvidenceRecord, toMessageRecord, toSolutionRecord, toUnfiledRecord } from '../../../src/persistence/record-mappers.js';

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
    expect(byOrder.map((c) => c.caseRecord)).toEqual([orm]);
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

  it('writes and reads solutions (numeric, nulls, dates) as the ORM does; updating a missing one fails', async () => {
    const createdAt = new Date('2026-11-23T05:06:07.089Z');
    const inserted = await inTx((tx) => tx.insertSolution({ caseId, type: 'refund', amount: 299.5, currency: 'CNY', text: '退款 ¥299.50', status: 'pending_approval', proposedBy: 'staff-1', createdAt }));
    const orm = () => prisma().solution.findUniqueOrThrow({ where: { id: inserted.id } }).then(toSolutionRecord);
    expect(inserted).toEqual(await orm());
    expect(inserted).toMatchObject({ amount: 299.5, currency: 'CNY', effectiveBy: null, approvedBy: null, rejectionReason: null, decidedAt: null, createdAt });
    const bare = await inTx((tx) => tx.insertSolution({ caseId, type: 'apology', text: 'sorry', status: 'offered', proposedBy: 'staff-1', approvedBy: 'lead-1', createdAt }));
    expect(bare).toEqual(toSolutionRecord(await prisma().solution.findUniqueOrThrow({ where: { id: bare.id } })));
    expect(bare).toMatchObject({ amount: null, currency: null, approvedBy: 'lead-1' });

    const decidedAt = new Date('2026-11-24T01:02:03.004Z');
    await inTx((tx) => tx.updateSolution(inserted.id, { status: 'rejected', rejectionReason: 'too much', decidedAt, approvedBy: undefined }));
    const [read, missing] = await inTx(async (tx) => [await tx.getSolution(inserted.id), await tx.getSolution('00000000-0000-4000-8000-000000000000')] as const);
    expect(read).toEqual(await orm());
    expect(read).toMatchObject({ status: 'rejected', rejectionReason: 'too much', decidedAt, approvedBy: null });
    expect(missing).toBeNull();
    await expect(inTx((tx) => tx.updateSolution('00000000-0000-4000-8000-000000000000', { status: 'accepted' }))).rejects.toThrow(/does not exist/);
  });

  it('writes and reads triage corrections (jsonb labels) as the ORM does, first one first', async () => {
    const labels = { language: 'zh-Hans' as const, isComplaint: true, category: null, urgent: false, orderNumber: '20261116-8871', desiredOutcome: null, amount: 299 };
    const first = { caseId, at: new Date('2026-11-23T06:00:00.001Z'), staffId: 'staff-1', kind: 'category', text: '电水壶漏水', language: 'zh-Hans' as const, triage: labels, corrected: { ...labels, urgent: true } };
    await inTx(async (tx) => {
      await tx.insertCorrection(first);
      await tx.insertCorrection({ ...first, at: new Date('2026-11-23T07:00:00.000Z'), kind: 'urgent', triage: { ...labels, urgent: true } });
    });
    const read = await inTx((tx) => tx.firstCorrection(caseId));
    expect(read).toEqual(toCorrectionRecord(await prisma().triageCorrection.findFirstOrThrow({ where: { caseId }, orderBy: { id: 'asc' } })));
    expect(read).toEqual(first);
    expect(await inTx((tx) => tx.firstCorrection('00000000-0000-4000-8000-000000000000'))).toBeNull();
  });

  it('writes an unfiled message (jsonb message and choices) that the ORM reads back unchanged', async () => {
    const c = toCaseRecord(await prisma().case.findUniqueOrThrow({ where: { id: caseId } }));
    const createdAt = new Date('2026-11-23T08:09:10.011Z');
    const message = { platform: 'local' as const, messageId: 'unfiled-raw-1', customer: { userId: 'raw-cols', displayName: null }, conversation: { channelId: 'C1', threadId: null }, text: '你好', attachments: [], receivedAt: createdAt };
    const inserted = await inTx((tx) =>
      tx.insertUnfiled({ customerId: c.customerId, platform: 'local', platformMessageId: 'unfiled-raw-1', channelId: 'C1', text: '你好', message, choices: [c.number], state: 'pending_choice', createdAt }),
    );
    expect(inserted).toEqual(toUnfiledRecord(await prisma().unfiledMessage.findUniqueOrThrow({ where: { id: inserted.id } })));
    expect(inserted).toMatchObject({ choices: [c.number], state: 'pending_choice', caseId: null, message: { text: '你好', receivedAt: createdAt } });
    expect(await inTx((tx) => tx.lockUnfiled(inserted.id))).toEqual(inserted);
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
