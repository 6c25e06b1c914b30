import { describe, expect, it } from 'vitest';
import { DAY_MS, localDateString, localDateTimeString, localParts, zonedInstant } from '../../../../src/core/calendar/zoned-time.js';

describe('zoned time', () => {
  // New York and London change at 01:00–02:00; Santiago and Havana skip midnight; Gaza repeats it.
  it.each(['America/New_York', 'Europe/London', 'America/Santiago', 'America/Havana', 'Asia/Gaza'])(
    'starts every local day of 2020–2027 at its first instant in %s',
    (timeZone) => {
      const wrong: string[] = [];
      for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2028, 0, 1); t += DAY_MS) {
        const d = new Date(t);
        const date = d.toISOString().slice(0, 10);
        const start = zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone);
        if (localDateString(start, timeZone) !== date || localDateString(new Date(start.getTime() - 1), timeZone) === date) wrong.push(date);
      }
      expect(wrong).toEqual([]);
    },
  );

  it('moves a wall time a DST gap skips forward and takes the first of one that happens twice', () => {
    expect(zonedInstant(2026, 3, 8, 'America/New_York', 2, 30).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(zonedInstant(2026, 11, 1, 'America/New_York', 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z'); // EDT, not EST
    expect(localDateTimeString(zonedInstant(2026, 9, 6, 'America/Santiago'), 'America/Santiago')).toBe('2026-09-06 01:00');
  });

  it('reads wall-clock fields, weekday included, and rejects an invalid date', () => {
    expect(localParts(new Date('2026-11-23T17:30:05.250Z'), 'Asia/Shanghai')).toEqual({ year: 2026, month: 11, day: 24, hour: 1, minute: 30, second: 5, ms: 250, weekday: 2 });
    expect(() => localParts(new Date(Number.NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });
});
