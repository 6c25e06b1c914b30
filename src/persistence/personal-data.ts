import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { RetentionResult, RetentionStore, ScrubCounts } from '../core/ports/retention.js';

/**
 * Data protection (PIPL / GDPR): removing a customer's personal data while keeping the figures
 * reports are made of (category, department, status, timings, amounts, scores, escalation
 * reasons). Two entry points share one scrub of a case:
 *   - retention: closed cases older than the configured period lose their free text;
 *   - erasure: one customer's request removes their data everywhere, including their identity.
 * Messages already posted in Slack or Teams are outside the database: staff delete them there.
 */

/** What replaces free text: it says that something was there without saying what. */
export const ERASED = '[erased]';

/** Audit keys whose string values are codes (statuses, categories, reasons), not people's words. */
const CODE_KEYS = new Set([
  'status',
  'category',
  'departmentKey',
  'ownerId',
  'reason',
  'clock',
  'type',
  'step',
  'desiredOutcome',
  'language',
  'currency',
  'evidenceAskedKey',
  'requirement',
  'kind',
  'platform',
  'solutionId',
]);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * An audit before/after with every free-text value replaced: numbers, booleans, dates and the
 * codes above survive (reports read `reason` and `satisfactionScore`), anything else a person
 * may have written becomes ERASED.
 */
export function scrubAuditJson(value: unknown, key = ''): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return CODE_KEYS.has(key) || ISO_INSTANT.test(value) ? value : ERASED;
  if (Array.isArray(value)) return value.map((v) => scrubAuditJson(v, key));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubAuditJson(v, k)]));
  return null;
}

const jsonOrNull = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));

type Tx = Prisma.TransactionClient;

/** Free text of these cases, everywhere it is kept; the figures stay. */
async function scrubCases(tx: Tx, caseIds: string[], at: Date): Promise<ScrubCounts> {
  if (caseIds.length === 0) return { cases: 0, messages: 0, evidence: 0, solutions: 0, events: 0, outbox: 0, files: 0 };
  const inCases = { caseId: { in: caseIds } };
  const cases = await tx.case.updateMany({
    where: { id: { in: caseIds } },
    // The conversation's ids point at the customer's chat; the order number is theirs too.
    data: { summary: ERASED, orderNumber: null, satisfactionComment: null, channelId: ERASED, threadId: null, pendingQuestion: null, anonymisedAt: at },
  });
  // Staff corrections keep their labels (the triage figures) but not the customer's words.
  await tx.triageCorrection.updateMany({ where: inCases, data: { text: ERASED } });
  // Platform message ids are only needed to recognise a redelivery, long over by now.
  const messages = await tx.caseMessage.updateMany({ where: inCases, data: { text: ERASED, platformMessageId: null } });
  await tx.caseMessage.updateMany({ where: { ...inCases, authorKind: 'customer' }, data: { authorId: null } });
  // The customer's files go with their words: the bytes, names and download addresses.
  const kept = await tx.evidence.findMany({ where: { ...inCases, storedFileId: { not: null } }, select: { storedFileId: true } });
  const files = await tx.evidenceFile.deleteMany({ where: { id: { in: kept.map((e) => e.storedFileId!) } } });
  const evidence = await tx.evidence.updateMany({ where: inCases, data: { text: null, fileId: null, fileName: null, url: null, messageId: null } });
  const solutions = await tx.solution.updateMany({ where: inCases, data: { text: ERASED, rejectionReason: null } });
  const events = await tx.caseEvent.findMany({ where: inCases, select: { id: true, actorKind: true, before: true, after: true } });
  for (const e of events) {
    await tx.caseEvent.update({
      where: { id: e.id },
      data: { before: jsonOrNull(scrubAuditJson(e.before)), after: jsonOrNull(scrubAuditJson(e.after)), ...(e.actorKind === 'customer' ? { actorId: null } : {}) },
    });
  }
  // Undelivered replies would carry the old text; delivered ones are only a record of sending.
  const outbox = await tx.outboxMessage.deleteMany({ where: inCases });
  return { cases: cases.count, messages: messages.count, evidence: evidence.count, solutions: solutions.count, events: events.length, outbox: outbox.count, files: files.count };
}

export interface ErasureResult extends ScrubCounts {
  customerId: string;
  inbox: number;
  conversationRefs: number;
}

/**
 * Removes one customer's personal data everywhere: identity (platform id, name, contact), the
 * free text of all their cases, their stored inbound messages, undelivered and delivered outbox
 * rows, and stored conversation references. The customer row stays, under an id that identifies
 * nobody, so case figures keep their customer (one customer, several cases); the privacy audit
 * records that it happened, with counts only. null when the desk never heard from them.
 */
export async function eraseCustomer(prisma: PrismaClient, ref: { platform: string; userId: string }, o: { at: Date; actor: string }): Promise<ErasureResult | null> {
  return prisma.$transaction(
    async (tx) => {
      const customer = await tx.customer.findUnique({ where: { platform_platformUserId: { platform: ref.platform, platformUserId: ref.userId } }, select: { id: true } });
      if (!customer) return null;
      const caseIds = (await tx.case.findMany({ where: { customerId: customer.id }, select: { id: true } })).map((c) => c.id);
      const counts = await scrubCases(tx, caseIds, o.at);
      // Each case's history says that its personal data was removed, and why.
      for (const caseId of caseIds)
        await tx.caseEvent.create({ data: { caseId, at: o.at, actorKind: 'system', actorId: null, platform: null, type: 'personal_data_erased', after: { reason: 'customer_request' } } });
      await tx.customer.update({ where: { id: customer.id }, data: { platformUserId: `erased:${customer.id}`, displayName: null, contact: null } });
      // Messages in no case (greetings, ones awaiting "which case?") are the customer's words too.
      await tx.unfiledMessage.deleteMany({ where: { customerId: customer.id } });
      // Stored intake rows hold the whole message, the sender's id and name included.
      const inbox = await tx.$executeRaw`DELETE FROM "inbox_message" WHERE "platform" = ${ref.platform} AND "message"->'customer'->>'userId' = ${ref.userId}`;
      // Direct messages to them outside a case (none today) and references to their chat.
      const outbox = await tx.$executeRaw`DELETE FROM "outbox_message" WHERE "platform" = ${ref.platform} AND strpos("intent"::text, ${ref.userId}) > 0`;
      const conversationRefs = await tx.$executeRaw`DELETE FROM "conversation_ref" WHERE "platform" = ${ref.platform} AND (strpos("key", ${ref.userId}) > 0 OR strpos("reference"::text, ${ref.userId}) > 0)`;
      const result: ErasureResult = { customerId: customer.id, ...counts, outbox: counts.outbox + outbox, inbox, conversationRefs };
      await tx.privacyEvent.create({ data: { at: o.at, action: 'customer_erased', actor: o.actor, customerId: customer.id, details: { ...result } } });
      return result;
    },
    { timeout: 120_000 },
  );
}

/**
 * Retention: cases closed before `closedBefore` lose their free text (figures kept); a customer
 * none of whose cases still has any loses name and contact too; processed intake rows from
 * before the cutoff are deleted (they are delivery records that hold whole messages). Safe to
 * run again and from several replicas: anonymised cases are skipped.
 */
export async function anonymiseClosedCases(prisma: PrismaClient, o: { closedBefore: Date; at: Date; batchSize?: number }): Promise<RetentionResult> {
  const total: RetentionResult = { cases: 0, messages: 0, evidence: 0, solutions: 0, events: 0, outbox: 0, files: 0, customers: 0, inbox: 0 };
  for (;;) {
    const done = await prisma.$transaction(
      async (tx) => {
        const due = await tx.case.findMany({
          where: { status: 'closed', closedAt: { lt: o.closedBefore }, anonymisedAt: null },
          select: { id: true, customerId: true },
          orderBy: { closedAt: 'asc' },
          take: o.batchSize ?? 200,
        });
        if (due.length === 0) return false;
        const counts = await scrubCases(
          tx,
          due.map((c) => c.id),
          o.at,
        );
        const customerIds = [...new Set(due.map((c) => c.customerId))];
        const customers = await tx.customer.updateMany({
          where: { id: { in: customerIds }, cases: { every: { anonymisedAt: { not: null } } } },
          data: { displayName: null, contact: null },
        });
        for (const k of Object.keys(counts) as (keyof ScrubCounts)[]) total[k] += counts[k];
        total.customers += customers.count;
        return true;
      },
      { timeout: 120_000 },
    );
    if (!done) break;
  }
  const inbox = await prisma.inboxMessage.deleteMany({ where: { status: { in: ['done', 'dead'] }, receivedAt: { lt: o.closedBefore } } });
  total.inbox = inbox.count;
  // Files of messages that never became part of a case (not a complaint, never filed) are kept no longer than the cases' own.
  const orphans = await prisma.evidenceFile.deleteMany({ where: { createdAt: { lt: o.closedBefore }, evidence: { none: {} } } });
  total.files += orphans.count;
  if (total.cases > 0 || total.inbox > 0 || total.files > 0)
    await prisma.privacyEvent.create({ data: { at: o.at, action: 'retention_anonymised', actor: 'retention', customerId: null, details: { closedBefore: o.closedBefore.toISOString(), ...total } } });
  return total;
}

/** The retention run's store on the desk's database. */
export class PrismaRetentionStore implements RetentionStore {
  constructor(private readonly prisma: PrismaClient) {}

  anonymiseClosedCases(o: { closedBefore: Date; at: Date }): Promise<RetentionResult> {
    return anonymiseClosedCases(this.prisma, o);
  }
}
