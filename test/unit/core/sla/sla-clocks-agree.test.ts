import { describe, expect, it } from 'vitest';
import { computeReportFigures } from '../../../../src/core/reports/report-figures.js';
import { runningClocks, shiftStaffClocks } from '../../../../src/core/sla/sla-clocks.js';
import { slaSteps } from '../../../../src/core/sla/sla-steps.js';
import { asReportRow, h, slaCase } from '../../../helpers/case-rows.js';
import { SLA } from './sla-policy.js';

const period = { start: h(-24), end: h(24 * 30), label: 'test' } as Parameters<typeof computeReportFigures>[1];

/** Clocks the steps still act on (warn, breach or a ladder rung). */
const stepClocks = (c: ReturnType<typeof slaCase>) =>
  new Set(slaSteps(c, SLA).flatMap((s) => (s.kind === 'warn' || s.kind === 'breach' ? [s.clock] : s.kind === 'update_ladder' ? ['update_cadence'] : s.kind === 'unclaimed_ladder' ? ['first_response'] : [])));

describe('the SLA clocks mean the same in steps, on the card, on resume and in reports', () => {
  it('"close" is met by resolvedAt everywhere: a resolved case that is not closed yet has no close clock left to move', () => {
    const resolved = slaCase({ status: 'resolved', resolvedAt: h(10), nextUpdateDueAt: null, awaitingCustomerSince: h(5) });
    expect(stepClocks(resolved).has('close')).toBe(false);
    expect(runningClocks(resolved).map(([name]) => name)).not.toContain('close');
    const figures = computeReportFigures({ cases: [asReportRow(resolved)], events: [], solutions: [] }, period, h(200));
    expect(figures.sla.find((s) => s.clock === 'close')).toMatchObject({ onTime: 1, breached: 0, pending: 0 });
    // Resuming after a wait must not move a deadline that was already met.
    expect(shiftStaffClocks(resolved, 3 * 3_600_000)).not.toHaveProperty('closeDueAt');
  });

  it('waiting on the customer pauses the same clocks in steps, in reports and when the clocks resume', () => {
    const paused = ['first_response', 'initial_plan', 'update_cadence', 'solution', 'close'];
    const waiting = slaCase({ awaitingCustomerSince: h(1) });

    const running = stepClocks(waiting);
    expect([...running].sort()).toEqual(['urgent_handling']);

    const figures = computeReportFigures({ cases: [asReportRow(waiting)], events: [], solutions: [] }, period, h(200));
    const pending = figures.sla.filter((s) => s.pending > 0).map((s) => s.clock);
    const breached = figures.sla.filter((s) => s.breached > 0).map((s) => s.clock);
    expect(pending.sort()).toEqual(paused.filter((p) => p !== 'update_cadence').sort());
    expect(breached).toEqual(['urgent_handling']);

    const shifted = Object.keys(shiftStaffClocks(waiting, 3_600_000)).sort();
    expect(shifted).toEqual(['closeDueAt', 'firstResponseDueAt', 'nextUpdateDueAt', 'planDueAt', 'solutionDueAt']);
  });

  it('an urgent case still runs its urgent clock while it waits on the customer: warned, then breached', () => {
    const steps = slaSteps(slaCase({ awaitingCustomerSince: h(0.5) }), SLA).filter((s) => s.kind !== 'update_ladder');
    expect(steps.map((s) => s.key)).toEqual([`warn:urgent_handling:${h(2).toISOString()}`, `breach:urgent_handling:${h(2).toISOString()}`]);
  });
});
