/**
 * November 2026 on a fresh database, written row by row so every figure of the monthly
 * report can be worked out by hand (the expected values sit next to the test). Times are
 * Shanghai wall-clock (+08:00). Also used by the CSV export test.
 */
import type { Prisma, PrismaClient } from '../../../src/generated/prisma/client.js';
import type { DeskConfig } from '../../../src/config/desk-config.js';
import { toDeskSettings, toStaffMembers } from '../../../src/config/to-desk-settings.js';
import { syncDirectory } from '../../../src/persistence/sync-directory.js';

/** "11-02 10:00" → that wall-clock time in Shanghai, 2026 (months 9–12). */
export const sh = (mdhm: string) => new Date(`2026-${mdhm.replace(' ', 'T')}:00+08:00`);

/** The moment the report is made: Tuesday 1 December 2026, 10:00 in Shanghai. */
export const AS_OF = sh('12-01 10:00');

type CaseSeed = Partial<Prisma.CaseUncheckedCreateInput> & { number: string; createdAt: Date; summary: string };

interface Customer {
  name: string;
  contact: string | null;
}

const CUSTOMERS: Record<string, Customer> = {
  zhang: { name: '张女士', contact: '13812345678' },
  lee: { name: 'Lee Wing', contact: 'lee@example.com' },
  chen: { name: '陳先生', contact: '+86 139 0000 1111' },
  wu: { name: '吴*', contact: null },
};

export const SEEDED = {
  A: { number: 'CMP-20261102-0001', customer: 'zhang' },
  B: { number: 'CMP-20261103-0002', customer: 'lee' },
  C: { number: 'CMP-20261110-0003', customer: 'lee' },
  D: { number: 'CMP-20261120-0004', customer: 'chen' },
  E: { number: 'CMP-20261128-0005', customer: 'wu' },
  H: { number: 'CMP-20261115-0006', customer: 'zhang' },
  F: { number: 'CMP-20261028-0007', customer: 'zhang' },
  J: { number: 'CMP-20261015-0008', customer: 'chen' },
  I: { number: 'CMP-20260901-0009', customer: 'wu' },
  G: { number: 'CMP-20261202-0010', customer: 'lee' },
} as const;

export async function seedNovember(prisma: PrismaClient, config: DeskConfig): Promise<Record<keyof typeof SEEDED, string>> {
  await syncDirectory(prisma, toDeskSettings(config).departments, toStaffMembers(config));
  const customerIds: Record<string, string> = {};
  for (const [key, c] of Object.entries(CUSTOMERS)) {
    const row = await prisma.customer.create({ data: { platform: 'local', platformUserId: `seed-${key}`, displayName: c.name, contact: c.contact } });
    customerIds[key] = row.id;
  }
  const ids = {} as Record<keyof typeof SEEDED, string>;
  const addCase = async (key: keyof typeof SEEDED, seed: Omit<CaseSeed, 'number'>) => {
    const row = await prisma.case.create({
      data: {
        status: 'claimed',
        language: 'zh-Hans',
        platform: 'local',
        channelId: `dm-${key}`,
        lastCustomerMessageAt: seed.createdAt,
        customerId: customerIds[SEEDED[key].customer]!,
        number: SEEDED[key].number,
        ...seed,
      },
    });
    ids[key] = row.id;
  };

  // A: product, quality; everything on time; closed with 5 stars.
  await addCase('A', {
    status: 'closed', category: 'product', departmentKey: 'quality', ownerId: 'wang-fang', orderNumber: 'JD-1001', cues: ['leak'], desiredOutcome: 'replacement',
    summary: '电水壶用了三天就漏水，要求换新', createdAt: sh('11-02 10:00'),
    firstResponseDueAt: sh('11-03 10:00'), firstRespondedAt: sh('11-02 12:00'), planDueAt: sh('11-03 10:00'), planSentAt: sh('11-02 15:00'),
    solutionDueAt: sh('11-05 10:00'), solutionProposedAt: sh('11-03 10:00'), closeDueAt: sh('11-05 18:00'), resolvedAt: sh('11-04 10:00'),
    resultDueAt: sh('11-05 10:00'), resultDeliveredAt: sh('11-04 10:00'), surveyDueAt: sh('11-09 10:00'), surveySentAt: sh('11-04 10:00'), closedAt: sh('11-04 12:00'),
    satisfactionScore: 5, satisfactionComment: '处理很快，谢谢！',
  });
  // B: product, quality; plan late, resolved late, rated 2 and reopened (resolvedAt cleared).
  await addCase('B', {
    status: 'claimed', category: 'product', departmentKey: 'quality', ownerId: 'chen-jie', orderNumber: 'JD-1002', cues: ['no_heat'], language: 'en',
    summary: 'My kettle stopped heating after a week', createdAt: sh('11-03 09:00'),
    firstResponseDueAt: sh('11-04 09:00'), firstRespondedAt: sh('11-03 19:00'), planDueAt: sh('11-04 09:00'), planSentAt: sh('11-04 11:00'),
    solutionDueAt: sh('11-06 09:00'), solutionProposedAt: sh('11-05 09:00'), closeDueAt: sh('11-06 18:00'), resolvedAt: null,
    resultDueAt: sh('11-09 09:00'), resultDeliveredAt: sh('11-08 09:00'), surveyDueAt: sh('11-11 09:00'), surveySentAt: sh('11-08 09:00'),
    satisfactionScore: 2, satisfactionComment: 'Took far too long', escalationLevel: 2, rejectionCount: 1,
  });
  // C: logistics; answered late, no plan, no solution, not closed; escalated for a missed update.
  await addCase('C', {
    status: 'claimed', category: 'logistics', departmentKey: 'logistics', ownerId: 'li-na', orderNumber: 'SF-77', cues: ['lost_parcel'], language: 'en',
    summary: 'Parcel "lost", courier says\ndelivered, I want a refund', createdAt: sh('11-10 08:00'),
    firstResponseDueAt: sh('11-11 08:00'), firstRespondedAt: sh('11-12 08:00'), planDueAt: sh('11-11 08:00'),
    solutionDueAt: sh('11-13 08:00'), closeDueAt: sh('11-13 18:00'), escalationLevel: 1,
  });
  // D: billing, urgent (legal threat); everything on time; closed with 4 stars.
  await addCase('D', {
    status: 'closed', category: 'billing', departmentKey: 'finance', ownerId: 'zhao-lei', urgent: true, orderNumber: 'JD-1003', cues: ['legal_threat'], language: 'zh-Hant', amount: 399,
    summary: '買的電水壺被重複扣款，再不處理就找律師', createdAt: sh('11-20 10:00'), urgentDueAt: sh('11-20 12:00'),
    firstResponseDueAt: sh('11-21 10:00'), firstRespondedAt: sh('11-20 11:00'), planDueAt: sh('11-21 10:00'), planSentAt: sh('11-20 11:30'),
    solutionDueAt: sh('11-23 10:00'), solutionProposedAt: sh('11-21 10:00'), closeDueAt: sh('11-27 18:00'), resolvedAt: sh('11-25 10:00'),
    resultDueAt: sh('11-26 10:00'), resultDeliveredAt: sh('11-25 10:00'), surveyDueAt: sh('11-30 10:00'), surveySentAt: sh('11-25 10:00'), closedAt: sh('11-26 09:00'),
    satisfactionScore: 4, escalationLevel: 1,
  });
  // E: no category; waiting on the customer since just after intake, so its clocks stand still.
  await addCase('E', {
    status: 'awaiting_evidence', departmentKey: 'customer_service', ownerId: null, orderNumber: null, cues: [],
    summary: '=HYPERLINK("http://evil.example") nobody answers', createdAt: sh('11-28 10:00'), awaitingCustomerSince: sh('11-28 10:05'),
    firstResponseDueAt: sh('11-30 10:00'), planDueAt: sh('11-29 10:00'), solutionDueAt: sh('12-01 10:00'), closeDueAt: sh('12-03 18:00'),
  });
  // H: product, quality; answered in time, then nothing: no solution, not closed.
  await addCase('H', {
    status: 'claimed', category: 'product', departmentKey: 'quality', ownerId: 'wang-fang', orderNumber: 'TB-9', cues: ['leak'], language: 'en',
    summary: 'The kettle lid does not seal and hot water leaks', createdAt: sh('11-15 10:00'),
    firstResponseDueAt: sh('11-16 10:00'), firstRespondedAt: sh('11-15 15:00'), planDueAt: sh('11-16 10:00'), planSentAt: sh('11-15 15:00'),
    solutionDueAt: sh('11-18 10:00'), closeDueAt: sh('11-18 18:00'),
  });
  // F: received in October, resolved on 1 November, rated 3.
  await addCase('F', {
    status: 'closed', category: 'product', departmentKey: 'quality', ownerId: 'wang-fang', orderNumber: 'WX-5', cues: [],
    summary: 'Blender is very noisy', createdAt: sh('10-28 10:00'),
    firstResponseDueAt: sh('10-29 10:00'), firstRespondedAt: sh('10-28 11:00'), planDueAt: sh('10-29 10:00'), planSentAt: sh('10-28 11:00'),
    solutionDueAt: sh('10-31 10:00'), solutionProposedAt: sh('10-29 10:00'), closeDueAt: sh('10-31 18:00'), resolvedAt: sh('11-01 10:00'),
    resultDueAt: sh('11-02 10:00'), resultDeliveredAt: sh('11-01 10:00'), surveyDueAt: sh('11-04 10:00'), surveySentAt: sh('11-01 10:00'), closedAt: sh('11-02 10:00'),
    satisfactionScore: 3,
  });
  // J: received in October and still being worked in November: only the update cadence sees it.
  await addCase('J', {
    status: 'claimed', category: 'service', departmentKey: 'customer_service', ownerId: 'zhou-yan', cues: [],
    summary: 'Rude staff at the store', createdAt: sh('10-15 10:00'),
    firstResponseDueAt: sh('10-16 10:00'), firstRespondedAt: sh('10-15 11:00'), planDueAt: sh('10-16 10:00'), planSentAt: sh('10-15 11:00'),
    solutionDueAt: sh('10-18 10:00'), closeDueAt: sh('10-20 18:00'),
  });
  // I: all of it in September.
  await addCase('I', {
    status: 'closed', category: 'product', departmentKey: 'quality', ownerId: 'wang-fang', orderNumber: 'JD-0999', cues: ['leak'],
    summary: 'kettle leaks', createdAt: sh('09-01 10:00'), firstResponseDueAt: sh('09-02 10:00'), firstRespondedAt: sh('09-01 11:00'),
    closeDueAt: sh('09-04 18:00'), resolvedAt: sh('09-03 10:00'), closedAt: sh('09-04 10:00'), satisfactionScore: 1,
  });
  // G: received in December.
  await addCase('G', { status: 'routed', category: 'product', departmentKey: 'quality', orderNumber: 'JD-2000', cues: ['leak'], summary: 'kettle leaks again', createdAt: sh('12-02 10:00'), firstResponseDueAt: sh('12-03 10:00') });

  const event = (key: keyof typeof SEEDED, at: string, type: string, after: Record<string, unknown>, actor: { kind: string; id: string | null } = { kind: 'system', id: null }) =>
    prisma.caseEvent.create({ data: { caseId: ids[key], at: sh(at), actorKind: actor.kind, actorId: actor.id, type, after: after as Prisma.InputJsonValue } });
  await event('A', '11-04 10:00', 'resolved', { status: 'resolved', result: '已寄出新电水壶，顺丰单号 SF1234' }, { kind: 'staff', id: 'wang-fang' });
  await event('A', '11-04 12:00', 'survey_answered', { satisfactionScore: 5, status: 'closed' }, { kind: 'customer', id: 'seed-zhang' });
  await event('B', '11-07 09:00', 'escalated', { escalationLevel: 1, reason: 'close_deadline_passed', note: null });
  await event('B', '11-08 09:00', 'resolved', { status: 'resolved', result: 'Replacement kettle delivered.' }, { kind: 'staff', id: 'chen-jie' });
  await event('B', '11-09 09:00', 'survey_answered', { satisfactionScore: 2, reopened: true }, { kind: 'customer', id: 'seed-lee' });
  await event('B', '11-09 09:00', 'escalated', { escalationLevel: 2, reason: 'low_satisfaction', note: 'score 2' }, { kind: 'customer', id: 'seed-lee' });
  await event('C', '11-14 08:00', 'escalated', { escalationLevel: 1, reason: 'missed_update', note: null });
  await event('D', '11-20 10:00', 'escalated', { escalationLevel: 1, reason: 'urgent_at_intake', note: null });
  await event('D', '11-25 10:00', 'resolved', { status: 'resolved', result: '已退回重複扣款 ¥399，並補償 ¥50' }, { kind: 'staff', id: 'zhao-lei' });
  await event('D', '11-26 09:00', 'survey_answered', { satisfactionScore: 4, status: 'closed' }, { kind: 'customer', id: 'seed-chen' });
  await event('F', '11-01 10:00', 'resolved', { status: 'resolved', result: 'Motor replaced under warranty.' }, { kind: 'staff', id: 'wang-fang' });
  await event('F', '11-02 10:00', 'survey_answered', { satisfactionScore: 3, status: 'closed' }, { kind: 'customer', id: 'seed-zhang' });
  await event('I', '09-04 10:00', 'survey_answered', { satisfactionScore: 1 }, { kind: 'customer', id: 'seed-wu' });
  await event('I', '09-01 10:00', 'escalated', { escalationLevel: 1, reason: 'manual', note: null });

  const solution = (key: keyof typeof SEEDED, s: { type: string; status: string; amount?: number; text: string; decided: string; effectiveBy?: string }) =>
    prisma.solution.create({
      data: { caseId: ids[key], type: s.type, status: s.status, amount: s.amount ?? null, currency: s.amount != null ? 'CNY' : null, effectiveBy: s.effectiveBy ?? null, text: s.text, proposedBy: 'wang-fang', createdAt: sh(s.decided), decidedAt: sh(s.decided) },
    });
  await solution('A', { type: 'refund', status: 'accepted', amount: 100, text: '退还差价', decided: '11-03 12:00', effectiveBy: '11月6日前到账' });
  await solution('B', { type: 'refund', status: 'rejected', amount: 30, text: 'Partial refund', decided: '11-04 10:00' });
  await solution('B', { type: 'replacement', status: 'accepted', text: 'A new kettle', decided: '11-05 10:00' });
  await solution('D', { type: 'compensation', status: 'accepted', amount: 50, text: '補償券', decided: '11-22 10:00' });
  await solution('F', { type: 'repair', status: 'accepted', text: 'Motor replaced', decided: '10-29 12:00' });
  return ids;
}
