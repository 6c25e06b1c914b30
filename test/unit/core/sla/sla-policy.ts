import type { SlaPolicy } from '../../../../src/core/sla/sla-clocks.js';

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
