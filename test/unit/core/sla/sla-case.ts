import type { CaseRecord } from '../../../../src/core/ports.js';
import type { SlaPolicy } from '../../../../src/core/sla/sla-clocks.js';
import type { ReportCaseRow } from '../../../../src/core/reports/report-figures.js';

export const SLA: SlaPolicy = {
  firstResponseWorkingDays: 1,
  initialPlanHours: 24,
  urgentHandlingHours: 2,
  updateCadenceHours: 24,
  solutionHours: 72,
  closeWorkingDays: 3,
  closeWorkingDaysSerious: 7,
  resultWorkingDays: 1,
  surveyWorkingDays: 3,
  warnAtFraction: 0.75,
  nudgeGraceHours: 4,
  evidenceReminderHours: 24,
  evidenceGiveUpHours: 48,
};

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
export function reportRow(c: CaseRecord): ReportCaseRow {
  const { nextUpdateDueAt: _n, lastUpdateAt: _l, ...row } = c;
  return row;
}
