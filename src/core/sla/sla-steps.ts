import type { CaseRecord } from '../ports.js';
import { isOpen } from '../model/lifecycle.js';
import { isMet, isPaused, updateWindowStart, type SlaClockName, type SlaPolicy } from './sla-clocks.js';

const HOUR = 3_600_000;

/** The clocks the scheduler warns about and breaches; result and survey are met at resolution itself. */
export type SlaClock = Exclude<SlaClockName, 'result' | 'survey'>;

/** One thing the scheduler does for a case at a moment; `key` names it uniquely and forever. */
export type SlaStep =
  | { kind: 'warn'; clock: SlaClock; at: Date; dueAt: Date; key: string }
  | { kind: 'breach'; clock: SlaClock; at: Date; dueAt: Date; key: string }
  /** The owner's update every `updateCadenceHours`: 1 = nudge the owner, 2 = the supervisor, 3 = the escalation channel. */
  | { kind: 'update_ladder'; rung: 1 | 2 | 3; at: Date; dueAt: Date; key: string }
  /** Nobody claimed it: 1 = ping the department channel, 2 = escalate to the supervisor. */
  | { kind: 'unclaimed_ladder'; rung: 1 | 2; at: Date; dueAt: Date; key: string }
  | { kind: 'evidence_reminder'; at: Date; key: string }
  | { kind: 'evidence_give_up'; at: Date; key: string }
  /** Resolved and never rated: archive it once the survey window has passed. */
  | { kind: 'archive_unrated'; at: Date; key: string };

type CaseForSla = Omit<CaseRecord, 'id' | 'version'>;

const iso = (d: Date) => d.toISOString();
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);
const fractionOf = (start: Date, due: Date, f: number) => new Date(start.getTime() + (due.getTime() - start.getTime()) * f);

/**
 * Every step the SLA policy prescribes for a case in its current state (docs/DOMAIN.md §2, §5).
 * Keys carry the clock and its due time, so when a clock moves (an owner posts an update)
 * its new steps are new keys, and a step that was taken is never taken again.
 */
export function slaSteps(c: CaseForSla, sla: SlaPolicy): SlaStep[] {
  const steps: SlaStep[] = [];
  const open = isOpen(c.status);
  // Met and paused as SLA_CLOCKS says, so the steps, the card and the reports agree.
  const clocked = (clock: SlaClock, start: Date, due: Date | null) => {
    if (!open || !due || isMet(clock, c) || isPaused(clock, c)) return;
    steps.push({ kind: 'warn', clock, at: fractionOf(start, due, sla.warnAtFraction), dueAt: due, key: `warn:${clock}:${iso(due)}` });
    steps.push({ kind: 'breach', clock, at: due, dueAt: due, key: `breach:${clock}:${iso(due)}` });
  };
  const runs = (clock: SlaClock) => open && !isPaused(clock, c);

  // Unclaimed, the first-response deadline drives the claim ladder instead of a warning and a breach.
  if (runs('first_response') && c.ownerId === null && c.status === 'routed' && c.firstResponseDueAt) {
    const due = c.firstResponseDueAt;
    steps.push({ kind: 'unclaimed_ladder', rung: 1, at: fractionOf(c.createdAt, due, sla.warnAtFraction), dueAt: due, key: `unclaimed:1:${iso(due)}` });
    steps.push({ kind: 'unclaimed_ladder', rung: 2, at: due, dueAt: due, key: `unclaimed:2:${iso(due)}` });
  } else {
    clocked('first_response', c.createdAt, c.firstResponseDueAt);
  }
  if (c.ownerId) clocked('initial_plan', c.createdAt, c.planDueAt);
  if (c.urgent) clocked('urgent_handling', c.createdAt, c.urgentDueAt);
  if (c.ownerId) clocked('solution', c.createdAt, c.solutionDueAt);
  clocked('close', c.createdAt, c.closeDueAt);
  if (runs('update_cadence') && c.ownerId && c.nextUpdateDueAt) {
    const due = c.nextUpdateDueAt;
    const start = updateWindowStart(due, sla);
    steps.push({ kind: 'warn', clock: 'update_cadence', at: fractionOf(start, due, sla.warnAtFraction), dueAt: due, key: `warn:update_cadence:${iso(due)}` });
    steps.push({ kind: 'update_ladder', rung: 1, at: due, dueAt: due, key: `update:1:${iso(due)}` });
    steps.push({ kind: 'update_ladder', rung: 2, at: at(due, sla.nudgeGraceHours), dueAt: due, key: `update:2:${iso(due)}` });
    steps.push({ kind: 'update_ladder', rung: 3, at: at(due, 2 * sla.nudgeGraceHours), dueAt: due, key: `update:3:${iso(due)}` });
  }
  if (c.evidenceAskedKey && c.evidenceAskedAt) {
    const asked = iso(c.evidenceAskedAt);
    if (!c.evidenceRemindedAt) steps.push({ kind: 'evidence_reminder', at: at(c.evidenceAskedAt, sla.evidenceReminderHours), key: `evidence:remind:${c.evidenceAskedKey}:${asked}` });
    else steps.push({ kind: 'evidence_give_up', at: at(c.evidenceRemindedAt, sla.evidenceGiveUpHours), key: `evidence:give-up:${c.evidenceAskedKey}:${asked}` });
  }
  if (c.status === 'resolved' && c.satisfactionScore === null && c.surveyDueAt)
    steps.push({ kind: 'archive_unrated', at: c.surveyDueAt, key: `archive:${iso(c.surveyDueAt)}` });
  return steps;
}

/**
 * A step held for quiet hours is recorded in `slaStepsDone` as `held:<key>@<until>`: not taken,
 * looked at again at `until`. Only steps that do nothing but message staff are held this way.
 */
export const heldMarker = (key: string, until: Date) => `held:${key}@${iso(until)}`;

/** Held steps by key, with when they are released. */
export function heldSteps(c: Pick<CaseForSla, 'slaStepsDone'>): Map<string, Date> {
  const held = new Map<string, Date>();
  for (const m of c.slaStepsDone) {
    if (!m.startsWith('held:')) continue;
    const at = m.lastIndexOf('@');
    held.set(m.slice(5, at), new Date(m.slice(at + 1)));
  }
  return held;
}

/** When a pending step is next looked at: when it falls due, or when its hold ends. */
export function checkAt(step: SlaStep, held: Map<string, Date>): Date {
  return held.get(step.key) ?? step.at;
}

/** Steps not taken yet, in the order they fall due. */
export function pendingSteps(c: CaseForSla, sla: SlaPolicy): SlaStep[] {
  const done = new Set(c.slaStepsDone);
  return slaSteps(c, sla)
    .filter((s) => !done.has(s.key))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The indexed column the scheduler scans: the next pending step (a held one at its release), or null when nothing is left. */
export function nextSlaCheckAt(c: CaseForSla, sla: SlaPolicy): Date | null {
  const held = heldSteps(c);
  const pending = pendingSteps(c, sla);
  // A held step the case moved past is still looked at on release, to record that it was dropped.
  const times = [...pending.map((s) => checkAt(s, held).getTime()), ...[...held.values()].map((d) => d.getTime())];
  return times.length ? new Date(Math.min(...times)) : null;
}

/**
 * A later step that makes an earlier, held one moot: the breach of the same deadline after its
 * warning, the next rung of the same ladder after its first.
 */
export function supersedes(later: SlaStep, earlier: SlaStep): boolean {
  if (!('dueAt' in later) || !('dueAt' in earlier) || later.dueAt.getTime() !== earlier.dueAt.getTime()) return false;
  if (earlier.kind === 'warn') return later.kind === 'breach' ? later.clock === earlier.clock : earlier.clock === 'update_cadence' && later.kind === 'update_ladder';
  if (earlier.kind === 'update_ladder') return later.kind === 'update_ladder' && later.rung > earlier.rung;
  if (earlier.kind === 'unclaimed_ladder') return later.kind === 'unclaimed_ladder' && later.rung > earlier.rung;
  return false;
}
