import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { CaseClocks, CaseRecord } from '../ports.js';

export interface SlaPolicy {
  firstResponseWorkingDays: number;
  initialPlanHours: number;
  urgentHandlingHours: number;
  updateCadenceHours: number;
  solutionHours: number;
  closeWorkingDays: number;
  closeWorkingDaysSerious: number;
  resultWorkingDays: number;
  surveyWorkingDays: number;
  warnAtFraction: number;
  nudgeGraceHours: number;
  evidenceReminderHours: number;
  evidenceGiveUpHours: number;
  quietHours?: { start: string; end: string } | undefined;
}

const HOUR = 3_600_000;

/** The due times a new case is measured against (docs/DOMAIN.md §2 SLA table). */
export function intakeClocks(receivedAt: Date, urgent: boolean, calendar: BusinessCalendar, sla: SlaPolicy): Partial<CaseClocks> {
  return {
    firstResponseDueAt: calendar.addWorkingDays(receivedAt, sla.firstResponseWorkingDays),
    planDueAt: new Date(receivedAt.getTime() + sla.initialPlanHours * HOUR),
    urgentDueAt: urgent ? new Date(receivedAt.getTime() + sla.urgentHandlingHours * HOUR) : null,
    solutionDueAt: new Date(receivedAt.getTime() + sla.solutionHours * HOUR),
    closeDueAt: calendar.addWorkingDays(receivedAt, urgent ? sla.closeWorkingDaysSerious : sla.closeWorkingDays),
  };
}

/** The update cadence (docs/DOMAIN.md §2: every `updateCadenceHours` while open): when the owner's next update is due. */
export function nextUpdateDueAt(from: Date, sla: Pick<SlaPolicy, 'updateCadenceHours'>): Date {
  return new Date(from.getTime() + sla.updateCadenceHours * HOUR);
}

/** Clocks that measure staff; they stand still while the case waits on the customer. */
const STAFF_CLOCKS = [
  ['firstResponseDueAt', 'firstRespondedAt'],
  ['planDueAt', 'planSentAt'],
  ['nextUpdateDueAt', null],
  ['solutionDueAt', 'solutionProposedAt'],
  ['closeDueAt', 'closedAt'],
] as const satisfies readonly (readonly [keyof CaseClocks, keyof CaseClocks | null])[];

/** Moves every unmet staff clock later by the time spent waiting on the customer. */
export function shiftStaffClocks(c: CaseClocks, pausedMs: number): Partial<CaseClocks> {
  const patch: Partial<CaseClocks> = {};
  if (pausedMs <= 0) return patch;
  for (const [due, met] of STAFF_CLOCKS) {
    const at = c[due];
    if (at && (met === null || !c[met])) patch[due] = new Date(at.getTime() + pausedMs);
  }
  return patch;
}

/** Every clock a case can have running, as staff see it on the card. */
export type RunningClock = 'first_response' | 'initial_plan' | 'urgent_handling' | 'update_cadence' | 'solution' | 'close' | 'result' | 'survey';

/** The clocks still running on a case, as [name, dueAt]. */
export function runningClocks(c: CaseRecord): [RunningClock, Date][] {
  const running: [RunningClock, Date][] = [];
  const add = (name: RunningClock, due: Date | null, met: Date | null | boolean) => {
    if (due && !met) running.push([name, due]);
  };
  const open = c.status !== 'resolved' && c.status !== 'closed';
  add('first_response', c.firstResponseDueAt, c.firstRespondedAt);
  add('initial_plan', c.planDueAt, c.planSentAt);
  add('urgent_handling', c.urgentDueAt, c.firstRespondedAt);
  if (open) add('update_cadence', c.nextUpdateDueAt, false);
  add('solution', c.solutionDueAt, c.solutionProposedAt);
  add('close', c.closeDueAt, c.resolvedAt);
  add('result', c.resultDueAt, c.resultDeliveredAt);
  add('survey', c.surveyDueAt, c.surveySentAt);
  return running.sort((a, b) => a[1].getTime() - b[1].getTime());
}

