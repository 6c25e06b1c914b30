import type { CaseEventRecord } from '../ports.js';
import type { StaffDirectory } from '../staff-directory.js';
import { formatDeadline } from '../templates/format-deadline.js';
import { staffText } from '../staff-text/staff-text-catalog.js';
import { STATUS_LABELS } from '../staff-text/status-labels.js';

/** One audit event as staff read it: when (desk local time), who (by name) and what happened, in words. */
export interface AuditLine {
  id: string;
  type: string;
  at: Date;
  /** The desk's wall-clock time, never UTC: "Mon 23 Nov, 10:00". */
  when: string;
  who: string;
  text: string;
}

export interface AuditWordsContext {
  staff: StaffDirectory;
  timeZone: string;
  departmentName: (key: string) => string;
}

type Values = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const quoted = (v: unknown) => (str(v) ? `: “${str(v)}”` : '');

/**
 * What each event says; `after` holds the changed fields and the event's own details, `name` turns
 * a staff id into a name, `dept` a department key into its name; `department` is the case's at the time.
 */
const WORDS: Record<string, (after: Values, name: (id: unknown) => string, dept: (key: unknown) => string, department: string | null, timeZone: string) => string> = {
  case_created: () => 'opened the case',
  earlier_messages_attached: (a) => `attached ${a.count ?? 'earlier'} earlier message(s)`,
  intake_limited: () => 'held the case back: too many new cases from this customer in an hour',
  linked_related: (a) => `linked it to the customer's related case ${str(a.related) ?? ''}`.trim(),
  evidence_requested: () => 'asked the customer for evidence',
  evidence_question: (a) => `asked the customer for ${str(a.asked)?.replace(/_/g, ' ') ?? 'evidence'}`,
  evidence_complete: () => 'has all the evidence it needs',
  evidence_added: (a) => (str(a.file) ? `received the file ${str(a.file)}` : `received evidence${str(a.requirement) ? ` (${str(a.requirement)!.replace(/_/g, ' ')})` : ''}`),
  evidence_declined: (a) => `said they cannot provide ${str(a.requirement)?.replace(/_/g, ' ') ?? 'that evidence'}`,
  evidence_reminded: () => 'reminded the customer of the missing evidence',
  evidence_given_up: (a) => `stopped waiting for ${str(a.missing)?.replace(/_/g, ' ') ?? 'the evidence'}`,
  contact_changed: () => 'gave a new contact',
  order_number_found: (a) => `found the order number ${str(a.orderNumber) ?? ''}`.trim(),
  routed: (a, _n, dept, department) => `routed the case to ${dept(a.departmentKey ?? department)}`,
  customer_message: (a) => `wrote${quoted(a.text)}`,
  clocks_resumed: () => 'restarted the SLA clocks (the customer answered)',
  question_answered: (a) => `answered the question${quoted(a.answer)}`,
  claimed: () => 'claimed the case',
  reassigned: (a, name, dept) => `reassigned the case to ${name(a.ownerId)}${str(a.departmentKey) ? `, moving it to ${dept(a.departmentKey)}` : ''}`,
  question_asked: (a) => `asked the customer${quoted(a.text)}`,
  update_posted: (a) => `posted an update${quoted(a.text)}`,
  replied_to_customer: (a) => `replied to the customer${quoted(a.text)}`,
  internal_note: (a) => `added an internal note${quoted(a.text)}`,
  solution_awaiting_approval: (a) => `proposed a ${str(a.type) ?? 'solution'}${a.amount ? ` of ${a.amount}` : ''}, held for a supervisor's approval (above their limit)`,
  solution_proposed: (a) => `offered the customer a ${str(a.type) ?? 'solution'}${a.amount ? ` of ${a.amount}${str(a.currency) ? ` ${str(a.currency)}` : ''}` : ''}${quoted(a.text)}`,
  solution_rejected: (a) => `rejected the solution${quoted(a.reason)}`,
  solution_approved: (a) => `approved the held solution${a.amount ? ` (${a.amount})` : ''}`,
  solution_accepted: () => 'accepted the solution',
  resolved: (a) => `resolved the case${quoted(a.result)}`,
  closed: (a) => (str(a.reason) ? `closed the case (${str(a.reason)})` : 'closed the case'),
  reopened: (a) => `reopened the case${quoted(a.reason)}`,
  survey_answered: (a) => `rated the handling ${typeof a.satisfactionScore === 'number' ? `${a.satisfactionScore}/5` : ''}`.trim(),
  escalated: (a) => `escalated the case to level ${a.escalationLevel ?? '?'}${str(a.reason) ? ` (${str(a.reason)!.replace(/_/g, ' ')})` : ''}`,
  category_changed: (a) => `changed the category to ${str(a.category)?.replace(/_/g, ' ') ?? '—'}`,
  department_moved: (a, _n, dept) => `changed the category to ${str(a.category)?.replace(/_/g, ' ') ?? '—'} and moved the case to ${dept(a.departmentKey)}`,
  marked_urgent: () => 'marked the case urgent',
  marked_not_urgent: () => 'marked the case not urgent',
  linked: (a) => `linked the case to ${str(a.related) ?? 'another case'}`,
  merged_into: (a) => `merged the case, a duplicate, into ${str(a.into) ?? 'another case'}`,
  merged_from: (a) => `took in the duplicate ${str(a.duplicate) ?? ''}`.trim(),
  permission_override: (a) => `overrode the ${Array.isArray(a.rules) ? a.rules.join(' and ') : ''} rule to ${str(a.action)?.replace(/_/g, ' ') ?? 'act'}${quoted(a.reason)}`,
  sla_warning: (a) => `warned that the ${str(a.clock)?.replace(/_/g, ' ') ?? 'SLA'} deadline is near`,
  sla_breached: (a) => `recorded that the ${str(a.clock)?.replace(/_/g, ' ') ?? 'SLA'} deadline passed`,
  nudge_sent: (a, name) => `reminded ${a.to ? name(a.to) : 'the owner'} that an update is due`,
  unclaimed_ping: () => 'reminded the department that nobody has claimed the case',
  sla_step_held: (a, _n, _d, _dep, timeZone) => `kept a ${str(a.step) === 'warn' ? 'deadline warning' : 'reminder'} back: ${staffText('held_for_quiet_hours', 'en', { time: str(a.until) ? formatDeadline(new Date(a.until as string), 'en', timeZone) : '—' })}`,
  sla_step_skipped: (a) => `did not send a held ${str(a.key)?.startsWith('warn:') ? 'deadline warning' : 'reminder'}: ${a.reason === 'case_moved_on' ? 'the case moved on' : 'a later step overtook it'}`,
  staff_message_held: (a, _n, _d, _dep, timeZone) => `kept a message to staff back: ${staffText('held_for_quiet_hours', 'en', { time: str(a.until) ? formatDeadline(new Date(a.until as string), 'en', timeZone) : '—' })}`,
};

/**
 * The audit trail in words, for a case page: staff by their names from the directory, times in
 * the desk's time zone. Events without words of their own still show, by their type.
 */
export function auditInWords(events: readonly CaseEventRecord[], ctx: AuditWordsContext): AuditLine[] {
  const name = (id: unknown) => (str(id) ? (ctx.staff.get(id as string)?.name ?? (id as string)) : 'nobody');
  const dept = (key: unknown) => (str(key) ? ctx.departmentName(key as string) : '—');
  // The department an event happened in: set at creation, changed by a move (events carry only what changed).
  let department: string | null = null;
  return events.map((e) => {
    const after = e.after ?? {};
    if (str(after.departmentKey)) department = after.departmentKey as string;
    const who = e.actorKind === 'staff' ? name(e.actorId) : e.actorKind === 'customer' ? 'The customer' : 'The desk';
    const said = WORDS[e.type]?.(after, name, dept, department, ctx.timeZone) ?? e.type.replace(/_/g, ' ');
    const status = str(after.status) && str(e.before?.status) && after.status !== e.before?.status ? ` → ${STATUS_LABELS.en[after.status as keyof (typeof STATUS_LABELS)['en']] ?? after.status}` : '';
    return { id: e.id, type: e.type, at: e.at, when: formatDeadline(e.at, 'en', ctx.timeZone), who, text: `${said}${status}` };
  });
}
