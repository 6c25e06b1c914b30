import { DESIRED_OUTCOMES, type Language } from '../triage/index.js';
import { staffText } from '../staff-text/staff-text-catalog.js';
import type { DeskContext } from './desk-settings.js';
import { CUSTOMER_BUTTONS } from '../templates/customer-buttons.js';
import { AlreadyClaimedError, DuplicateRequestError, deskErrors } from '../errors.js';
import type { Actor, CaseRecord, DeskTransaction, SolutionProposal, SolutionProposalInput, SolutionRecord, StaffCommand } from '../ports.js';
import type { StaffMember } from '../staff-directory.js';
import type { TextField } from '../staff-text/refusals.js';
import { nextStatus } from './case-status.js';
import { isOpen } from '../model/lifecycle.js';
import { CaseEffects, cardChannel, department, type AuditActor } from './case-effects.js';
import { escalate } from './escalation.js';
import { describeSolution } from '../templates/solution-text.js';
import { nextUpdateDueAt } from '../sla/sla-clocks.js';
import { decideStaffAction, roleRefusal, type StaffAction } from './staff-permissions.js';
import { compensationGuidance } from '../compensation/compensation-guidance.js';
import { approvalRefusal, approversFor, isMoneySolution, needsApproval } from '../compensation/approvals.js';
import { parseMoneyAmount } from '../compensation/parse-amount.js';
import { LETTER_TEMPLATE, letterKindFor, letterValues, type LetterKind } from '../templates/customer-letter.js';

export interface StaffTurn {
  tx: DeskTransaction;
  fx: CaseEffects;
  c: CaseRecord;
  member: StaffMember;
  who: AuditActor;
  now: Date;
  /**
   * The outbox key of one effect of this action: derived from the platform's request id when
   * there is one (so a redelivered request maps onto the same messages), else from the case version.
   */
  key(effect: string, version: number): string;
}

/** 回避: why this member must stay away from this case's customer, or null. */
export async function conflictOf(tx: Pick<DeskTransaction, 'getCustomer' | 'listMessages'>, c: CaseRecord, member: StaffMember): Promise<{ configured: true } | { namedAs: string } | null> {
  if (member.conflicts.length) {
    const customer = await tx.getCustomer(c.customerId);
    if (customer && member.conflicts.includes(`${customer.platform}:${customer.platformUserId}`)) return { configured: true };
  }
  if (member.aliases.length === 0) return null;
  const inbound = (await tx.listMessages(c.id)).filter((m) => m.direction === 'inbound');
  const named = member.aliases.find((alias) => inbound.some((m) => m.text.toLowerCase().includes(alias.toLowerCase())));
  return named ? { namedAs: named } : null;
}

export function ownerName(ctx: DeskContext, c: CaseRecord): string | null {
  return c.ownerId ? (ctx.staff.get(c.ownerId)?.name ?? c.ownerId) : null;
}

/**
 * Runs one staff action on a locked case: a redelivered request does nothing, then the
 * permission rules (staff-permissions.ts) decide, and an explicit supervisor override is audited.
 */
export async function asStaff<T>(ctx: DeskContext, actor: Actor, caseId: string, action: StaffAction, cmd: StaffCommand, work: (turn: StaffTurn) => Promise<T>): Promise<T> {
  const member = ctx.staff.byActor(actor);
  // Staff only, before the case is locked; the rest of roleRefusal is decided with the case (decideStaffAction).
  if (!member) throw roleRefusal(member, action);
  const override = cmd.override ?? null;
  if (override && !override.reason.trim()) throw deskErrors.invalidInput({ reason: 'empty_text', field: 'override_reason' });
  return ctx.store.transaction(async (tx) => {
    const c = await tx.lockCase(caseId);
    if (!c) throw deskErrors.notFound('case');
    if (cmd.requestId && !(await tx.claimStaffRequest(actor.platform, cmd.requestId, c.id, action))) throw new DuplicateRequestError(c.id);
    const decision = decideStaffAction({
      action,
      member,
      caseRecord: c,
      conflict: await conflictOf(tx, c, member),
      override,
      policy: ctx.settings.staffPolicy,
      ownerName: ownerName(ctx, c),
    });
    if (!decision.allowed) throw decision.error;
    const who: AuditActor = { kind: 'staff', id: member.id, platform: actor.platform };
    const fx = new CaseEffects(ctx, tx);
    if (decision.overridden.length) await fx.audit(c, who, 'permission_override', null, { action, rules: decision.overridden, reason: override!.reason.trim() });
    const requestKey = cmd.requestId ? `req:${actor.platform}:${cmd.requestId}` : null;
    const key = (effect: string, version: number) => (requestKey ? `${requestKey}:${effect}` : `case:${c.id}:${effect}:${version}`);
    return work({ tx, fx, c, member, who, now: ctx.clock.now(), key });
  });
}

export function assertOpen(c: CaseRecord): void {
  if (!isOpen(c.status)) throw deskErrors.invalidInput({ reason: 'case_not_open', number: c.number, status: c.status });
}

function assertText(text: string, field: TextField): string {
  const t = text.trim();
  if (!t) throw deskErrors.invalidInput({ reason: 'empty_text', field });
  return t;
}

export function claimCase(ctx: DeskContext, actor: Actor, caseId: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'claim', cmd, async ({ fx, c, member, who, now, key }) => {
    // The row lock makes this atomic: a second claimer waits, then sees the owner.
    if (c.ownerId) throw new AlreadyClaimedError(c.number, ownerName(ctx, c) ?? '—');
    const claimed = await fx.change(c, who, 'claimed', {
      status: nextStatus(c.status, 'claim', c.number),
      ownerId: member.id,
      firstRespondedAt: c.firstRespondedAt ?? now,
      nextUpdateDueAt: nextUpdateDueAt(now, ctx.settings.sla),
    });
    await fx.tellCustomer(claimed, 'case_claimed', { number: claimed.number, owner: member.name }, key('claimed', claimed.version));
    await fx.cardNote(claimed, (l) => staffText('note_claimed', l, { staff: member.name }), key('claimed:note', claimed.version));
    await fx.syncCard(claimed);
    return claimed;
  });
}

export function reassignCase(ctx: DeskContext, actor: Actor, caseId: string, newOwnerId: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'reassign', cmd, async ({ tx, fx, c, who, now, key }) => {
    const target = ctx.staff.get(newOwnerId);
    if (!target) throw deskErrors.notFound('staff');
    // Only supervisors reassign (staff-permissions.ts); across departments the case moves with its new owner.
    const handover = ctx.staff.reassignTo(target, c.departmentKey);
    if (!handover) throw deskErrors.notPermitted({ reason: 'not_in_department', staff: target.name, number: c.number });
    const { moveTo } = handover;
    const conflict = await conflictOf(tx, c, target);
    if (conflict) throw deskErrors.conflictOfInterest(c.number, target.name, conflict);
    if (moveTo) await noteMove(ctx, fx, c, moveTo, key('moved:note', c.version));
    const updated = await fx.change(c, who, 'reassigned', {
      status: nextStatus(c.status, 'reassign', c.number),
      ...(moveTo ? { departmentKey: moveTo } : {}),
      ownerId: target.id,
      firstRespondedAt: c.firstRespondedAt ?? now,
      nextUpdateDueAt: nextUpdateDueAt(now, ctx.settings.sla),
    });
    await fx.messageStaff(updated, target, (l) => staffText('reassigned_to_you', l, { number: c.number }), key('reassigned:dm', updated.version));
    await fx.cardNote(updated, (l) => staffText('note_reassigned', l, { staff: target.name }), key('reassigned:note', updated.version));
    await fx.syncCard(updated);
    return updated;
  });
}

/** A line on the old card before a case moves: the old department sees where it went. */
export async function noteMove(ctx: DeskContext, fx: CaseEffects, c: CaseRecord, toDepartment: string, dedupeKey: string): Promise<void> {
  const to = department(ctx, toDepartment);
  const channel = to ? (to.channels[cardChannel(ctx, c)?.platform ?? c.platform] ?? Object.values(to.channels)[0] ?? to.key) : toDepartment;
  await fx.cardNote(c, (l) => staffText('note_moved', l, { department: to?.name[l] ?? toDepartment, channel }), dedupeKey);
}

/** Staff ask the customer something; the staff clocks pause until the customer answers. */
export function askCustomer(ctx: DeskContext, actor: Actor, caseId: string, question: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'ask', cmd, async ({ fx, c, member, who, now, key }) => {
    assertOpen(c);
    const text = assertText(question, 'question');
    // The case now waits on this customer: their next message is the answer (grouping.ts), shown to the asker.
    const updated = await fx.change(
      c,
      who,
      'question_asked',
      { awaitingCustomerSince: c.awaitingCustomerSince ?? now, firstRespondedAt: c.firstRespondedAt ?? now, pendingQuestion: text, questionAskedAt: now, questionAskedBy: member.id },
      { text },
    );
    await fx.tellCustomer(updated, 'question_from_staff', { number: c.number, text }, key('asked', updated.version));
    await fx.cardNote(updated, (l) => staffText('note_asked', l, { staff: member.name, text }), key('asked:note', updated.version));
    await fx.syncCard(updated);
    return updated;
  });
}

/** A progress update: relayed to the customer, and it resets the update clock. */
export function postUpdate(ctx: DeskContext, actor: Actor, caseId: string, update: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'update', cmd, async ({ fx, c, member, who, now, key }) => {
    assertOpen(c);
    const text = assertText(update, 'update');
    const updated = await fx.change(
      c,
      who,
      'update_posted',
      {
        ...(c.status === 'agreed' ? { status: nextStatus(c.status, 'start_work', c.number) } : {}),
        lastUpdateAt: now,
        planSentAt: c.planSentAt ?? now,
        nextUpdateDueAt: nextUpdateDueAt(now, ctx.settings.sla),
      },
      { text },
    );
    await fx.tellCustomer(updated, 'progress_update', { number: c.number, text }, key('update', updated.version));
    await fx.cardNote(updated, (l) => staffText('note_update', l, { staff: member.name, text }), key('update:note', updated.version));
    await fx.syncCard(updated);
    return updated;
  });
}

/** The explicit "reply to customer": the only way free staff text reaches the customer. */
export function replyToCustomer(ctx: DeskContext, actor: Actor, caseId: string, reply: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'reply', cmd, async ({ fx, c, member, who, now, key }) => {
    const text = assertText(reply, 'reply');
    const updated = await fx.change(c, who, 'replied_to_customer', { firstRespondedAt: c.firstRespondedAt ?? now }, { text });
    await fx.tellCustomer(updated, 'staff_reply', { number: c.number, text }, key('reply', updated.version));
    await fx.cardNote(updated, (l) => staffText('note_reply', l, { staff: member.name, text }), key('reply:note', updated.version));
    await fx.syncCard(updated);
    return updated;
  });
}

/** What staff write in the card thread: kept on the case, never sent to the customer. */
export function addInternalNote(ctx: DeskContext, actor: Actor, caseId: string, note: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'note', cmd, async ({ tx, fx, c, member, who, now }) => {
    const text = assertText(note, 'note');
    await tx.addMessage({ caseId: c.id, direction: 'internal', authorKind: 'staff', authorId: member.id, platform: actor.platform, platformMessageId: cmd.requestId ?? null, text, createdAt: now });
    await fx.audit(c, who, 'internal_note', null, { text });
    return c;
  });
}

/** A proposal as the core keeps it: a known type, a strictly parsed amount where money is paid, a text. */
export function validateProposal(p: SolutionProposalInput, deskCurrency: string): SolutionProposal {
  if (!DESIRED_OUTCOMES.includes(p.type)) throw deskErrors.invalidInput({ reason: 'unknown_solution_type' });
  let amount: number | null = null;
  if (typeof p.amount === 'string' ? p.amount.trim() !== '' : p.amount != null) {
    amount = typeof p.amount === 'string' ? parseMoneyAmount(p.amount, deskCurrency) : p.amount!;
    if (!Number.isFinite(amount) || amount <= 0) throw deskErrors.invalidInput({ reason: 'amount_unreadable', text: String(p.amount) });
  }
  if (isMoneySolution(p.type) && amount === null) throw deskErrors.invalidInput({ reason: 'amount_required' });
  if (p.currency && p.currency !== deskCurrency) throw deskErrors.invalidInput({ reason: 'amount_unreadable', text: `${p.currency} ${amount ?? ''}`.trim() });
  return { type: p.type, amount, currency: amount !== null ? deskCurrency : null, effectiveBy: p.effectiveBy ?? null, text: assertText(p.text, 'solution') };
}

/**
 * The owner proposes a solution. Money above the proposer's own limit waits for a supervisor
 * whose limit covers it (or the top approver) before the customer sees it.
 */
export async function proposeSolution(ctx: DeskContext, actor: Actor, caseId: string, proposal: SolutionProposalInput, cmd: StaffCommand = {}): Promise<{ caseRecord: CaseRecord; solution: SolutionRecord }> {
  const p = validateProposal(proposal, ctx.settings.compensation.currency);
  return asStaff(ctx, actor, caseId, 'propose', cmd, async ({ tx, fx, c, member, who, now }) => {
    nextStatus(c.status, 'propose_solution', c.number);
    const waits = needsApproval(p.amount ?? null, member, ctx.settings.approvals);
    const solution = await tx.insertSolution({
      caseId: c.id,
      type: p.type,
      amount: p.amount ?? null,
      currency: p.currency ?? null,
      effectiveBy: p.effectiveBy ?? null,
      text: p.text,
      status: waits ? 'pending_approval' : 'offered',
      proposedBy: member.id,
      approvedBy: null,
      createdAt: now,
    });
    if (waits) {
      const updated = await fx.change(c, who, 'solution_awaiting_approval', {}, { solutionId: solution.id, ...p, limit: member.compensationLimit });
      const approvers = approversFor(ctx.staff, c.departmentKey, p.amount ?? 0, member.id, ctx.settings.approvals);
      const text = (l: Language) =>
        staffText('approval_needed', l, {
          number: c.number,
          staff: member.name,
          solution: describeSolution(solution, l),
          limit: member.compensationLimit,
          approvers: approvers.length ? approvers.map((a) => a.name).join(', ') : staffText('approval_nobody', l),
          guidance: compensationGuidance(c, ctx.settings, null, l).summary,
        });
      for (const approver of approvers) await fx.messageStaff(updated, approver, text, `solution:${solution.id}:approval:${approver.id}`);
      await fx.alertSupervisors(updated, text, `solution:${solution.id}:approval`, 'channel');
      await fx.cardNote(updated, text, `solution:${solution.id}:approval:note`);
      await fx.syncCard(updated);
      return { caseRecord: updated, solution };
    }
    const updated = await offerSolution(ctx, tx, fx, c, who, solution, now);
    return { caseRecord: updated, solution };
  });
}

async function offerSolution(ctx: DeskContext, tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, who: AuditActor, s: SolutionRecord, now: Date): Promise<CaseRecord> {
  const updated = await fx.change(
    c,
    who,
    'solution_proposed',
    { status: nextStatus(c.status, 'propose_solution', c.number), solutionProposedAt: c.solutionProposedAt ?? now, planSentAt: c.planSentAt ?? now },
    { solutionId: s.id, type: s.type, amount: s.amount, currency: s.currency, effectiveBy: s.effectiveBy, text: s.text },
  );
  const decision = { kind: 'solution_decision', solutionId: s.id, labels: CUSTOMER_BUTTONS[c.language].decision } as const;
  const letter = letterKindFor(s.type);
  if (letter) {
    // An apology or an explanation reaches the customer as a letter, with the same accept/reject buttons.
    const values = letterValues({ kind: letter, caseRecord: updated, customer: await tx.getCustomer(c.customerId), solution: s, details: s.text, date: now, timeZone: ctx.settings.timeZone });
    await fx.tellCustomer(updated, LETTER_TEMPLATE[letter], values, `solution:${s.id}:offer`, decision);
  } else {
    await fx.tellCustomer(updated, 'solution_offer', { number: c.number, solution: describeSolution(s, updated.language) }, `solution:${s.id}:offer`, decision);
  }
  await fx.cardNote(updated, (l) => staffText('note_solution_sent', l, { solution: describeSolution(s, l) }), `solution:${s.id}:offer:note`);
  await fx.syncCard(updated);
  return updated;
}

/** A supervisor approves a held offer: never their own, and only within their limit (the top approver has none). */
export async function approveSolution(ctx: DeskContext, actor: Actor, solutionId: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  const caseId = await ctx.store.transaction(async (tx) => (await tx.getSolution(solutionId))?.caseId);
  if (!caseId) throw deskErrors.notFound('solution');
  return asStaff(ctx, actor, caseId, 'approve', cmd, async ({ tx, fx, c, member, who, now }) => {
    const s = await tx.getSolution(solutionId);
    if (!s || s.status !== 'pending_approval') throw deskErrors.invalidInput({ reason: 'not_awaiting_approval' });
    const refusal = approvalRefusal(member, s, ctx.settings.approvals);
    if (refusal) throw refusal;
    await tx.updateSolution(s.id, { status: 'offered', approvedBy: member.id, decidedAt: now });
    await fx.audit(c, who, 'solution_approved', { status: 'pending_approval' }, { status: 'offered', solutionId: s.id, approvedBy: member.id, amount: s.amount });
    return offerSolution(ctx, tx, fx, c, who, { ...s, status: 'offered', approvedBy: member.id }, now);
  });
}

/**
 * The owner marks the work done: the result goes to the customer at once, with the survey.
 * With `letter` the result is sent as an apology or explanation-and-resolution letter
 * naming the agreed solution.
 */
export async function resolveCase(ctx: DeskContext, actor: Actor, caseId: string, result: string, opts: { letter?: LetterKind } = {}, cmd: StaffCommand = {}): Promise<CaseRecord> {
  // Read before the transaction: PGlite has one connection, and the agreed solution cannot change once agreed.
  const agreed = opts.letter ? ((await ctx.store.listSolutions(caseId)).filter((x) => x.status === 'accepted').at(-1) ?? null) : null;
  return asStaff(ctx, actor, caseId, 'resolve', cmd, async ({ tx, fx, c, member, who, now, key }) => {
    const text = assertText(result, 'result');
    const resolved = await fx.change(
      c,
      who,
      'resolved',
      {
        status: nextStatus(c.status, 'resolve', c.number),
        resolvedAt: now,
        nextUpdateDueAt: null,
        resultDueAt: ctx.calendar.addWorkingDays(now, ctx.settings.sla.resultWorkingDays),
        resultDeliveredAt: now,
        surveyDueAt: ctx.calendar.addWorkingDays(now, ctx.settings.sla.surveyWorkingDays),
        surveySentAt: now,
      },
      { result: text },
    );
    if (opts.letter) {
      const values = letterValues({ kind: opts.letter, caseRecord: resolved, customer: await tx.getCustomer(c.customerId), solution: agreed, details: text, date: now, timeZone: ctx.settings.timeZone });
      await fx.tellCustomer(resolved, LETTER_TEMPLATE[opts.letter], values, `case:${c.id}:result`);
    } else {
      await fx.tellCustomer(resolved, 'result_notice', { number: c.number, result: text }, `case:${c.id}:result`);
    }
    await fx.tellCustomer(resolved, 'survey', { number: c.number }, key('survey', resolved.version), { kind: 'survey', labels: CUSTOMER_BUTTONS[c.language].survey });
    await fx.cardNote(resolved, (l) => staffText('note_resolved', l, { staff: member.name, text }), key('resolved:note', resolved.version));
    await fx.syncCard(resolved);
    return resolved;
  });
}

export function escalateCase(ctx: DeskContext, actor: Actor, caseId: string, note?: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'escalate', cmd, async ({ fx, c, who }) => {
    assertOpen(c);
    return escalate(ctx, fx, c, who, 'manual', note);
  });
}

export function closeCase(ctx: DeskContext, actor: Actor, caseId: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'close', cmd, async ({ fx, c, who, now }) => {
    const closed = await fx.change(c, who, 'closed', { status: nextStatus(c.status, 'close', c.number), closedAt: now });
    await fx.syncCard(closed);
    return closed;
  });
}

export function reopenCase(ctx: DeskContext, actor: Actor, caseId: string, reason: string, cmd: StaffCommand = {}): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, 'reopen', cmd, async ({ fx, c, who, now, key }) => {
    const reopened = await fx.change(
      c,
      who,
      'reopened',
      { status: nextStatus(c.status, 'reopen', c.number), closedAt: null, resolvedAt: null, nextUpdateDueAt: nextUpdateDueAt(now, ctx.settings.sla) },
      { reason },
    );
    await fx.tellCustomer(reopened, 'case_reopened', { number: c.number }, key('reopened', reopened.version));
    await fx.syncCard(reopened);
    return reopened;
  });
}
