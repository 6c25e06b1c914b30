import { describe, expect, it } from 'vitest';
import { heldMarker, nextSlaCheckAt, pendingSteps, slaSteps, supersedes, type SlaStep } from '../../../../src/core/sla/sla-steps.js';
import { h, slaCase } from '../../../helpers/case-rows.js';
import { SLA } from './sla-policy.js';

/** Steps as `kind:at-in-hours-after-T0`, easy to read in a failure. */
const brief = (steps: SlaStep[]) => steps.map((s) => `${s.key.split(':').slice(0, 2).join(':')}@${(s.at.getTime() - h(0).getTime()) / 3_600_000}`);

describe('slaSteps, the pure step function', () => {
  it('warns at the warning fraction of each running deadline and breaches at it; the update ladder climbs every grace period', () => {
    expect(brief(slaSteps(slaCase(), SLA))).toEqual([
      'warn:first_response@18',
      'breach:first_response@24',
      'warn:initial_plan@18',
      'breach:initial_plan@24',
      'warn:urgent_handling@1.5',
      'breach:urgent_handling@2',
      'warn:solution@54',
      'breach:solution@72',
      'warn:close@54',
      'breach:close@72',
      'warn:update_cadence@18',
      'update:1@24',
      'update:2@28',
      'update:3@32',
    ]);
  });

  it('an unclaimed routed case climbs the claim ladder instead of warning on first response, and owner clocks do not run', () => {
    const steps = slaSteps(slaCase({ ownerId: null, status: 'routed', urgent: false }), SLA);
    expect(brief(steps)).toEqual(['unclaimed:1@18', 'unclaimed:2@24', 'warn:close@54', 'breach:close@72']);
  });

  it('a met clock has no steps; a case waiting on the customer pauses the clocks that pause, not urgent handling', () => {
    expect(brief(slaSteps(slaCase({ planSentAt: h(1), firstRespondedAt: h(1) }), SLA)).some((s) => /initial_plan|first_response|urgent/.test(s))).toBe(false);
    const waiting = brief(slaSteps(slaCase({ awaitingCustomerSince: h(1) }), SLA));
    expect(waiting).toEqual(['warn:urgent_handling@1.5', 'breach:urgent_handling@2']);
  });

  it('a closed case has none; a resolved, unrated one is archived when the survey window ends', () => {
    expect(slaSteps(slaCase({ status: 'closed' }), SLA)).toEqual([]);
    expect(brief(slaSteps(slaCase({ status: 'resolved', resolvedAt: h(5), surveyDueAt: h(80) }), SLA))).toEqual(['archive:2026-11-05T10@80']);
  });

  it('asks for evidence once, reminds after the reminder hours, gives up after the give-up hours', () => {
    const asked = slaCase({ evidenceAskedKey: 'photo', evidenceAskedAt: h(0), awaitingCustomerSince: h(0), urgent: false });
    expect(brief(slaSteps(asked, SLA))).toEqual(['evidence:remind@24']);
    expect(brief(slaSteps({ ...asked, evidenceRemindedAt: h(24) }, SLA))).toEqual(['evidence:give-up@72']);
  });

  it('keys carry the due time, so a moved deadline gives new steps and a taken one is never taken again', () => {
    const c = slaCase({ urgent: false });
    const done = slaSteps(c, SLA).map((s) => s.key);
    expect(pendingSteps({ ...c, slaStepsDone: done }, SLA)).toEqual([]);
    const moved = pendingSteps({ ...c, slaStepsDone: done, nextUpdateDueAt: h(48) }, SLA);
    expect(moved.map((s) => s.key)).toEqual(['warn:update_cadence', 'update:1', 'update:2', 'update:3'].map((k) => `${k}:2026-11-04T02:00:00.000Z`));
  });

  it('the next check is the earliest pending step, or a held step at its release', () => {
    const c = slaCase();
    expect(nextSlaCheckAt(c, SLA)).toEqual(h(1.5));
    const warn = slaSteps(c, SLA).find((s) => s.key.startsWith('warn:urgent_handling'))!;
    const rest = slaSteps(c, SLA).filter((s) => s.at > h(2)).map((s) => s.key);
    const breach = slaSteps(c, SLA).find((s) => s.key.startsWith('breach:urgent_handling'))!;
    expect(nextSlaCheckAt({ ...c, slaStepsDone: [heldMarker(warn.key, h(7)), breach.key, ...rest] }, SLA)).toEqual(h(7));
    expect(nextSlaCheckAt({ ...c, slaStepsDone: slaSteps(c, SLA).map((s) => s.key) }, SLA)).toBeNull();
  });

  it('a breach supersedes its own warning and a higher rung its lower one, never across deadlines', () => {
    const steps = slaSteps(slaCase(), SLA);
    const key = (k: string) => steps.find((s) => s.key.startsWith(k))!;
    expect(supersedes(key('breach:close'), key('warn:close'))).toBe(true);
    expect(supersedes(key('update:1'), key('warn:update_cadence'))).toBe(true);
    expect(supersedes(key('update:3'), key('update:2'))).toBe(true);
    expect(supersedes(key('update:2'), key('update:3'))).toBe(false);
    expect(supersedes(key('breach:solution'), key('warn:close'))).toBe(false);
  });
});
