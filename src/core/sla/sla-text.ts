import type { EscalationReason } from '../model/escalation-reason.js';
import type { SlaPolicy } from './sla-clocks.js';
import { formatDeadline } from '../templates/format-deadline.js';
import type { Language } from '../triage/index.js';
import { staffText } from '../staff-text/staff-text-catalog.js';

/** Why a case was escalated, as a supervisor reads it. */
export function escalationReasonText(reason: EscalationReason, language: Language, sla: SlaPolicy): string {
  switch (reason) {
    case 'missed_update':
      return staffText('escalation_missed_update', language, { hours: sla.updateCadenceHours });
    case 'urgent_not_handled':
      return staffText('escalation_urgent_not_handled', language, { hours: sla.urgentHandlingHours });
    default:
      return staffText(`escalation_${reason}`, language);
  }
}

/** "3 h", "45 min", "2 d 4 h": how far apart two instants are, rounded to what a person scans for. */
export function formatSpan(ms: number, language: Language): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return staffText('span_minutes', language, { n: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return staffText('span_hours', language, { n: hours });
  const days = Math.floor(hours / 24);
  return hours % 24 ? staffText('span_days_hours', language, { days, hours: hours % 24 }) : staffText('span_days', language, { days });
}

/** "due in 3 h" or "overdue by 2 d 4 h". */
export function describeTimeLeft(dueAt: Date, now: Date, language: Language): string {
  const left = dueAt.getTime() - now.getTime();
  return staffText(left < 0 ? 'overdue_by' : 'due_in', language, { span: formatSpan(left, language) });
}

/**
 * A deadline as staff read it on a card, the same on every platform: time left (or overdue by how
 * long) and the wall-clock time in the desk's time zone, never UTC: "due in 3 h · Thu 3 Dec, 17:30".
 */
export function describeDue(dueAt: Date, now: Date, timeZone: string, language: Language): string {
  return `${describeTimeLeft(dueAt, now, language)} · ${formatDeadline(dueAt, language, timeZone)}`;
}
