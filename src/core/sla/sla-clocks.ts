import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { EscalationReason } from '../model/escalation-reason.js';
import type { CaseClocks, CaseRecord } from '../ports.js';
import { staffText } from '../staff-text/staff-text-catalog.js';
import type { Language } from '../triage/index.js';

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

type ClockField = keyof CaseClocks;

interface SlaClockDefinition {
  readonly name: string;
  /** The case field holding the deadline. */
  readonly due: ClockField;
  /** The case field whose moment meets it; null for the update cadence, which is kept by moving `due` forward. */
  readonly met: ClockField | null;
  /**
   * Whether the clock stands still while the case waits on the customer (a staff question, missing
   * evidence). Staff clocks do: the wait is not theirs. The urgent clock does not: danger to people
   * does not wait for a photo, just as intake routes an urgent case at once. Result and survey are
   * set at resolution, when nothing waits on the customer.
   */
  readonly pausesWhileAwaitingCustomer: boolean;
  /** The escalation a breach raises (docs/DOMAIN.md §5), beyond telling the owner and the channel. */
  readonly onBreach: EscalationReason | null;
  /** What staff call it, with the hours from the desk's SLA policy, never written in a text. */
  readonly label: (language: Language, sla: SlaPolicy) => string;
}

/**
 * The SLA clocks of docs/DOMAIN.md §2, the one place they are defined: the steps, the card, the
 * resume after a wait, the reports and their query all read this table.
 * "close" is met when the case is resolved (结案), not when it is archived: archiving waits for the
 * survey, whose own window (3 working days after resolution) would otherwise breach every close clock.
 */
export const SLA_CLOCKS = [
  { name: 'first_response', due: 'firstResponseDueAt', met: 'firstRespondedAt', pausesWhileAwaitingCustomer: true, onBreach: null, label: (l) => staffText('clock_first_response', l) },
  { name: 'initial_plan', due: 'planDueAt', met: 'planSentAt', pausesWhileAwaitingCustomer: true, onBreach: null, label: (l) => staffText('clock_initial_plan', l) },
  {
    name: 'urgent_handling',
    due: 'urgentDueAt',
    met: 'firstRespondedAt',
    pausesWhileAwaitingCustomer: false,
    onBreach: 'urgent_not_handled',
    label: (l, sla) => staffText('clock_urgent_handling', l, { hours: sla.urgentHandlingHours }),
  },
  {
    name: 'update_cadence',
    due: 'nextUpdateDueAt',
    met: null,
    pausesWhileAwaitingCustomer: true,
    onBreach: null,
    label: (l, sla) => staffText('clock_update_cadence', l, { hours: sla.updateCadenceHours }),
  },
  { name: 'solution', due: 'solutionDueAt', met: 'solutionProposedAt', pausesWhileAwaitingCustomer: true, onBreach: null, label: (l) => staffText('clock_solution', l) },
  { name: 'close', due: 'closeDueAt', met: 'resolvedAt', pausesWhileAwaitingCustomer: true, onBreach: 'close_deadline_passed', label: (l) => staffText('clock_close', l) },
  { name: 'result', due: 'resultDueAt', met: 'resultDeliveredAt', pausesWhileAwaitingCustomer: false, onBreach: null, label: (l) => staffText('clock_result', l) },
  { name: 'survey', due: 'surveyDueAt', met: 'surveySentAt', pausesWhileAwaitingCustomer: false, onBreach: null, label: (l) => staffText('clock_survey', l) },
] as const satisfies readonly SlaClockDefinition[];

export type SlaClockName = (typeof SLA_CLOCKS)[number]['name'];
/** Every clock a case can have running, as staff see it on the card. */
export type RunningClock = SlaClockName;
/** The clocks with a single due time and a moment that meets it (all but the update cadence). */
export type DeadlineClock = Extract<(typeof SLA_CLOCKS)[number], { met: ClockField }>;

export const DEADLINE_CLOCKS = SLA_CLOCKS.filter((c): c is DeadlineClock => c.met !== null);

export const SLA_CLOCK: { readonly [K in SlaClockName]: Extract<(typeof SLA_CLOCKS)[number], { name: K }> } = Object.fromEntries(SLA_CLOCKS.map((c) => [c.name, c])) as never;

/** The clock is met on this case (the update cadence never is: it is kept by moving its due time). */
export function isMet(clock: SlaClockName, c: CaseClocks): boolean {
  const met = SLA_CLOCK[clock].met;
  return met !== null && c[met] !== null;
}

/** The clock stands still now because the case waits on the customer. */
export function isPaused(clock: SlaClockName, c: Pick<CaseRecord, 'awaitingCustomerSince'>): boolean {
  return SLA_CLOCK[clock].pausesWhileAwaitingCustomer && c.awaitingCustomerSince !== null;
}

/** What staff call a clock, with its hours from the desk's SLA policy: "24-hour progress update". */
export function slaClockLabel(clock: SlaClockName, language: Language, sla: SlaPolicy): string {
  return SLA_CLOCK[clock].label(language, sla);
}

/** When an urgent case must have had its special handling (docs/DOMAIN.md §2: 2 h by default). */
export function urgentHandlingDueAt(receivedAt: Date, sla: Pick<SlaPolicy, 'urgentHandlingHours'>): Date {
  return new Date(receivedAt.getTime() + sla.urgentHandlingHours * HOUR);
}

/** The due times a new case is measured against (docs/DOMAIN.md §2 SLA table). */
export function intakeClocks(receivedAt: Date, urgent: boolean, calendar: BusinessCalendar, sla: SlaPolicy): Partial<CaseClocks> {
  return {
    firstResponseDueAt: calendar.addWorkingDays(receivedAt, sla.firstResponseWorkingDays),
    planDueAt: new Date(receivedAt.getTime() + sla.initialPlanHours * HOUR),
    urgentDueAt: urgent ? urgentHandlingDueAt(receivedAt, sla) : null,
    solutionDueAt: new Date(receivedAt.getTime() + sla.solutionHours * HOUR),
    closeDueAt: calendar.addWorkingDays(receivedAt, urgent ? sla.closeWorkingDaysSerious : sla.closeWorkingDays),
  };
}

/**
 * The update cadence (docs/DOMAIN.md §2: every `updateCadenceHours` while open): when the owner's
 * next update is due after `from` (a claim, a reassignment, an update, a reopen of either kind).
 */
export function nextUpdateDueAt(from: Date, sla: Pick<SlaPolicy, 'updateCadenceHours'>): Date {
  return new Date(from.getTime() + sla.updateCadenceHours * HOUR);
}

/** Where the cadence window that ends at `due` began: the inverse of nextUpdateDueAt. */
export function updateWindowStart(due: Date, sla: Pick<SlaPolicy, 'updateCadenceHours'>): Date {
  return new Date(due.getTime() - sla.updateCadenceHours * HOUR);
}

/** Moves every unmet clock that pauses later by the time spent waiting on the customer. */
export function shiftStaffClocks(c: CaseClocks, pausedMs: number): Partial<CaseClocks> {
  const patch: Partial<CaseClocks> = {};
  if (pausedMs <= 0) return patch;
  for (const clock of SLA_CLOCKS) {
    const at = c[clock.due];
    if (clock.pausesWhileAwaitingCustomer && at && !isMet(clock.name, c)) patch[clock.due] = new Date(at.getTime() + pausedMs);
  }
  return patch;
}

/** The clocks still running on a case, as [name, dueAt], soonest first; the cadence only while open. */
export function runningClocks(c: CaseRecord): [RunningClock, Date][] {
  const open = c.status !== 'resolved' && c.status !== 'closed';
  const running: [RunningClock, Date][] = [];
  for (const clock of SLA_CLOCKS) {
    const due = c[clock.due];
    if (due && !isMet(clock.name, c) && (clock.met !== null || open)) running.push([clock.name, due]);
  }
  return running.sort((a, b) => a[1].getTime() - b[1].getTime());
}
