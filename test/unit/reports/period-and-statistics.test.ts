import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDateTimeString, zonedInstant } from '../../../src/core/calendar/zoned-time.js';
import { isoWeekLabel, monthPeriod, previousMonth, previousWeek, rangePeriod, weekPeriod } from '../../../src/core/reports/period.js';
import { countBy, distribution, quantile } from '../../../src/core/reports/statistics.js';

describe('quantiles (linear interpolation, as Excel PERCENTILE.INC)', () => {
  it('matches hand-computed values', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    // rank 0.9 × 9 = 8.1 → 9 + 0.1 × (10 − 9)
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile([1, 2, 5, 10, 48], 0.9)).toBeCloseTo(32.8, 12);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });

  it('summarises and counts', () => {
    expect(distribution([2, 4, 6])).toEqual({ count: 3, median: 4, p90: 5.6, mean: 4 });
    expect(distribution([])).toEqual({ count: 0, median: null, p90: null, mean: null });
    expect(countBy(['b', 'a', 'b', 'c'], (x) => x)).toEqual([
      { key: 'b', count: 2 },
      { key: 'a', count: 1 },
      { key: 'c', count: 1 },
    ]);
  });
});

describe('report periods in the desk time zone', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs a month from local midnight to local midnight', () => {
    const p = monthPeriod('2026-11', 'Asia/Shanghai');
    expect(p.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthPeriod('2026-12', 'Asia/Shanghai').end.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('follows daylight saving time where the zone has it', () => {
    const p = monthPeriod('2026-03', 'America/New_York');
    expect(p.start.toISOString()).toBe('2026-03-01T05:00:00.000Z'); // EST
    expect(p.end.toISOString()).toBe('2026-04-01T04:00:00.000Z'); // EDT
    expect(zonedInstant(2026, 11, 1, 'America/New_York', 12).toISOString()).toBe('2026-11-01T17:00:00.000Z');
  });

  it('runs a week across the spring change in Europe/London', () => {
    const w = weekPeriod('2026-W13', 'Europe/London'); // clocks go forward on Sunday 29 March
    expect(w.start.toISOString()).toBe('2026-03-23T00:00:00.000Z'); // GMT
    expect(w.end.toISOString()).toBe('2026-03-29T23:00:00.000Z'); // BST
    expect(monthPeriod('2026-10', 'Europe/London').end.toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('starts a day whose midnight daylight saving time skips at its first instant, not an hour before', () => {
    // America/Santiago goes from 00:00 −04 straight to 01:00 −03 on 6 September 2026.
    const sunday = rangePeriod('2026-09-06', '2026-09-06', 'America/Santiago');
    expect(sunday.start.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    expect(localDateTimeString(sunday.start, 'America/Santiago')).toBe('2026-09-06 01:00');
    // The week before keeps its last hour: a case at 23:30 on Saturday 5 September is in it.
    const before = rangePeriod('2026-09-01', '2026-09-05', 'America/Santiago');
    expect(before.end.toISOString()).toBe('2026-09-06T04:00:00.000Z');
    // America/Havana skips midnight too (second Sunday of March).
    expect(rangePeriod('2026-03-08', '2026-03-08', 'America/Havana').start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it("reads an ICU '24' for midnight as 00", () => {
    const real = Intl.DateTimeFormat.prototype.formatToParts;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts').mockImplementation(function (this: Intl.DateTimeFormat, date) {
      return real.call(this, date).map((p) => (p.type === 'hour' && p.value.replace(/^0+/, '') === '' ? { ...p, value: '24' } : p));
    });
    const p = monthPeriod('2026-02', 'America/Chicago');
    expect(p.start.toISOString()).toBe('2026-02-01T06:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-03-01T06:00:00.000Z');
  });

  it('reads ISO weeks, including a 53-week year', () => {
    const w = weekPeriod('2026-W48', 'Asia/Shanghai');
    expect(localDateTimeString(w.start, 'Asia/Shanghai')).toBe('2026-11-23 00:00');
    expect(localDateTimeString(w.end, 'Asia/Shanghai')).toBe('2026-11-30 00:00');
    expect(localDateTimeString(weekPeriod('2026-W53', 'Asia/Shanghai').start, 'Asia/Shanghai')).toBe('2026-12-28 00:00');
    expect(localDateTimeString(weekPeriod('2027-W01', 'Asia/Shanghai').start, 'Asia/Shanghai')).toBe('2027-01-04 00:00');
    expect(() => weekPeriod('2027-W53', 'Asia/Shanghai')).toThrow(RangeError);
    expect(isoWeekLabel(new Date('2027-01-01T04:00:00Z'), 'Asia/Shanghai')).toBe('2026-W53');
  });

  it('picks the previous complete week and month for the 09:00 runs', () => {
    const monday9 = new Date('2026-11-30T01:00:00Z'); // Monday 30 Nov, 09:00 Shanghai
    expect(previousWeek(monday9, 'Asia/Shanghai').label).toBe('2026-W48');
    // Late Sunday evening UTC is already Monday in Shanghai.
    expect(previousWeek(new Date('2026-11-29T17:00:00Z'), 'Asia/Shanghai').label).toBe('2026-W48');
    expect(previousMonth(new Date('2026-12-01T01:00:00Z'), 'Asia/Shanghai').label).toBe('2026-11');
    expect(previousMonth(new Date('2027-01-01T01:00:00Z'), 'Asia/Shanghai').label).toBe('2026-12');
  });

  it('treats --from/--to as inclusive local dates and rejects nonsense', () => {
    const r = rangePeriod('2026-11-01', '2026-11-30', 'Asia/Shanghai');
    expect(r.start.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(r.end.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(() => rangePeriod('2026-11-31', '2026-12-01', 'Asia/Shanghai')).toThrow(/not a calendar date/);
    expect(() => rangePeriod('2026-12-02', '2026-12-01', 'Asia/Shanghai')).toThrow(/before/);
    expect(() => monthPeriod('2026-13', 'Asia/Shanghai')).toThrow(RangeError);
  });
});
