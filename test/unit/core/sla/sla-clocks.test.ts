import { describe, expect, it } from 'vitest';
import { CLOCK_LABELS } from '../../../../src/core/reports/labels.js';
import { REPORT_CLOCK_FIELDS } from '../../../../src/core/reports/report-figures.js';
import {
  DEADLINE_CLOCKS,
  isMet,
  isPaused,
  nextUpdateDueAt,
  runningClocks,
  SLA_CLOCK,
  SLA_CLOCKS,
  shiftStaffClocks,
  slaClockLabel,
  updateWindowStart,
} from '../../../../src/core/sla/sla-clocks.js';
import { LANGUAGES } from '../../../../src/core/triage/types.js';
import { h, HOUR, slaCase } from '../../../helpers/case-rows.js';
import { SLA } from './sla-policy.js';

describe('SLA_CLOCKS, the one clock table', () => {
  it('holds each clock once, with the due and met fields of docs/DOMAIN.md §2', () => {
    expect(SLA_CLOCKS.map((c) => c.name)).toEqual(['first_response', 'initial_plan', 'urgent_handling', 'update_cadence', 'solution', 'close', 'result', 'survey']);
    expect(Object.fromEntries(SLA_CLOCKS.map((c) => [c.name, [c.due, c.met]]))).toEqual({
      first_response: ['firstResponseDueAt', 'firstRespondedAt'],
      initial_plan: ['planDueAt', 'planSentAt'],
      urgent_handling: ['urgentDueAt', 'firstRespondedAt'],
      update_cadence: ['nextUpdateDueAt', null],
      solution: ['solutionDueAt', 'solutionProposedAt'],
      // Resolution, not archiving, meets the close clock.
      close: ['closeDueAt', 'resolvedAt'],
      result: ['resultDueAt', 'resultDeliveredAt'],
      survey: ['surveyDueAt', 'surveySentAt'],
    });
    expect(DEADLINE_CLOCKS.map((c) => c.name)).not.toContain('update_cadence');
    for (const c of SLA_CLOCKS) expect(SLA_CLOCK[c.name]).toBe(c);
  });

  it('pauses the staff clocks while the case waits on the customer, never the urgent one', () => {
    const paused = SLA_CLOCKS.filter((c) => c.pausesWhileAwaitingCustomer).map((c) => c.name);
    expect(paused).toEqual(['first_response', 'initial_plan', 'update_cadence', 'solution', 'close']);
    const waiting = slaCase({ awaitingCustomerSince: h(1) });
    expect(isPaused('close', waiting)).toBe(true);
    expect(isPaused('urgent_handling', waiting)).toBe(false);
    expect(isPaused('close', slaCase())).toBe(false);
  });

  it('escalates on a breach of the close and urgent clocks only', () => {
    expect(Object.fromEntries(SLA_CLOCKS.filter((c) => c.onBreach).map((c) => [c.name, c.onBreach]))).toEqual({ urgent_handling: 'urgent_not_handled', close: 'close_deadline_passed' });
  });

  it('labels every clock in every language with the configured hours, never hard-coded ones', () => {
    const changed = { ...SLA, urgentHandlingHours: 3, updateCadenceHours: 8 };
    for (const language of LANGUAGES) for (const c of SLA_CLOCKS) expect(slaClockLabel(c.name, language, changed)).not.toMatch(/\{|_|\b(2|24) ?(h|小)/);
    expect(slaClockLabel('urgent_handling', 'en', changed)).toContain('3 h');
    expect(slaClockLabel('update_cadence', 'en', changed)).toBe('8-hour progress update');
  });

  it('gives reports a heading and a column for every clock of the table', () => {
    expect(Object.keys(CLOCK_LABELS).sort()).toEqual(SLA_CLOCKS.map((c) => c.name).sort());
    for (const c of DEADLINE_CLOCKS) expect(REPORT_CLOCK_FIELDS).toEqual(expect.arrayContaining([c.due, c.met]));
  });

  it('meets a clock by its met field; the cadence is never met, only moved', () => {
    expect(isMet('close', slaCase({ resolvedAt: h(5) }))).toBe(true);
    expect(isMet('close', slaCase({ closedAt: h(5) }))).toBe(false);
    expect(isMet('update_cadence', slaCase({ lastUpdateAt: h(5) }))).toBe(false);
  });

  it('shifts exactly the unmet pausing clocks on resume, and shows the cadence only while open', () => {
    const c = slaCase({ planSentAt: h(3) });
    const patch = shiftStaffClocks(c, 2 * HOUR);
    expect(patch).toEqual({ firstResponseDueAt: h(26), nextUpdateDueAt: h(26), solutionDueAt: h(74), closeDueAt: h(74) });
    expect(shiftStaffClocks(c, 0)).toEqual({});
    const resolved = slaCase({ status: 'resolved', resolvedAt: h(10), resultDueAt: h(30), resultDeliveredAt: h(10), surveyDueAt: h(80) });
    expect(runningClocks(resolved).map(([n]) => n)).toEqual(['urgent_handling', 'first_response', 'initial_plan', 'solution', 'survey']);
  });
});

describe('the update cadence', () => {
  it('is due the configured hours after the moment that sets it, and its window starts there again', () => {
    expect(nextUpdateDueAt(h(5), SLA)).toEqual(h(29));
    expect(nextUpdateDueAt(h(5), { updateCadenceHours: 8 })).toEqual(h(13));
    expect(updateWindowStart(nextUpdateDueAt(h(5), SLA), SLA)).toEqual(h(5));
  });
});
