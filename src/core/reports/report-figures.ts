import type { Category } from '../triage/index.js';
import type { CaseStatus } from '../model/lifecycle.js';
import type { CaseClocks, SolutionStatus, SolutionType } from '../ports.js';
import { DEADLINE_CLOCKS, isPaused, type DeadlineClock, type SlaClockName } from '../sla/sla-clocks.js';
import type { ReportPeriod } from './period.js';
import { countBy, distribution, type Distribution } from './statistics.js';
import { repeatProblems, type RepeatProblem } from './repeat-problems.js';

/** The clock fields a report reads: each deadline and the moment that meets it, and when the case was archived. */
export type ReportClockField = DeadlineClock['due'] | DeadlineClock['met'] | 'closedAt';
export const REPORT_CLOCK_FIELDS: readonly ReportClockField[] = [...new Set<ReportClockField>([...DEADLINE_CLOCKS.flatMap((c) => [c.due, c.met]), 'closedAt'])];

/** One case as the report reads it (the persistence layer selects exactly these columns). */
export interface ReportCaseRow extends Pick<CaseClocks, ReportClockField> {
  id: string;
  number: string;
  status: CaseStatus;
  category: Category | null;
  departmentKey: string | null;
  ownerId: string | null;
  urgent: boolean;
  orderNumber: string | null;
  cues: string[];
  summary: string;
  createdAt: Date;
  awaitingCustomerSince: Date | null;
}

/** Audit events the report counts: escalations (with reason) and survey answers (with score). */
export interface ReportEventRow {
  caseId: string;
  at: Date;
  type: 'escalated' | 'survey_answered';
  reason: string | null;
  score: number | null;
}

export interface ReportSolutionRow {
  caseId: string;
  type: SolutionType;
  status: SolutionStatus;
  amount: number | null;
  currency: string | null;
  decidedAt: Date | null;
}

/**
 * What the queries return for a period: every case that was created, fell due, was
 * answered or was resolved in it, and the events and solution decisions inside it.
 */
export interface ReportData {
  cases: ReportCaseRow[];
  events: ReportEventRow[];
  solutions: ReportSolutionRow[];
}

/** Every clock of SLA_CLOCKS: the deadlines, and the update cadence measured by its escalations. */
export type ReportClock = SlaClockName;

export interface ClockCompliance {
  clock: ReportClock;
  onTime: number;
  breached: number;
  /** Due in the period but neither met nor overdue yet (the period is still running, or the clock is paused on the customer). */
  pending: number;
  /** onTime / (onTime + breached), or null when nothing was decided. */
  rate: number | null;
}

export interface ReportFigures {
  period: ReportPeriod;
  asOf: Date;
  volume: {
    total: number;
    urgent: number;
    stillOpen: number;
    byCategory: { key: string; count: number }[];
    byDepartment: { key: string; count: number }[];
  };
  sla: ClockCompliance[];
  firstResponseHours: Distribution;
  resolutionHours: Distribution;
  satisfaction: { responses: number; counts: [number, number, number, number, number]; average: number | null; low: number };
  escalations: { total: number; cases: number; byReason: { key: string; count: number }[] };
  solutions: { accepted: { key: string; count: number }[]; rejected: number; amounts: { currency: string; total: number }[] };
  repeats: RepeatProblem[];
}

const HOUR = 3_600_000;
export const UNCATEGORISED = 'uncategorised';
export const UNROUTED = 'unrouted';

const within = (at: Date | null, p: ReportPeriod): at is Date => at !== null && at.getTime() >= p.start.getTime() && at.getTime() < p.end.getTime();

/**
 * Deadlines that fell due in the period, and whether they were kept. A deadline not yet
 * met counts as breached once it has passed — unless it is a clock that pauses while the
 * case waits on the customer (SLA_CLOCKS), and the deadline came after the wait began.
 */
function deadlineCompliance(cases: readonly ReportCaseRow[], period: ReportPeriod, asOf: Date): ClockCompliance[] {
  return DEADLINE_CLOCKS.map(({ name: clock, due: dueKey, met: metKey }) => {
    let onTime = 0;
    let breached = 0;
    let pending = 0;
    for (const c of cases) {
      const due = c[dueKey];
      if (!within(due, period)) continue;
      const met = c[metKey];
      if (met) {
        if (met.getTime() <= due.getTime()) onTime++;
        else breached++;
        continue;
      }
      const paused = isPaused(clock, c) && c.awaitingCustomerSince !== null && c.awaitingCustomerSince.getTime() < due.getTime();
      if (due.getTime() < asOf.getTime() && !paused) breached++;
      else pending++;
    }
    return { clock, onTime, breached, pending, rate: onTime + breached ? onTime / (onTime + breached) : null };
  });
}

/**
 * The 24-hour update cadence has no single due time: a case owned and open during the
 * period kept it unless it was escalated for a missed update in the period.
 */
function cadenceCompliance(cases: readonly ReportCaseRow[], events: readonly ReportEventRow[], period: ReportPeriod): ClockCompliance {
  const missed = new Set(events.filter((e) => e.type === 'escalated' && e.reason === 'missed_update' && within(e.at, period)).map((e) => e.caseId));
  let onTime = 0;
  let breached = 0;
  for (const c of cases) {
    const worked =
      c.ownerId !== null &&
      c.createdAt.getTime() < period.end.getTime() &&
      !(c.resolvedAt && c.resolvedAt.getTime() < period.start.getTime()) &&
      !(c.closedAt && c.closedAt.getTime() < period.start.getTime());
    if (!worked && !missed.has(c.id)) continue;
    if (missed.has(c.id)) breached++;
    else onTime++;
  }
  return { clock: 'update_cadence', onTime, breached, pending: 0, rate: onTime + breached ? onTime / (onTime + breached) : null };
}

/**
 * The weekly/monthly figures (docs/DOMAIN.md §2 step 6), computed from fetched rows so each
 * number can be checked by hand:
 * - volume: cases created in the period;
 * - SLA compliance: deadlines that fell due in the period;
 * - time to first response / to resolution: cases first answered / resolved in the period, wall-clock hours from intake;
 * - satisfaction: survey answers given in the period;
 * - escalations and solution decisions: those that happened in the period.
 */
export function computeReportFigures(data: ReportData, period: ReportPeriod, asOf: Date): ReportFigures {
  const created = data.cases.filter((c) => within(c.createdAt, period));
  const inPeriod = <T extends { at: Date }>(rows: readonly T[]) => rows.filter((r) => within(r.at, period));
  const escalations = inPeriod(data.events.filter((e) => e.type === 'escalated'));
  const answers = inPeriod(data.events.filter((e) => e.type === 'survey_answered' && e.score !== null));
  const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  const scores = answers.map((a) => a.score!).filter((s) => s >= 1 && s <= 5);
  for (const s of scores) counts[s - 1] = (counts[s - 1] ?? 0) + 1;
  const decided = data.solutions.filter((s) => within(s.decidedAt, period));
  const accepted = decided.filter((s) => s.status === 'accepted');
  const amounts = new Map<string, number>();
  for (const s of accepted) if (s.amount !== null) amounts.set(s.currency ?? '', (amounts.get(s.currency ?? '') ?? 0) + s.amount);

  return {
    period,
    asOf,
    volume: {
      total: created.length,
      urgent: created.filter((c) => c.urgent).length,
      stillOpen: created.filter((c) => c.status !== 'resolved' && c.status !== 'closed').length,
      byCategory: countBy(created, (c) => c.category ?? UNCATEGORISED),
      byDepartment: countBy(created, (c) => c.departmentKey ?? UNROUTED),
    },
    sla: [...deadlineCompliance(data.cases, period, asOf), cadenceCompliance(data.cases, data.events, period)],
    firstResponseHours: distribution(data.cases.filter((c) => within(c.firstRespondedAt, period)).map((c) => (c.firstRespondedAt!.getTime() - c.createdAt.getTime()) / HOUR)),
    resolutionHours: distribution(data.cases.filter((c) => within(c.resolvedAt, period)).map((c) => (c.resolvedAt!.getTime() - c.createdAt.getTime()) / HOUR)),
    satisfaction: {
      responses: answers.length,
      counts,
      average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      low: scores.filter((s) => s <= 2).length,
    },
    escalations: {
      total: escalations.length,
      cases: new Set(escalations.map((e) => e.caseId)).size,
      byReason: countBy(escalations, (e) => e.reason ?? 'unknown'),
    },
    solutions: {
      accepted: countBy(accepted, (s) => s.type),
      rejected: decided.filter((s) => s.status === 'rejected').length,
      amounts: [...amounts.entries()].map(([currency, total]) => ({ currency, total: Math.round(total * 100) / 100 })).sort((a, b) => a.currency.localeCompare(b.currency)),
    },
    repeats: repeatProblems(created),
  };
}
