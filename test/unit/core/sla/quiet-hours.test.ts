import { describe, expect, it } from 'vitest';
import { loadCalendarData } from '../../../../src/config/calendar-data.js';
import { BusinessCalendar } from '../../../../src/core/calendar/business-calendar.js';
import { isQuietTime } from '../../../../src/core/sla/quiet-hours.js';

const calendar = new BusinessCalendar(loadCalendarData({ region: 'none', timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00', weekendDays: [0, 6] }));
/** A moment in Shanghai (UTC+8) on Tuesday 3 November 2026, or another day. */
const local = (hhmm: string, day = '2026-11-03') => new Date(`${day}T${hhmm}:00+08:00`);

describe('isQuietTime', () => {
  it('quiet hours across midnight: from the start (inclusive) to the end (exclusive), in the desk time zone', () => {
    const quiet = { start: '20:00', end: '09:00' };
    expect(isQuietTime(calendar, quiet, local('19:59'))).toBe(false);
    expect(isQuietTime(calendar, quiet, local('20:00'))).toBe(true);
    expect(isQuietTime(calendar, quiet, local('23:30'))).toBe(true);
    expect(isQuietTime(calendar, quiet, local('03:00'))).toBe(true);
    expect(isQuietTime(calendar, quiet, local('08:59'))).toBe(true);
    expect(isQuietTime(calendar, quiet, local('09:00'))).toBe(false);
    expect(isQuietTime(calendar, quiet, local('12:00'))).toBe(false);
  });

  it('quiet hours within one day', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(isQuietTime(calendar, lunch, local('11:59'))).toBe(false);
    expect(isQuietTime(calendar, lunch, local('12:45'))).toBe(true);
    expect(isQuietTime(calendar, lunch, local('13:30'))).toBe(false);
    expect(isQuietTime(calendar, lunch, local('23:00'))).toBe(false);
  });

  it('a day off is quiet all day; without quiet hours nothing is', () => {
    // Saturday 7 November 2026 at noon.
    expect(isQuietTime(calendar, { start: '20:00', end: '09:00' }, local('12:00', '2026-11-07'))).toBe(true);
    expect(isQuietTime(calendar, undefined, local('12:00', '2026-11-07'))).toBe(false);
    expect(isQuietTime(calendar, undefined, local('03:00'))).toBe(false);
  });
});
