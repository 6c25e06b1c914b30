import type { DeskContext } from '../desk-settings.js';
import type { CaseRecord, DeskTransaction } from '../ports.js';
import { CaseEffects, SYSTEM } from '../cases/case-effects.js';
import { escalate } from '../cases/escalation.js';
import { routeCase } from '../cases/intake.js';
import { nextStatus } from '../cases/case-status.js';
import { formatDeadline } from '../templates/format-deadline.js';
import { slaSteps, pendingSteps, type SlaClock, type SlaStep } from './sla-steps.js';
import { isQuietTime } from './quiet-hours.js';
import { staffText, type StaffMessage } from '../staff-text/staff-text-catalog.js';
import { slaClockLabel } from '../staff-text/sla-text.js';

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
    let c = await tx.lockCase(caseId);
    if (!c) return null;
    const due = pendingSteps(c, ctx.settings.sla).filter((s) => s.at.getTime() <= now.getTime());
    const fx = new CaseEffects(ctx, tx);
    const quiet = isQuietTime(ctx.calendar, ctx.settings.sla.quietHours, now);
    // Urgent cases ignore quiet hours; everything else waits for the working day.
    fx.holdStaffMessagesUntil = quiet && !c.urgent ? ctx.calendar.startOfNextWorkingPeriod(now) : null;
    const result: SlaRunResult = { caseNumber: c.number, steps: [], breaches: [] };
    const done = [...c.slaStepsDone];
    for (const step of due) {
      // A warning that comes too late (downtime, a fast-forward) would only repeat what the
      // breach or the nudge says: record it as taken and stay quiet.
      if (step.kind === 'warn' && step.dueAt.getTime() <= now.getTime()) {
        done.push(step.key);
        continue;
      }
      c = await takeStep(ctx, tx, fx, c, step, now);
      done.push(step.key);
      result.steps.push(step.kind);
      if (step.kind === 'breach') result.breaches.push(step.clock);
    }
    // Keep only keys of steps that still exist, so the list does not grow for ever.
    const live = new Set(slaSteps(c, ctx.settings.sla).map((s) => s.key));
    await tx.updateCase(c.id, { slaStepsDone: [...new Set(done)].filter((k) => live.has(k)) }, c);
    return result;
  });
}

async function takeStep(ctx: DeskContext, tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, step: SlaStep, now: Date): Promise<CaseRecord> {
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
      if (step.clock === 'close') return escalate(ctx, fx, c, SYSTEM, 'close_deadline_passed');
      if (step.clock === 'urgent_handling') return escalate(ctx, fx, c, SYSTEM, 'urgent_not_handled');
      await fx.syncCard(c);
      return c;
    }
    case 'update_ladder': {
      if (step.rung === 1) {
        const lastTold = await lastOutbound(tx, c);
        const text: StaffMessage = (l) => staffText('update_nudge', l, { number: c.number, due: due(l), last_told: lastTold?.slice(0, 300) ?? staffText('nothing_told_yet', l) });
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
