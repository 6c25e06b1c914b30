import { staffText } from '../staff-text/staff-text-catalog.js';
import type { DeskContext } from './desk-settings.js';
import { deskErrors } from '../errors.js';
import type { Actor, CaseRecord, DeskTransaction } from '../ports.js';
import { nextStatus } from './case-status.js';
import { CaseEffects, type AuditActor, type StaffWords } from './case-effects.js';
import { escalate } from './escalation.js';
import { nextUpdateDueAt } from '../sla/sla-clocks.js';

/** Runs a customer's decision on their own locked case; anyone else gets not_your_case. */
async function asCustomer<T>(
  ctx: DeskContext,
  actor: Actor,
  caseId: string,
  work: (tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, who: AuditActor) => Promise<T>,
): Promise<T> {
  return ctx.store.transaction(async (tx) => {
    const c = await tx.lockCase(caseId);
    if (!c) throw deskErrors.notFound('case');
    const customer = await tx.getCustomer(c.customerId);
    if (!customer || customer.platform !== actor.platform || customer.platformUserId !== actor.userId) throw deskErrors.notYourCase(c.number);
    return work(tx, new CaseEffects(ctx, tx), c, { kind: 'customer', id: actor.userId, platform: actor.platform });
  });
}

export function respondToSolution(
  ctx: DeskContext,
  actor: Actor,
  solutionId: string,
  decision: { accept: true } | { accept: false; reason: string },
): Promise<CaseRecord> {
  return (async () => {
    const caseId = await ctx.store.transaction(async (tx) => (await tx.getSolution(solutionId))?.caseId);
    if (!caseId) throw deskErrors.notFound('solution');
    return asCustomer(ctx, actor, caseId, async (tx, fx, c, who) => {
      const s = await tx.getSolution(solutionId);
      if (!s || s.status !== 'offered') throw deskErrors.invalidInput({ reason: 'proposal_closed' });
      const now = ctx.clock.now();
      if (decision.accept) {
        await tx.updateSolution(s.id, { status: 'accepted', decidedAt: now });
        const agreed = await fx.change(c, who, 'solution_accepted', { status: nextStatus(c.status, 'accept_solution', c.number) }, { solutionId: s.id });
        await fx.tellCustomer(agreed, 'solution_accepted', { number: c.number }, `solution:${s.id}:accepted`);
        await notifyOwner(ctx, fx, agreed, `👍 Customer accepted the solution for case ${c.number}.`, `solution:${s.id}:accepted`);
        await fx.syncCard(agreed);
        return agreed;
      }
      const reason = decision.reason.trim() || '(no reason given)';
      await tx.updateSolution(s.id, { status: 'rejected', rejectionReason: reason, decidedAt: now });
      let back = await fx.change(
        c,
        who,
        'solution_rejected',
        { status: nextStatus(c.status, 'reject_solution', c.number), rejectionCount: c.rejectionCount + 1 },
        { solutionId: s.id, reason },
      );
      await fx.tellCustomer(back, 'solution_rejected', { number: c.number }, `solution:${s.id}:rejected`);
      await notifyOwner(ctx, fx, back, (l) => staffText('solution_rejected_owner', l, { number: c.number, reason }), `solution:${s.id}:rejected`);
      if (back.rejectionCount >= 2) back = await escalate(ctx, fx, back, who, 'solution_rejected_twice', reason);
      await fx.syncCard(back);
      return back;
    });
  })();
}

/** Satisfaction 1–5 closes the case; 1–2 reopens it for the supervisor instead. */
export async function submitSurvey(ctx: DeskContext, actor: Actor, caseId: string, score: number, comment?: string | null): Promise<CaseRecord> {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw deskErrors.invalidInput({ reason: 'score_range' });
  return asCustomer(ctx, actor, caseId, async (_tx, fx, c, who) => {
    if (c.satisfactionScore !== null) throw deskErrors.invalidInput({ reason: 'already_rated', number: c.number });
    if (c.status !== 'resolved') throw deskErrors.invalidInput({ reason: 'not_awaiting_rating', number: c.number });
    const now = ctx.clock.now();
    const rated = { satisfactionScore: score, satisfactionComment: comment?.trim() || null };
    if (score <= 2) {
      let reopened = await fx.change(c, who, 'survey_answered', { ...rated, status: nextStatus(c.status, 'reopen', c.number), resolvedAt: null, nextUpdateDueAt: nextUpdateDueAt(now, ctx.settings.sla) }, { reopened: true });
      await fx.tellCustomer(reopened, 'case_reopened', { number: c.number }, `case:${c.id}:survey-reopened`);
      reopened = await escalate(ctx, fx, reopened, who, 'low_satisfaction', (l) => `${staffText('score_note', l, { score })}${rated.satisfactionComment ? `: ${rated.satisfactionComment}` : ''}`);
      return reopened;
    }
    const closed = await fx.change(c, who, 'survey_answered', { ...rated, status: nextStatus(c.status, 'close', c.number), closedAt: now });
    await fx.tellCustomer(closed, 'survey_thanks', { number: c.number }, `case:${c.id}:survey-thanks`);
    await fx.cardNote(closed, (l) => staffText('note_rated', l, { score, comment: rated.satisfactionComment ? `: ${rated.satisfactionComment}` : '' }), `case:${c.id}:survey:note`);
    await fx.syncCard(closed);
    return closed;
  });
}

async function notifyOwner(ctx: DeskContext, fx: CaseEffects, c: CaseRecord, text: StaffWords, key: string): Promise<void> {
  const owner = c.ownerId ? ctx.staff.get(c.ownerId) : undefined;
  await fx.messageStaff(c, owner, text, `${key}:owner`);
  await fx.cardNote(c, text, `${key}:note`);
}
