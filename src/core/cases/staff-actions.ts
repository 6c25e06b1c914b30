import type { DeskContext } from '../desk-settings.js';
import { AlreadyClaimedError, deskErrors } from '../errors.js';
import type { Actor, CaseRecord, DeskTransaction, SolutionProposal, SolutionRecord } from '../ports.js';
import { SOLUTION_TYPES } from '../ports.js';
import type { StaffMember } from '../staff-directory.js';
import { isOpen, nextStatus } from './case-status.js';
import { CaseEffects, type AuditActor } from './case-effects.js';
import { escalate } from './escalation.js';
import { describeSolution } from './solution-text.js';
import { compensationGuidance } from '../compensation/compensation-guidance.js';
import { LETTER_TEMPLATE, letterKindFor, letterValues, type LetterKind } from '../templates/customer-letter.js';

const HOUR = 3_600_000;

interface StaffTurn {
  tx: DeskTransaction;
  fx: CaseEffects;
  c: CaseRecord;
  member: StaffMember;
  who: AuditActor;
  now: Date;
}

/** Runs one staff action on a locked case, after checking the actor may act on it. */
async function asStaff<T>(ctx: DeskContext, actor: Actor, caseId: string, work: (turn: StaffTurn) => Promise<T>, opts: { supervisorOnly?: boolean } = {}): Promise<T> {
  const member = ctx.staff.byActor(actor);
  if (!member) throw deskErrors.notPermitted('Only desk staff can do that');
  return ctx.store.transaction(async (tx) => {
    const c = await tx.lockCase(caseId);
    if (!c) throw deskErrors.notFound('Case');
    if (opts.supervisorOnly && member.role !== 'supervisor') throw deskErrors.notPermitted('Only a supervisor can do that');
    if (!ctx.staff.canActOn(member, c.departmentKey))
      throw deskErrors.notPermitted(`${member.name} is not in the department handling case ${c.number}`);
    const who: AuditActor = { kind: 'staff', id: member.id, platform: actor.platform };
    return work({ tx, fx: new CaseEffects(ctx, tx), c, member, who, now: ctx.clock.now() });
  });
}

/** 回避: staff named in the complaint or configured as conflicted may not handle it. */
async function assertNoConflict(tx: DeskTransaction, c: CaseRecord, member: StaffMember): Promise<void> {
  const customer = await tx.getCustomer(c.customerId);
  if (customer && member.conflicts.includes(`${customer.platform}:${customer.platformUserId}`))
    throw deskErrors.conflictOfInterest(c.number, member.name, 'configured conflict with this customer');
  if (member.aliases.length === 0) return;
  const inbound = (await tx.listMessages(c.id)).filter((m) => m.direction === 'inbound');
  const named = member.aliases.find((alias) => inbound.some((m) => m.text.toLowerCase().includes(alias.toLowerCase())));
  if (named) throw deskErrors.conflictOfInterest(c.number, member.name, `named in the complaint as "${named}"`);
}

function ownerName(ctx: DeskContext, c: CaseRecord): string {
  return (c.ownerId && ctx.staff.get(c.ownerId)?.name) || 'someone else';
}

export function claimCase(ctx: DeskContext, actor: Actor, caseId: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ tx, fx, c, member, who, now }) => {
    // The row lock makes this atomic: a second claimer waits, then sees the owner.
    if (c.ownerId) throw new AlreadyClaimedError(c.number, ownerName(ctx, c));
    await assertNoConflict(tx, c, member);
    const claimed = await fx.change(c, who, 'claimed', {
      status: nextStatus(c.status, 'claim', c.number),
      ownerId: member.id,
      firstRespondedAt: c.firstRespondedAt ?? now,
      nextUpdateDueAt: new Date(now.getTime() + ctx.settings.sla.updateCadenceHours * HOUR),
    });
    await fx.tellCustomer(claimed, 'case_claimed', { number: claimed.number, owner: member.name }, `case:${c.id}:claimed:${claimed.version}`);
    await fx.cardNote(claimed, `🙋 Claimed by ${member.name}`, `case:${c.id}:claimed:${claimed.version}:note`);
    await fx.syncCard(claimed);
    return claimed;
  });
}

export function reassignCase(ctx: DeskContext, actor: Actor, caseId: string, newOwnerId: string): Promise<CaseRecord> {
  return asStaff(
    ctx,
    actor,
    caseId,
    async ({ tx, fx, c, who, now }) => {
      const target = ctx.staff.get(newOwnerId);
      if (!target) throw deskErrors.notFound(`Staff member ${newOwnerId}`);
      if (!ctx.staff.canActOn(target, c.departmentKey)) throw deskErrors.notPermitted(`${target.name} is not in the department handling case ${c.number}`);
      await assertNoConflict(tx, c, target);
      const updated = await fx.change(c, who, 'reassigned', {
        status: nextStatus(c.status, 'reassign', c.number),
        ownerId: target.id,
        firstRespondedAt: c.firstRespondedAt ?? now,
        nextUpdateDueAt: new Date(now.getTime() + ctx.settings.sla.updateCadenceHours * HOUR),
      });
      const userId = target.identities[c.platform];
      if (userId) await fx.directMessage(updated, c.platform, userId, `📌 Case ${c.number} is now yours (reassigned by a supervisor).`, `case:${c.id}:reassigned:${updated.version}:dm`);
      await fx.cardNote(updated, `🔁 Reassigned to ${target.name}`, `case:${c.id}:reassigned:${updated.version}:note`);
      await fx.syncCard(updated);
      return updated;
    },
    { supervisorOnly: true },
  );
}

function assertOpen(c: CaseRecord): void {
  if (!isOpen(c.status)) throw deskErrors.invalidInput(`Case ${c.number} is ${c.status}`);
}

function assertText(text: string, what: string): string {
  const t = text.trim();
  if (!t) throw deskErrors.invalidInput(`${what} cannot be empty`);
  return t;
}

/** Staff ask the customer something; the staff clocks pause until the customer answers. */
export function askCustomer(ctx: DeskContext, actor: Actor, caseId: string, question: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ fx, c, member, who, now }) => {
    assertOpen(c);
    const text = assertText(question, 'The question');
    const updated = await fx.change(c, who, 'question_asked', { awaitingCustomerSince: c.awaitingCustomerSince ?? now, firstRespondedAt: c.firstRespondedAt ?? now }, { text });
    await fx.tellCustomer(updated, 'question_from_staff', { number: c.number, text }, `case:${c.id}:asked:${updated.version}`);
    await fx.cardNote(updated, `❓ ${member.name} asked the customer: ${text}`, `case:${c.id}:asked:${updated.version}:note`);
    await fx.syncCard(updated);
    return updated;
  });
}

/** A progress update: relayed to the customer, and it resets the 24-hour update clock. */
export function postUpdate(ctx: DeskContext, actor: Actor, caseId: string, update: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ fx, c, member, who, now }) => {
    assertOpen(c);
    if (!c.ownerId) throw deskErrors.invalidInput(`Claim case ${c.number} before posting updates`);
    const text = assertText(update, 'The update');
    const updated = await fx.change(
      c,
      who,
      'update_posted',
      {
        ...(c.status === 'agreed' ? { status: nextStatus(c.status, 'start_work', c.number) } : {}),
        lastUpdateAt: now,
        planSentAt: c.planSentAt ?? now,
        nextUpdateDueAt: new Date(now.getTime() + ctx.settings.sla.updateCadenceHours * HOUR),
      },
      { text },
    );
    await fx.tellCustomer(updated, 'progress_update', { number: c.number, text }, `case:${c.id}:update:${updated.version}`);
    await fx.cardNote(updated, `📣 ${member.name} → customer (update): ${text}`, `case:${c.id}:update:${updated.version}:note`);
    await fx.syncCard(updated);
    return updated;
  });
}

/** The explicit "reply to customer": the only way free staff text reaches the customer. */
export function replyToCustomer(ctx: DeskContext, actor: Actor, caseId: string, reply: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ fx, c, member, who, now }) => {
    const text = assertText(reply, 'The reply');
    const updated = await fx.change(c, who, 'replied_to_customer', { firstRespondedAt: c.firstRespondedAt ?? now }, { text });
    await fx.tellCustomer(updated, 'staff_reply', { number: c.number, text }, `case:${c.id}:reply:${updated.version}`);
    await fx.cardNote(updated, `✉️ ${member.name} → customer: ${text}`, `case:${c.id}:reply:${updated.version}:note`);
    await fx.syncCard(updated);
    return updated;
  });
}

/** What staff write in the card thread: kept on the case, never sent to the customer. */
export function addInternalNote(ctx: DeskContext, actor: Actor, caseId: string, note: string, platformMessageId?: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ tx, fx, c, member, who, now }) => {
    const text = assertText(note, 'The note');
    await tx.addMessage({ caseId: c.id, direction: 'internal', authorKind: 'staff', authorId: member.id, platform: actor.platform, platformMessageId: platformMessageId ?? null, text, createdAt: now });
    await fx.audit(c, who, 'internal_note', null, { text });
    return c;
  });
}

export function validateProposal(p: SolutionProposal): SolutionProposal {
  if (!SOLUTION_TYPES.includes(p.type)) throw deskErrors.invalidInput(`Unknown solution type "${p.type}"`);
  if (p.amount != null && (!Number.isFinite(p.amount) || p.amount < 0)) throw deskErrors.invalidInput('The amount must be a positive number');
  return { ...p, text: assertText(p.text, 'The solution text') };
}

/**
 * The owner proposes a solution. Above the agent's compensation limit it waits for a
 * supervisor's approval before the customer sees it.
 */
export function proposeSolution(ctx: DeskContext, actor: Actor, caseId: string, proposal: SolutionProposal): Promise<{ caseRecord: CaseRecord; solution: SolutionRecord }> {
  const p = validateProposal(proposal);
  return asStaff(ctx, actor, caseId, async ({ tx, fx, c, member, who, now }) => {
    nextStatus(c.status, 'propose_solution', c.number);
    const needsApproval = (p.amount ?? 0) > member.compensationLimit;
    const solution = await tx.insertSolution({
      caseId: c.id,
      type: p.type,
      amount: p.amount ?? null,
      currency: p.amount != null ? (p.currency ?? ctx.settings.compensation.currency) : null,
      effectiveBy: p.effectiveBy ?? null,
      text: p.text,
      status: needsApproval ? 'pending_approval' : 'offered',
      proposedBy: member.id,
      approvedBy: null,
      createdAt: now,
    });
    if (needsApproval) {
      const updated = await fx.change(c, who, 'solution_awaiting_approval', {}, { solutionId: solution.id, ...p, limit: member.compensationLimit });
      const guidance = compensationGuidance(c, ctx.settings).summary;
      const text = `💰 Case ${c.number}: ${member.name} proposes ${describeSolution(solution, 'en')} — above their limit of ${member.compensationLimit}; a supervisor must approve it on the card. Guidance: ${guidance}`;
      await fx.alertSupervisors(updated, text, `solution:${solution.id}:approval`);
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
  const decision = { kind: 'solution_decision', solutionId: s.id } as const;
  const letter = letterKindFor(s.type);
  if (letter) {
    // An apology or an explanation reaches the customer as a letter, with the same accept/reject buttons.
    const values = letterValues({ kind: letter, caseRecord: updated, customer: await tx.getCustomer(c.customerId), solution: s, details: s.text, date: now, timeZone: ctx.settings.timeZone });
    await fx.tellCustomer(updated, LETTER_TEMPLATE[letter], values, `solution:${s.id}:offer`, decision);
  } else {
    await fx.tellCustomer(updated, 'solution_offer', { number: c.number, solution: describeSolution(s, updated.language) }, `solution:${s.id}:offer`, decision);
  }
  await fx.cardNote(updated, `🧩 Solution sent to customer: ${describeSolution(s, 'en')}`, `solution:${s.id}:offer:note`);
  await fx.syncCard(updated);
  return updated;
}

export function approveSolution(ctx: DeskContext, actor: Actor, solutionId: string): Promise<CaseRecord> {
  return (async () => {
    const caseId = await ctx.store.transaction(async (tx) => (await tx.getSolution(solutionId))?.caseId);
    if (!caseId) throw deskErrors.notFound('Solution');
    return asStaff(
      ctx,
      actor,
      caseId,
      async ({ tx, fx, c, member, who, now }) => {
        const s = await tx.getSolution(solutionId);
        if (!s || s.status !== 'pending_approval') throw deskErrors.invalidInput('This solution is not waiting for approval');
        await tx.updateSolution(s.id, { status: 'offered', approvedBy: member.id, decidedAt: now });
        await fx.audit(c, who, 'solution_approved', { status: 'pending_approval' }, { status: 'offered', solutionId: s.id, approvedBy: member.id });
        return offerSolution(ctx, tx, fx, c, who, { ...s, status: 'offered', approvedBy: member.id }, now);
      },
      { supervisorOnly: true },
    );
  })();
}

/**
 * The owner marks the work done: the result goes to the customer at once, with the survey.
 * With `letter` the result is sent as an apology or explanation-and-resolution letter
 * naming the agreed solution.
 */
export async function resolveCase(ctx: DeskContext, actor: Actor, caseId: string, result: string, opts: { letter?: LetterKind } = {}): Promise<CaseRecord> {
  // Read before the transaction: PGlite has one connection, and the agreed solution cannot change once agreed.
  const agreed = opts.letter ? ((await ctx.store.listSolutions(caseId)).filter((x) => x.status === 'accepted').at(-1) ?? null) : null;
  return asStaff(ctx, actor, caseId, async ({ tx, fx, c, member, who, now }) => {
    const text = assertText(result, 'The result');
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
    await fx.tellCustomer(resolved, 'survey', { number: c.number }, `case:${c.id}:survey:${resolved.version}`, { kind: 'survey' });
    await fx.cardNote(resolved, `✅ Resolved by ${member.name}: ${text}`, `case:${c.id}:resolved:note:${resolved.version}`);
    await fx.syncCard(resolved);
    return resolved;
  });
}

export function escalateCase(ctx: DeskContext, actor: Actor, caseId: string, note?: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ fx, c, who }) => {
    assertOpen(c);
    return escalate(ctx, fx, c, who, 'manual', note);
  });
}

export function closeCase(ctx: DeskContext, actor: Actor, caseId: string): Promise<CaseRecord> {
  return asStaff(ctx, actor, caseId, async ({ fx, c, who, now }) => {
    const closed = await fx.change(c, who, 'closed', { status: nextStatus(c.status, 'close', c.number), closedAt: now });
    await fx.syncCard(closed);
    return closed;
  });
}

export function reopenCase(ctx: DeskContext, actor: Actor, caseId: string, reason: string): Promise<CaseRecord> {
  return asStaff(
    ctx,
    actor,
    caseId,
    async ({ fx, c, who, now }) => {
      const reopened = await fx.change(
        c,
        who,
        'reopened',
        { status: nextStatus(c.status, 'reopen', c.number), closedAt: null, resolvedAt: null, nextUpdateDueAt: new Date(now.getTime() + ctx.settings.sla.updateCadenceHours * HOUR) },
        { reason },
      );
      await fx.tellCustomer(reopened, 'case_reopened', { number: c.number }, `case:${c.id}:reopened:${reopened.version}`);
      await fx.syncCard(reopened);
      return reopened;
    },
    { supervisorOnly: true },
  );
}
