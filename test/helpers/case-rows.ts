// Case rows for unit tests: one builder per shape the core reads (the case record, the report
// row), each with defaults a test overrides only where it is about.
import type { CaseRecord } from '../../src/core/ports.js';
import type { ReportCaseRow } from '../../src/core/reports/report-figures.js';

export const HOUR = 3_600_000;
export const T0 = new Date('2026-11-02T02:00:00Z');
export const h = (n: number) => new Date(T0.getTime() + n * HOUR);

/** An owned, open case with every clock running and none met; `over` sets what a test is about. */
export function slaCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'c1',
    number: 'CMP-20261102-0001',
    customerId: 'cust',
    status: 'in_progress',
    category: 'product',
    urgent: true,
    orderNumber: null,
    desiredOutcome: null,
    amount: null,
    currency: null,
    language: 'en',
    summary: '',
    cues: [],
    departmentKey: 'quality',
    ownerId: 'staff-1',
    escalationLevel: 0,
    rejectionCount: 0,
    satisfactionScore: null,
    satisfactionComment: null,
    platform: 'local',
    channelId: 'ch',
    threadId: null,
    privateConversation: false,
    createdAt: T0,
    lastCustomerMessageAt: T0,
    awaitingCustomerSince: null,
    evidenceAskedKey: null,
    evidenceAskedAt: null,
    evidenceRemindedAt: null,
    nextCheckAt: null,
    slaStepsDone: [],
    pendingQuestion: null,
    questionAskedAt: null,
    questionAskedBy: null,
    relatedCaseId: null,
    mergedIntoCaseId: null,
    possibleUrgent: false,
    firstResponseDueAt: h(24),
    firstRespondedAt: null,
    planDueAt: h(24),
    planSentAt: null,
    urgentDueAt: h(2),
    nextUpdateDueAt: h(24),
    lastUpdateAt: null,
    solutionDueAt: h(72),
    solutionProposedAt: null,
    closeDueAt: h(72),
    resolvedAt: null,
    resultDueAt: null,
    resultDeliveredAt: null,
    surveyDueAt: null,
    surveySentAt: null,
    closedAt: null,
    version: 1,
    ...over,
  };
}

/** The same case as the report query returns it. */
export function asReportRow(c: CaseRecord): ReportCaseRow {
  const { nextUpdateDueAt: _n, lastUpdateAt: _l, ...row } = c;
  return row;
}

let reportRows = 0;

/** A claimed case as the report query returns it, with no deadline set and nothing met; `over` sets what a test is about. */
export function reportRow(over: Partial<ReportCaseRow> & { createdAt: Date }): ReportCaseRow {
  reportRows += 1;
  return {
    id: `id-${reportRows}`,
    number: 'CMP-20261102-0001',
    status: 'claimed',
    category: 'product',
    departmentKey: 'quality',
    ownerId: null,
    urgent: false,
    orderNumber: null,
    cues: [],
    summary: '',
    awaitingCustomerSince: null,
    firstResponseDueAt: null,
    firstRespondedAt: null,
    planDueAt: null,
    planSentAt: null,
    urgentDueAt: null,
    solutionDueAt: null,
    solutionProposedAt: null,
    closeDueAt: null,
    resolvedAt: null,
    resultDueAt: null,
    resultDeliveredAt: null,
    surveyDueAt: null,
    surveySentAt: null,
    closedAt: null,
    ...over,
  };
}
