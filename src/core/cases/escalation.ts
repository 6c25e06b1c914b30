import type { DeskContext } from '../desk-settings.js';
import type { CaseRecord } from '../ports.js';
import type { AuditActor, CaseEffects } from './case-effects.js';

export type EscalationReason =
  | 'urgent_at_intake'
  | 'missed_update'
  | 'unclaimed'
  | 'solution_rejected_twice'
  | 'close_deadline_passed'
  | 'low_satisfaction'
  | 'urgent_not_handled'
  | 'manual';

const REASON_TEXT: Record<EscalationReason, string> = {
  urgent_at_intake: 'urgent at intake',
  missed_update: 'owner missed the 24 h update',
  unclaimed: 'unclaimed past its first-response deadline',
  solution_rejected_twice: 'customer rejected the solution twice',
  close_deadline_passed: 'close deadline passed',
  low_satisfaction: 'low satisfaction score',
  urgent_not_handled: 'urgent case not handled within its special-handling window',
  manual: 'escalated by staff',
};

/** Raises the escalation level and pings the supervisors and escalation channel (DESIGN.md §5). */
export async function escalate(
  ctx: DeskContext,
  fx: CaseEffects,
  c: CaseRecord,
  actor: AuditActor,
  reason: EscalationReason,
  note?: string,
  audience: 'supervisors' | 'channel' | 'both' = 'both',
): Promise<CaseRecord> {
  const level = c.escalationLevel + 1;
  const updated = await fx.change(c, actor, 'escalated', { escalationLevel: level }, { reason, note: note ?? null });
  const owner = updated.ownerId ? ctx.staff.get(updated.ownerId)?.name : null;
  const text =
    `🚨 Case ${updated.number} escalated (level ${level}): ${REASON_TEXT[reason]}` +
    `${note ? ` — ${note}` : ''}. ${updated.urgent ? 'URGENT. ' : ''}Owner: ${owner ?? 'unclaimed'}.`;
  await fx.alertSupervisors(updated, text, `case:${updated.id}:escalated:${level}`, audience);
  await fx.cardNote(updated, text, `case:${updated.id}:escalated:${level}:note`);
  await fx.syncCard(updated);
  return updated;
}
