import { staffText } from '../staff-text/staff-text-catalog.js';
import { formatDeadline } from '../templates/format-deadline.js';
import type { Language } from '../triage/index.js';
import type { DeskContext } from './desk-settings.js';
import { deskErrors } from '../errors.js';
import type { Actor, CaseLabels, CaseRecord, DeskTransaction, StaffCommand } from '../ports.js';
import type { StaffMember } from '../staff-directory.js';
import { CATEGORIES, type Category } from '../triage/index.js';
import { CASE_NUMBER_PATTERN } from './case-number.js';
import { nextStatus } from './case-status.js';
import { department } from './case-effects.js';
import { intakeClocks } from '../sla/sla-clocks.js';
import { asStaff, assertOpen, noteMove, type StaffTurn } from './staff-actions.js';

/** A case's labels as the triage evaluation reads them. */
export function caseLabels(c: CaseRecord): CaseLabels {
  return { language: c.language, isComplaint: true, category: c.category, urgent: c.urgent, orderNumber: c.orderNumber, desiredOutcome: c.desiredOutcome, amount: c.amount };
}

/**
 * Every correction is also a labelled example: the complaint's text, what triage said at
 * intake (the first correction's "before"), and the labels now (`npm run cases -- corrections`).
 */
async function recordCorrection(tx: DeskTransaction, before: CaseRecord, after: CaseRecord, member: StaffMember, kind: string, now: Date): Promise<void> {
  const first = await tx.firstCorrection(before.id);
  const opening = (await tx.listMessages(before.id)).find((m) => m.direction === 'inbound' && m.createdAt.getTime() >= before.createdAt.getTime());
  await tx.insertCorrection({
    caseId: before.id,
    at: now,
    staffId: member.id,
    kind,
    text: opening?.text ?? before.summary,
    language: before.language,
    triage: first?.triage ?? caseLabels(before),
    corrected: caseLabels(after),
  });
}

/**
 * Moves a case to a department: the new department gets a new card (the notifier marks the old
 * one "moved to #…"), the owner stays only if they work there, the clocks run on unchanged.
 */
async function moveTo(ctx: DeskContext, turn: StaffTurn, c: CaseRecord, departmentKey: string): Promise<Partial<CaseRecord>> {
  if (departmentKey === c.departmentKey) return {};
  await noteMove(ctx, turn.fx, c, departmentKey, turn.key('moved:note', c.version));
  const owner = c.ownerId ? ctx.staff.get(c.ownerId) : undefined;
  const keepsOwner = owner !== undefined && ctx.staff.canActOn(owner, departmentKey);
  return {
    departmentKey,
    ...(c.ownerId && !keepsOwner ? { ownerId: null, ...(c.status === 'claimed' ? { status: nextStatus(c.status, 'unassign', c.number) } : {}) } : {}),
  };
}

async function afterMove(ctx: DeskContext, turn: StaffTurn, before: CaseRecord, after: CaseRecord): Promise<void> {
  if (after.departmentKey === before.departmentKey) return;
  const dept = department(ctx, after.departmentKey);
  await turn.fx.tellCustomer(after, 'case_routed', { number: after.number, department: dept?.name[after.language] ?? after.departmentKey ?? '' }, turn.key('moved:customer', after.version));
}

export interface CategoryChange {
  category: string;
  /** Where the case goes; by default where the routing table sends the new category. */
  departmentKey?: string | null;
}

/** Change category / move to department (issue 16.2). */
export function changeCategory(ctx: DeskContext, actor: Actor, caseId: string, change: CategoryChange, cmd: StaffCommand = {}): Promise<CaseRecord> {
  if (!(CATEGORIES as readonly string[]).includes(change.category)) throw deskErrors.invalidInput({ reason: 'unknown_category', text: change.category });
  const category = change.category as Category;
  if (change.departmentKey && !department(ctx, change.departmentKey)) throw deskErrors.notFound('department');
  return asStaff(ctx, actor, caseId, 'recategorize', cmd, async (turn) => {
    const { tx, fx, c, member, who, now, key } = turn;
    assertOpen(c);
    const target = change.departmentKey || ctx.settings.routing.byCategory[category] || ctx.settings.routing.default;
    if (category === c.category && target === c.departmentKey) throw deskErrors.invalidInput({ reason: 'no_change', number: c.number });
    const moved = await moveTo(ctx, turn, c, target);
    const updated = await fx.change(c, who, moved.departmentKey ? 'department_moved' : 'category_changed', { category, ...moved });
    await recordCorrection(tx, c, updated, member, 'category', now);
    await fx.cardNote(updated, (l) => staffText('note_category_changed', l, { staff: member.name, from: c.category ?? '—', to: category }), key('category:note', updated.version));
    await afterMove(ctx, turn, c, updated);
    await fx.syncCard(updated);
    return updated;
  });
}

/** Mark urgent / not urgent: the clocks are recomputed from the case's start; the supervisor is pinged when it becomes urgent. */
export function markUrgent(ctx: DeskContext, actor: Actor, caseId: string, urgent: boolean, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'mark_urgent', cmd, async ({ tx, fx, c, member, who, now, key }) => {
    assertOpen(c);
    if (urgent === c.urgent && !c.possibleUrgent) throw deskErrors.invalidInput({ reason: 'no_change', number: c.number });
    const clocks = intakeClocks(c.createdAt, urgent, ctx.calendar, ctx.settings.sla);
    const updated = await fx.change(c, who, urgent ? 'marked_urgent' : 'marked_not_urgent', { urgent, possibleUrgent: false, ...clocks });
    await recordCorrection(tx, c, updated, member, 'urgency', now);
    // The deadline in the desk's time zone, like every other staff text (it was printed in UTC).
    const text = (l: Language) =>
      urgent && updated.urgentDueAt
        ? staffText('marked_urgent', l, { staff: member.name, number: c.number, by: formatDeadline(updated.urgentDueAt, l, ctx.settings.timeZone) })
        : staffText('marked_not_urgent', l, { staff: member.name, number: c.number });
    if (urgent) await fx.alertSupervisors(updated, text, key('urgent', updated.version), 'supervisors');
    await fx.cardNote(updated, text, key('urgent:note', updated.version));
    await fx.syncCard(updated);
    return updated;
  });
}

/**
 * Link a related case, or merge a duplicate into another case: both histories are kept, the
 * duplicate is closed pointing at the case that goes on, and its customer is told once.
 */
export async function linkCase(ctx: DeskContext, actor: Actor, caseId: string, otherRef: string, mode: 'link' | 'merge', cmd: StaffCommand = {}): Promise<CaseRecord> {
  const number = CASE_NUMBER_PATTERN.exec(otherRef)?.[0]?.toUpperCase();
  const other = number ? await ctx.store.findCaseByNumber(number) : await ctx.store.getCase(otherRef.trim());
  if (!other) throw deskErrors.notFound('case');
  return asStaff(ctx, actor, caseId, 'link', cmd, async ({ tx, fx, c, member, who, key }) => {
    if (other.id === c.id) throw deskErrors.invalidInput({ reason: 'same_case', number: c.number });
    const target = (await tx.lockCase(other.id))!;
    if (mode === 'link') {
      if (c.relatedCaseId === target.id) throw deskErrors.invalidInput({ reason: 'no_change', number: c.number });
      const linked = await fx.change(c, who, 'linked', { relatedCaseId: target.id }, { related: target.number });
      if (!target.relatedCaseId) await fx.change(target, who, 'linked', { relatedCaseId: c.id }, { related: c.number });
      await fx.cardNote(linked, (l) => staffText('note_linked', l, { staff: member.name, number: target.number }), key('linked:note', linked.version));
      await fx.cardNote(target, `🔗 ${member.name} linked ${c.number} to this case.`, key('linked:other', linked.version));
      await fx.syncCard(linked);
      return linked;
    }
    assertOpen(c);
    if (c.customerId !== target.customerId) throw deskErrors.invalidInput({ reason: 'different_customer', number: c.number, other: target.number });
    const merged = await fx.change(c, who, 'merged_into', { status: nextStatus(c.status, 'merge', c.number), mergedIntoCaseId: target.id, relatedCaseId: target.id, closedAt: ctx.clock.now() }, { into: target.number });
    const kept = await fx.change(target, who, 'merged_from', {}, { duplicate: merged.number, summary: merged.summary });
    await fx.tellCustomer(merged, 'case_merged', { number: merged.number, into: target.number }, `case:${merged.id}:merged`);
    await fx.cardNote(merged, (l) => staffText('note_merged', l, { staff: member.name, number: target.number }), key('merged:note', merged.version));
    await fx.cardNote(kept, (l) => staffText('note_merged_other', l, { staff: member.name, number: merged.number, summary: merged.summary.slice(0, 200) }), key('merged:other', merged.version));
    await fx.syncCard(merged);
    await fx.syncCard(kept);
    return merged;
  });
}
