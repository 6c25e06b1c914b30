import type { DeskContext } from './desk-settings.js';
import type { CaseRecord, DeskTransaction } from '../ports.js';
import { CaseEffects, SYSTEM } from './case-effects.js';
import { escalate } from './escalation.js';
import { routeCase } from './intake.js';
import { nextStatus } from './case-status.js';
import { formatDeadline } from '../templates/format-deadline.js';
import { slaSteps, pendingSteps, heldSteps, heldMarker, checkAt, supersedes, type SlaClock, type SlaStep } from '../sla/sla-steps.js';
import { isQuietTime } from '../sla/quiet-hours.js';
import { staffText, type StaffMessage } from '../staff-text/staff-text-catalog.js';
import { SLA_CLOCK, slaClockLabel } from '../sla/sla-clocks.js';

export interface SlaRunResult {
  caseNumber: string;
  steps: SlaStep['kind'][];
  breaches: SlaClock[];
}

/**
 * Takes every SLA step that has fallen due for one case, oldest first, inside one transaction
 * with the case row locked: the audit entries, the outbox messages and the record of the steps
 * taken commit together, so a step is taken once however many schedulers look at the case.
 */
export async function runDueSlaSteps(ctx: DeskContext, caseId: string, now: Date): Promise<SlaRunResult | null> {
  return ctx.store.transaction(async (tx) => {
    const locked = await tx.lockCase(caseId);
    if (!locked) return null;
    const run = await takeDueSteps(ctx, tx, locked, now, (c) => lastOutbound(tx, c));
    await tx.updateCase(run.c.id, { slaStepsDone: run.slaStepsDone }, run.c);
    return run.result;
  });
}

/**
 * The same for a batch of claimed cases, in one transaction: the cases locked and their last
 * outbound messages read in one statement each, the audit and outbox rows written as multi-row
 * inserts, every case's record of steps in one UPDATE — a few round trips per batch instead of
 * seven per case. Cases are worked through in the order given (due order), so their messages
 * queue in that order. One failure rolls the whole batch back; the caller then runs it case by case.
 */
export async function runDueSlaStepsBatch(ctx: DeskContext, caseIds: readonly string[], now: Date): Promise<SlaRunResult[]> {
  return ctx.store.transaction(async (tx) => {
    const byId = new Map((await tx.lockCases(caseIds)).map((c) => [c.id, c]));
    const told = await tx.lastOutboundTexts([...byId.keys()]);
    const results: SlaRunResult[] = [];
    const done: { current: CaseRecord; slaStepsDone: string[] }[] = [];
    for (const id of new Set(caseIds)) {
      const locked = byId.get(id);
      if (!locked) continue;
      // Read before the batch; a step taken earlier in this run may have told the customer something since.
      const run = await takeDueSteps(ctx, tx, locked, now, (c, tookSteps) => (tookSteps ? lastOutbound(tx, c) : Promise.resolve(told.get(c.id) ?? null)));
      done.push({ current: run.c, slaStepsDone: run.slaStepsDone });
      results.push(run.result);
    }
    await tx.updateSlaStepsDone(done);
    return results;
  });
}

/** The case's latest outbound text; `tookSteps`: this run already took a step for the case. */
type LastTold = (c: CaseRecord, tookSteps: boolean) => Promise<string | null>;

/** The due steps of one locked case: their effects are written through `tx`, the new record of steps is returned for the caller to store. */
async function takeDueSteps(ctx: DeskContext, tx: DeskTransaction, locked: CaseRecord, now: Date, lastTold: LastTold): Promise<{ c: CaseRecord; slaStepsDone: string[]; result: SlaRunResult }> {
  let c = locked;
  const held = heldSteps(c);
  const pending = pendingSteps(c, ctx.settings.sla);
  const due = pending.filter((s) => checkAt(s, held).getTime() <= now.getTime());
  const fx = new CaseEffects(ctx, tx);
  const quiet = isQuietTime(ctx.calendar, ctx.settings.sla.quietHours, now);
  // Urgent cases ignore quiet hours; everything else waits for the working day.
  const until = quiet && !c.urgent ? ctx.calendar.startOfNextWorkingPeriod(now) : null;
  const result: SlaRunResult = { caseNumber: c.number, steps: [], breaches: [] };
  const done = c.slaStepsDone.filter((k) => !k.startsWith('held:'));
  const dueKeys = new Set(due.map((s) => s.key));
  const stillHeld = c.slaStepsDone.filter((m) => m.startsWith('held:') && !dueKeys.has(m.slice(5, m.lastIndexOf('@'))));
  // A held step the case has moved past (updated, claimed, resolved) no longer exists: say so.
  const live = new Set(pending.map((s) => s.key));
  for (const key of held.keys()) if (!live.has(key)) await skipped(fx, c, key, 'case_moved_on');
  for (const [i, step] of due.entries()) {
    const wasHeld = held.has(step.key);
    // A warning that comes too late (downtime, a fast-forward) would only repeat what the
    // breach or the nudge says: record it as taken and stay quiet.
    if (step.kind === 'warn' && step.dueAt.getTime() <= now.getTime()) {
      if (wasHeld) await skipped(fx, c, step.key, 'overtaken');
      done.push(step.key);
      continue;
    }
    if (wasHeld && (due.slice(i + 1).some((later) => supersedes(later, step)) || slaSteps(c, ctx.settings.sla).some((s) => done.includes(s.key) && supersedes(s, step)))) {
      await skipped(fx, c, step.key, 'overtaken');
      done.push(step.key);
      continue;
    }
    if (until && messagesStaffOnly(step)) {
      // Nothing but a staff message: wait for the working day as a step, so that by then a
      // case that moved on (an update, a claim, an escalation) drops it instead of sending it.
      stillHeld.push(heldMarker(step.key, until));
      if (!wasHeld) await fx.audit(c, SYSTEM, 'sla_step_held', null, { step: step.kind, key: step.key, dueAt: step.at.toISOString(), until: until.toISOString() });
      continue;
    }
    // Released steps carry the time they fell due, so the outbox sends them in that order.
    fx.holdStaffMessagesUntil = until ?? (wasHeld ? step.at : null);
    const tookSteps = result.steps.length > 0;
    c = await takeStep(ctx, fx, c, step, now, (current) => lastTold(current, tookSteps));
    done.push(step.key);
    result.steps.push(step.kind);
    if (step.kind === 'breach') result.breaches.push(step.clock);
  }
  // Keep only keys of steps that still exist, so the list does not grow for ever.
  const exist = new Set(slaSteps(c, ctx.settings.sla).map((s) => s.key));
  const kept = [...new Set(done)].filter((k) => exist.has(k));
  return { c, slaStepsDone: [...kept, ...stillHeld.filter((m) => exist.has(m.slice(5, m.lastIndexOf('@'))))], result };
}

/** Steps whose only effect is a message to staff: held for quiet hours as steps. */
function messagesStaffOnly(step: SlaStep): boolean {
  return step.kind === 'warn' || ((step.kind === 'update_ladder' || step.kind === 'unclaimed_ladder') && step.rung === 1);
}

async function skipped(fx: CaseEffects, c: CaseRecord, key: string, reason: 'case_moved_on' | 'overtaken'): Promise<void> {
  await fx.audit(c, SYSTEM, 'sla_step_skipped', null, { key, reason });
}

async function takeStep(ctx: DeskContext, fx: CaseEffects, c: CaseRecord, step: SlaStep, now: Date, lastTold: (c: CaseRecord) => Promise<string | null>): Promise<CaseRecord> {
  const owner = c.ownerId ? ctx.staff.get(c.ownerId) : undefined;
  const ownerUser = owner?.identities[c.platform];
  const sla = ctx.settings.sla;
  const due = (language: Parameters<StaffMessage>[0]) => 'dueAt' in step ? formatDeadline(step.dueAt, language, ctx.settings.timeZone) : '';
  const key = `sla:${c.id}:${step.key}`;
  switch (step.kind) {
    case 'warn': {
      const text: StaffMessage = (l) => staffText('sla_warning', l, { number: c.number, clock: slaClockLabel(step.clock, l, sla), due: due(l), percent: Math.round(sla.warnAtFraction * 100) });
      if (ownerUser) await fx.messageStaff(c, owner, text, key);
      else await fx.departmentMessage(c, text, key);
      await fx.audit(c, SYSTEM, 'sla_warning', null, { clock: step.clock, dueAt: step.dueAt.toISOString() });
      return c;
    }
    case 'breach': {
      const text: StaffMessage = (l) => staffText('sla_breach', l, { number: c.number, clock: slaClockLabel(step.clock, l, sla), due: due(l) });
      await fx.messageStaff(c, owner, text, `${key}:owner`);
      await fx.departmentMessage(c, text, `${key}:channel`);
      await fx.audit(c, SYSTEM, 'sla_breached', null, { clock: step.clock, dueAt: step.dueAt.toISOString() });
      const reason = SLA_CLOCK[step.clock].onBreach;
      if (reason) return escalate(ctx, fx, c, SYSTEM, reason);
      await fx.syncCard(c);
      return c;
    }
    case 'update_ladder': {
      if (step.rung === 1) {
        const told = await lastTold(c);
        const text: StaffMessage = (l) => staffText('update_nudge', l, { number: c.number, due: due(l), last_told: told?.slice(0, 300) ?? staffText('nothing_told_yet', l) });
        await fx.messageStaff(c, owner, text, key);
        await fx.audit(c, SYSTEM, 'nudge_sent', null, { to: owner?.id ?? null, clock: 'update_cadence', dueAt: step.dueAt.toISOString() });
        return c;
      }
      const note: StaffMessage = (l) => staffText('missed_update_note', l, { due: due(l) });
      return escalate(ctx, fx, c, SYSTEM, 'missed_update', note, step.rung === 2 ? 'supervisors' : 'channel');
    }
    case 'unclaimed_ladder': {
      if (step.rung === 1) {
        await fx.departmentMessage(c, (l) => staffText('unclaimed_ping', l, { number: c.number, due: due(l) }), key);
        await fx.audit(c, SYSTEM, 'unclaimed_ping', null, { dueAt: step.dueAt.toISOString() });
        return c;
      }
      return escalate(ctx, fx, c, SYSTEM, 'unclaimed', undefined, 'supervisors');
    }
    case 'evidence_reminder': {
      const requirement = c.evidenceAskedKey ? ctx.settings.evidence.requirements[c.evidenceAskedKey] : undefined;
      const question = requirement?.question[c.language] ?? '';
      await fx.tellCustomer(c, 'evidence_reminder', { number: c.number, question }, key);
      return fx.change(c, SYSTEM, 'evidence_reminded', { evidenceRemindedAt: now }, { requirement: c.evidenceAskedKey });
    }
    case 'evidence_give_up': {
      // The case goes ahead with what it has; the card shows staff what is missing.
      const next = await fx.change(c, SYSTEM, 'evidence_given_up', { evidenceAskedKey: null, evidenceAskedAt: null }, { missing: c.evidenceAskedKey });
      await fx.tellCustomer(next, 'evidence_proceeding', { number: next.number }, key);
      if (next.status === 'awaiting_evidence') return routeCase(ctx, fx, next, SYSTEM);
      await fx.syncCard(next);
      return next;
    }
    case 'archive_unrated': {
      const closed = await fx.change(c, SYSTEM, 'closed', { status: nextStatus(c.status, 'close', c.number), closedAt: now }, { reason: 'survey window passed without a rating' });
      await fx.syncCard(closed);
      return closed;
    }
  }
}

// Read inside the transaction: PGlite has one connection, a second reader would wait on this one.
async function lastOutbound(tx: DeskTransaction, c: CaseRecord): Promise<string | null> {
  const messages = await tx.listMessages(c.id);
  return [...messages].reverse().find((m) => m.direction === 'outbound')?.text ?? null;
}
