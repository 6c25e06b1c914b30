import type { DeskContext } from './desk-settings.js';
import type { CaseRecord } from '../ports.js';
import type { Language } from '../triage/index.js';
import type { AuditActor, CaseEffects } from './case-effects.js';
import { staffText, type StaffMessage } from '../staff-text/staff-text-catalog.js';
import { escalationReasonText } from '../sla/sla-text.js';
import type { EscalationReason } from '../model/escalation-reason.js';

/** Raises the escalation level and pings the supervisors and escalation channel (docs/DOMAIN.md §5). */
export async function escalate(
  ctx: DeskContext,
  fx: CaseEffects,
  c: CaseRecord,
  actor: AuditActor,
  reason: EscalationReason,
  note?: string | StaffMessage,
  audience: 'supervisors' | 'channel' | 'both' = 'both',
): Promise<CaseRecord> {
  const level = c.escalationLevel + 1;
  const noteIn = (language: Language) => (note === undefined ? null : typeof note === 'string' ? note : note(language));
  // The audit log keeps the note as the desk's staff language reads it.
  const updated = await fx.change(c, actor, 'escalated', { escalationLevel: level }, { reason, note: noteIn(ctx.settings.staffLanguage) });
  const owner = updated.ownerId ? ctx.staff.get(updated.ownerId)?.name : null;
  const text: StaffMessage = (language) =>
    staffText('escalated', language, {
      number: updated.number,
      level,
      reason: escalationReasonText(reason, language, ctx.settings.sla),
      note: note ? staffText('escalated_note', language, { note: noteIn(language) ?? '' }) : '',
      urgent: updated.urgent ? staffText('escalated_urgent', language) : '',
      owner: owner ?? staffText('card_unclaimed', language),
    });
  await fx.alertSupervisors(updated, text, `case:${updated.id}:escalated:${level}`, audience);
  await fx.cardNote(updated, text, `case:${updated.id}:escalated:${level}:note`);
  await fx.syncCard(updated);
  return updated;
}
