import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { REPORT_CLOCK_FIELDS, type ReportCaseRow, type ReportClockField, type ReportData, type ReportEventRow, type ReportSolutionRow } from '../core/reports/report-figures.js';
import type { ReportDataSource } from '../core/reports/report-data-source.js';
import { DEADLINE_CLOCKS } from '../core/sla/sla-clocks.js';

// The clock columns come from SLA_CLOCKS (core/sla/sla-clocks.ts), so a new clock is selected without an edit here.
const CLOCK_COLUMNS = Object.fromEntries(REPORT_CLOCK_FIELDS.map((f) => [f, true])) as Record<ReportClockField, true>;

const CASE_COLUMNS = {
  id: true,
  number: true,
  status: true,
  category: true,
  departmentKey: true,
  ownerId: true,
  urgent: true,
  orderNumber: true,
  cues: true,
  summary: true,
  createdAt: true,
  awaitingCustomerSince: true,
  ...CLOCK_COLUMNS,
} satisfies Prisma.CaseSelect;

// Any of these inside the period makes a case count for some figure: created, a deadline fell
// due, or it was first answered or resolved (the time-to-first-response and -resolution figures).
const MOMENTS: readonly (keyof Prisma.CaseWhereInput)[] = ['createdAt', ...new Set([...DEADLINE_CLOCKS.map((c) => c.due), 'firstRespondedAt', 'resolvedAt'] as const)];

const asObject = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/**
 * Everything the period's figures are computed from, in three queries: the cases that
 * were created, fell due, were answered, resolved or worked on in [start, end); the
 * escalations and survey answers of the audit log in it; the solutions decided in it.
 */
export async function fetchReportData(prisma: PrismaClient, period: { start: Date; end: Date }): Promise<ReportData> {
  const window = { gte: period.start, lt: period.end };
  const [cases, events, solutions] = await Promise.all([
    prisma.case.findMany({
      where: {
        createdAt: { lt: period.end },
        OR: [
          ...MOMENTS.map((m): Prisma.CaseWhereInput => ({ [m]: window })),
          // Owned and still open at some point in the period: measured against the update cadence.
          { ownerId: { not: null }, AND: [{ OR: [{ resolvedAt: null }, { resolvedAt: { gte: period.start } }] }, { OR: [{ closedAt: null }, { closedAt: { gte: period.start } }] }] },
        ],
      },
      select: CASE_COLUMNS,
      orderBy: { createdAt: 'asc' },
    }),
    prisma.caseEvent.findMany({
      where: { type: { in: ['escalated', 'survey_answered'] }, at: window },
      select: { caseId: true, at: true, type: true, after: true },
      orderBy: { id: 'asc' },
    }),
    prisma.solution.findMany({
      where: { decidedAt: window, status: { in: ['accepted', 'rejected'] } },
      select: { caseId: true, type: true, status: true, amount: true, currency: true, decidedAt: true },
    }),
  ]);
  return {
    // The database keeps the core's string unions as text; this is where they come back.
    cases: cases.map((c): ReportCaseRow => ({
      ...c,
      status: c.status as ReportCaseRow['status'],
      category: c.category as ReportCaseRow['category'],
      cues: Array.isArray(c.cues) ? c.cues.filter((x): x is string => typeof x === 'string') : [],
    })),
    events: events.map((e): ReportEventRow => {
      const after = asObject(e.after);
      return {
        caseId: e.caseId,
        at: e.at,
        type: e.type as ReportEventRow['type'],
        reason: typeof after.reason === 'string' ? after.reason : null,
        score: typeof after.satisfactionScore === 'number' ? after.satisfactionScore : null,
      };
    }),
    solutions: solutions.map(
      (s): ReportSolutionRow => ({
        caseId: s.caseId,
        type: s.type as ReportSolutionRow['type'],
        status: s.status as ReportSolutionRow['status'],
        amount: s.amount === null ? null : s.amount.toNumber(),
        currency: s.currency,
        decidedAt: s.decidedAt,
      }),
    ),
  };
}

export class PrismaReportDataSource implements ReportDataSource {
  constructor(private readonly prisma: PrismaClient) {}

  fetch(period: { start: Date; end: Date }): Promise<ReportData> {
    return fetchReportData(this.prisma, period);
  }
}
