import { Prisma, type PrismaClient } from '../generated/prisma/client.js';
import type { ExportCaseRow } from '../core/reports/case-export.js';

export interface ExportFilter {
  start: Date;
  end: Date;
  /** Only cases in these statuses (e.g. closed for the archive); all when absent. */
  statuses?: string[];
}

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** Cases received in [start, end), oldest first, with customer, agreed solution and result. */
export async function fetchExportRows(prisma: PrismaClient, f: ExportFilter): Promise<ExportCaseRow[]> {
  const where: Prisma.CaseWhereInput = { createdAt: { gte: f.start, lt: f.end }, ...(f.statuses?.length ? { status: { in: f.statuses } } : {}) };
  const rows = await prisma.case.findMany({
    where,
    orderBy: [{ createdAt: 'asc' }, { number: 'asc' }],
    select: {
      id: true,
      number: true,
      createdAt: true,
      status: true,
      category: true,
      urgent: true,
      orderNumber: true,
      summary: true,
      desiredOutcome: true,
      departmentKey: true,
      closeDueAt: true,
      resolvedAt: true,
      satisfactionScore: true,
      satisfactionComment: true,
      customer: { select: { displayName: true, contact: true } },
      solutions: { where: { status: 'accepted' }, orderBy: { decidedAt: 'desc' }, take: 1, select: { type: true, amount: true, currency: true, effectiveBy: true, text: true } },
      events: { where: { type: 'resolved' }, orderBy: { id: 'desc' }, take: 1, select: { after: true } },
    },
  });
  return rows.map((r) => {
    const s = r.solutions[0];
    const result = asObject(r.events[0]?.after).result;
    return {
      id: r.id,
      number: r.number,
      createdAt: r.createdAt,
      status: r.status as ExportCaseRow['status'],
      category: r.category as ExportCaseRow['category'],
      urgent: r.urgent,
      orderNumber: r.orderNumber,
      summary: r.summary,
      desiredOutcome: r.desiredOutcome as ExportCaseRow['desiredOutcome'],
      departmentKey: r.departmentKey,
      closeDueAt: r.closeDueAt,
      resolvedAt: r.resolvedAt,
      satisfactionScore: r.satisfactionScore,
      satisfactionComment: r.satisfactionComment,
      customerName: r.customer.displayName,
      customerContact: r.customer.contact,
      resultText: typeof result === 'string' ? result : null,
      acceptedSolution: s ? { type: s.type as NonNullable<ExportCaseRow['acceptedSolution']>['type'], amount: s.amount?.toNumber() ?? null, currency: s.currency, effectiveBy: s.effectiveBy, text: s.text } : null,
    };
  });
}

/**
 * The audit trail of an unmasked export: one `exported_unmasked` event on every case it
 * contained, naming who ran it and why, so each case's record shows its data left unmasked.
 */
export async function recordUnmaskedExport(prisma: PrismaClient, caseIds: readonly string[], by: { operator: string; reason: string; at: Date; file: string }): Promise<void> {
  if (caseIds.length === 0) return;
  await prisma.caseEvent.createMany({
    data: caseIds.map((caseId) => ({ caseId, at: by.at, actorKind: 'staff', actorId: `admin-cli:${by.operator}`, platform: null, type: 'exported_unmasked', before: Prisma.DbNull, after: { reason: by.reason, file: by.file } })),
  });
}

export interface CaseSearchHit {
  number: string;
  status: string;
  createdAt: Date;
  orderNumber: string | null;
  customerName: string | null;
  summary: string;
}

/** Archive search: by case number, order number, customer name or words of the complaint. */
export async function searchCases(prisma: PrismaClient, text: string, limit = 50): Promise<CaseSearchHit[]> {
  const q = text.trim();
  if (!q) return [];
  const rows = await prisma.case.findMany({
    where: {
      OR: [
        { number: { contains: q, mode: 'insensitive' } },
        { orderNumber: { contains: q, mode: 'insensitive' } },
        { summary: { contains: q, mode: 'insensitive' } },
        { customer: { displayName: { contains: q, mode: 'insensitive' } } },
      ],
    },
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { number: true, status: true, createdAt: true, orderNumber: true, summary: true, customer: { select: { displayName: true } } },
  });
  return rows.map((r) => ({ number: r.number, status: r.status, createdAt: r.createdAt, orderNumber: r.orderNumber, customerName: r.customer.displayName, summary: r.summary }));
}
