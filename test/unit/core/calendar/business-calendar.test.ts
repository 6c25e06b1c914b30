import { describe, expect, it } from 'vitest';
import { BusinessCalendar, type CalendarData } from '../../../../src/core/calendar/business-calendar.js';
import { loadCalendarData } from '../../../../src/config/calendar-data.js';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();
/** Working time is when startOfNextWorkingPeriod (what quiet hours release at) is the moment itself. */
const isWorkingTime = (cal: BusinessCalendar, t: Date) => cal.startOfNextWorkingPeriod(t).getTime() === t.getTime();

/** The official mainland-China calendar from chinese-days, 09:00–18:00 Asia/Shanghai (UTC+8, no DST). */
const shanghai = new BusinessCalendar(loadCalendarData({ region: 'CN', timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' }));

function data(over: Partial<CalendarData> = {}): CalendarData {
  return {
    timeZone: 'Asia/Shanghai',
    workdayStart: '09:00',
    workdayEnd: '18:00',
    weekendDays: [0, 6],
    holidays: new Set(),
    makeupWorkdays: new Set(),
    ...over,
  };
}

describe('addWorkingDays — ordinary weeks (Asia/Shanghai)', () => {
  it('Friday afternoon + 1 working day is Monday, same time', () => {
    // Fri 2026-11-20 15:00 local
    expect(iso(shanghai.addWorkingDays(at('2026-11-20T07:00:00Z'), 1))).toBe('2026-11-23T07:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2026-11-20T07:00:00Z'), 5))).toBe('2026-11-27T07:00:00.000Z');
  });

  it('keeps seconds and milliseconds', () => {
    expect(iso(shanghai.addWorkingDays(at('2026-11-23T02:03:04.567Z'), 1))).toBe('2026-11-24T02:03:04.567Z');
  });

  it('a Saturday complaint starts on Monday 09:00', () => {
    // Sat 2026-11-21 11:00 local
    expect(iso(shanghai.startOfNextWorkingPeriod(at('2026-11-21T03:00:00Z')))).toBe('2026-11-23T01:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2026-11-21T03:00:00Z'), 0))).toBe('2026-11-23T01:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2026-11-21T03:00:00Z'), 1))).toBe('2026-11-24T01:00:00.000Z');
    // Sun 2026-11-22 23:00 local
    expect(iso(shanghai.addWorkingDays(at('2026-11-22T15:00:00Z'), 1))).toBe('2026-11-24T01:00:00.000Z');
  });

  it('after hours rolls to the next working morning', () => {
    // Mon 2026-11-23 20:00 local → starts Tue 09:00 → 3 working days → Fri 09:00
    expect(iso(shanghai.addWorkingDays(at('2026-11-23T12:00:00Z'), 3))).toBe('2026-11-27T01:00:00.000Z');
    // exactly 18:00 is after hours
    expect(iso(shanghai.addWorkingDays(at('2026-11-23T10:00:00Z'), 1))).toBe('2026-11-25T01:00:00.000Z');
    // 17:59:59.500 is still working time
    expect(iso(shanghai.addWorkingDays(at('2026-11-23T09:59:59.500Z'), 1))).toBe('2026-11-24T09:59:59.500Z');
    // Fri 2026-11-20 19:00 local → starts Mon 09:00 → Tue 09:00
    expect(iso(shanghai.addWorkingDays(at('2026-11-20T11:00:00Z'), 1))).toBe('2026-11-24T01:00:00.000Z');
  });

  it('before opening on a working day, the clock starts at opening time', () => {
    // Tue 2026-11-24 07:00 local → starts 09:00 → Wed 09:00
    expect(iso(shanghai.addWorkingDays(at('2026-11-23T23:00:00Z'), 1))).toBe('2026-11-25T01:00:00.000Z');
    // …while the next working period is that morning
    expect(iso(shanghai.startOfNextWorkingPeriod(at('2026-11-23T23:00:00Z')))).toBe('2026-11-24T01:00:00.000Z');
  });

  it('0 working days during working time is the moment itself', () => {
    expect(iso(shanghai.addWorkingDays(at('2026-11-23T02:00:00Z'), 0))).toBe('2026-11-23T02:00:00.000Z');
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => shanghai.addWorkingDays(at('2026-11-23T02:00:00Z'), -1)).toThrow(RangeError);
    expect(() => shanghai.addWorkingDays(at('2026-11-23T02:00:00Z'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays — official 2026 holidays and make-up days (chinese-days)', () => {
  it('skips the National Day week (2026-10-01 … 10-07)', () => {
    // Wed 2026-09-30 10:00 local → Thu 2026-10-08 10:00
    expect(iso(shanghai.addWorkingDays(at('2026-09-30T02:00:00Z'), 1))).toBe('2026-10-08T02:00:00.000Z');
    // after hours on the last day before the break: starts Thu 10-08 09:00 → Fri 10-09 09:00
    expect(iso(shanghai.addWorkingDays(at('2026-09-30T12:00:00Z'), 1))).toBe('2026-10-09T01:00:00.000Z');
    // sent during the holiday: the clock starts when work resumes
    expect(iso(shanghai.startOfNextWorkingPeriod(at('2026-10-03T04:00:00Z')))).toBe('2026-10-08T01:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2026-10-01T02:00:00Z'), 1))).toBe('2026-10-09T01:00:00.000Z');
  });

  it('counts the make-up Saturday 2026-10-10 as a working day', () => {
    expect(shanghai.isWorkingDay('2026-10-10')).toBe(true);
    expect(shanghai.isWorkingDay('2026-10-03')).toBe(false);
    // Fri 2026-10-09 10:00 → Sat 2026-10-10 10:00
    expect(iso(shanghai.addWorkingDays(at('2026-10-09T02:00:00Z'), 1))).toBe('2026-10-10T02:00:00.000Z');
    // Wed 09-30 10:00 + 3 → Thu 10-08, Fri 10-09, Sat 10-10
    expect(iso(shanghai.addWorkingDays(at('2026-09-30T02:00:00Z'), 3))).toBe('2026-10-10T02:00:00.000Z');
    expect(isWorkingTime(shanghai, at('2026-10-10T02:00:00Z'))).toBe(true);
  });

  it('counts the make-up Sunday 2026-09-20 and skips Mid-autumn (2026-09-25 … 27)', () => {
    // Sat 2026-09-19 12:00 → the clock starts Sun 09-20 09:00
    expect(iso(shanghai.startOfNextWorkingPeriod(at('2026-09-19T04:00:00Z')))).toBe('2026-09-20T01:00:00.000Z');
    // Thu 09-24 10:00 + 1 → Fri 25 holiday, weekend holiday → Mon 09-28 10:00
    expect(iso(shanghai.addWorkingDays(at('2026-09-24T02:00:00Z'), 1))).toBe('2026-09-28T02:00:00.000Z');
  });

  it('skips the Spring Festival break (2026-02-15 … 02-23) and works the make-up Saturdays 02-14 and 02-28', () => {
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-21', '2026-02-23']) expect(shanghai.isWorkingDay(d), d).toBe(false);
    for (const d of ['2026-02-13', '2026-02-14', '2026-02-24', '2026-02-28']) expect(shanghai.isWorkingDay(d), d).toBe(true);
    // Fri 02-13 10:00 + 1 → Sat 02-14 10:00; + 2 → Tue 02-24 10:00
    expect(iso(shanghai.addWorkingDays(at('2026-02-13T02:00:00Z'), 1))).toBe('2026-02-14T02:00:00.000Z');
    expect(iso(shanghai.addWorkingDays(at('2026-02-13T02:00:00Z'), 2))).toBe('2026-02-24T02:00:00.000Z');
    // Fri 02-27 17:00 + 1 → Sat 02-28 17:00
    expect(iso(shanghai.addWorkingDays(at('2026-02-27T09:00:00Z'), 1))).toBe('2026-02-28T09:00:00.000Z');
  });
});

describe('local dates across midnight (Asia/Shanghai is UTC+8)', () => {
  it('2026-11-23T17:30Z is already Tuesday 2026-11-24 01:30 local', () => {
    const t = at('2026-11-23T17:30:00Z');
    expect(shanghai.localDate(t)).toBe('2026-11-24');
    expect(shanghai.minutesOfDay(t)).toBe(90);
    expect(isWorkingTime(shanghai, t)).toBe(false);
    expect(iso(shanghai.startOfNextWorkingPeriod(t))).toBe('2026-11-24T01:00:00.000Z');
    // a working day, before opening: the clock starts at 09:00, so due Wed 2026-11-25 09:00 local
    expect(iso(shanghai.addWorkingDays(t, 1))).toBe('2026-11-25T01:00:00.000Z');
  });

  it('local midnight is the date boundary, not UTC midnight', () => {
    expect(shanghai.localDate(at('2026-11-23T15:59:59.999Z'))).toBe('2026-11-23');
    expect(shanghai.localDate(at('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('a Friday-evening UTC time is already Saturday local: the clock starts Monday', () => {
    // 2026-11-20T17:30Z = Sat 2026-11-21 01:30 local
    expect(iso(shanghai.addWorkingDays(at('2026-11-20T17:30:00Z'), 1))).toBe('2026-11-24T01:00:00.000Z');
  });

  it('a UTC time on 30 September is already the National Day holiday locally', () => {
    // 2026-09-30T16:30Z = Thu 2026-10-01 00:30 local → starts Thu 10-08 09:00 → Fri 10-09 09:00
    expect(shanghai.localDate(at('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(iso(shanghai.addWorkingDays(at('2026-09-30T16:30:00Z'), 1))).toBe('2026-10-09T01:00:00.000Z');
  });

  it('works in a half-hour zone (Asia/Kolkata, UTC+5:30)', () => {
    const kolkata = new BusinessCalendar(data({ timeZone: 'Asia/Kolkata' }));
    // 2026-11-20T19:00Z = Sat 00:30 IST → Mon 09:00 IST (03:30Z) → Tue 09:00 IST
    expect(kolkata.localDate(at('2026-11-20T19:00:00Z'))).toBe('2026-11-21');
    expect(iso(kolkata.addWorkingDays(at('2026-11-20T19:00:00Z'), 1))).toBe('2026-11-24T03:30:00.000Z');
  });
});

describe('daylight saving time (America/New_York)', () => {
  const ny = new BusinessCalendar(data({ timeZone: 'America/New_York', workdayStart: '09:00', workdayEnd: '17:00' }));

  it('keeps wall-clock time across spring forward (2026-03-08)', () => {
    // Fri 2026-03-06 10:00 EST (15:00Z) → Mon 2026-03-09 10:00 EDT (14:00Z)
    expect(iso(ny.addWorkingDays(at('2026-03-06T15:00:00Z'), 1))).toBe('2026-03-09T14:00:00.000Z');
    // Sat 2026-03-07 → Mon 09:00 EDT
    expect(iso(ny.startOfNextWorkingPeriod(at('2026-03-07T17:00:00Z')))).toBe('2026-03-09T13:00:00.000Z');
    expect(iso(ny.addWorkingDays(at('2026-03-07T17:00:00Z'), 1))).toBe('2026-03-10T13:00:00.000Z');
  });

  it('keeps wall-clock time across fall back (2026-11-01)', () => {
    // Fri 2026-10-30 10:00 EDT (14:00Z) → Mon 2026-11-02 10:00 EST (15:00Z)
    expect(iso(ny.addWorkingDays(at('2026-10-30T14:00:00Z'), 1))).toBe('2026-11-02T15:00:00.000Z');
    // Fri 2026-10-30 20:00 EDT is after hours → Mon 09:00 EST → Tue 09:00 EST
    expect(iso(ny.addWorkingDays(at('2026-10-31T00:00:00Z'), 1))).toBe('2026-11-03T14:00:00.000Z');
  });

  it('knows the local date and working time on both sides of the change', () => {
    expect(ny.localDate(at('2026-03-09T03:59:00Z'))).toBe('2026-03-08');
    expect(ny.localDate(at('2026-03-09T04:00:00Z'))).toBe('2026-03-09');
    expect(isWorkingTime(ny, at('2026-03-09T13:00:00Z'))).toBe(true); // Mon 09:00 EDT
    expect(isWorkingTime(ny, at('2026-03-09T12:59:59Z'))).toBe(false);
  });

  it('a wall time that does not exist moves forward; one that happens twice takes the first', () => {
    const everyDay = (workdayStart: string) =>
      new BusinessCalendar(data({ timeZone: 'America/New_York', workdayStart, workdayEnd: '23:00', weekendDays: [] }));
    // 2026-03-08 02:30 does not exist → 03:30 EDT
    expect(iso(everyDay('02:30').startOfNextWorkingPeriod(at('2026-03-08T04:00:00Z')))).toBe('2026-03-08T07:30:00.000Z');
    // Sat 2026-03-07 02:30 EST + 1 working day → Sun 02:30 (missing) → 03:30 EDT
    expect(iso(everyDay('00:00').addWorkingDays(at('2026-03-07T07:30:00Z'), 1))).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and 06:30Z (EST) → first
    expect(iso(everyDay('01:30').startOfNextWorkingPeriod(at('2026-11-01T04:30:00Z')))).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('working days and working time', () => {
  it('weekends are off, make-up days win over weekends and holidays', () => {
    const cal = new BusinessCalendar(data({ holidays: new Set(['2026-11-25', '2026-11-28']), makeupWorkdays: new Set(['2026-11-28', '2026-11-29']) }));
    expect(cal.isWorkingDay('2026-11-23')).toBe(true); // Mon
    expect(cal.isWorkingDay('2026-11-25')).toBe(false); // Wed holiday
    expect(cal.isWorkingDay('2026-11-28')).toBe(true); // Sat, both lists: make-up wins
    expect(cal.isWorkingDay('2026-11-29')).toBe(true); // Sun make-up
    expect(cal.isWorkingDay('2026-12-05')).toBe(false); // Sat
  });

  it('honours other weekends (Friday–Saturday)', () => {
    const cal = new BusinessCalendar(data({ weekendDays: [5, 6] }));
    expect(cal.isWorkingDay('2026-11-20')).toBe(false); // Fri
    expect(cal.isWorkingDay('2026-11-22')).toBe(true); // Sun
    // Thu 2026-11-19 10:00 + 1 → Sun 2026-11-22 10:00
    expect(iso(cal.addWorkingDays(at('2026-11-19T02:00:00Z'), 1))).toBe('2026-11-22T02:00:00.000Z');
  });

  it('working time is [workdayStart, workdayEnd) on working days', () => {
    expect(isWorkingTime(shanghai, at('2026-11-23T01:00:00Z'))).toBe(true); // Mon 09:00
    expect(isWorkingTime(shanghai, at('2026-11-23T00:59:59Z'))).toBe(false);
    expect(isWorkingTime(shanghai, at('2026-11-23T09:59:59Z'))).toBe(true); // 17:59:59
    expect(isWorkingTime(shanghai, at('2026-11-23T10:00:00Z'))).toBe(false); // 18:00
    expect(isWorkingTime(shanghai, at('2026-11-21T03:00:00Z'))).toBe(false); // Sat 11:00
    expect(isWorkingTime(shanghai, at('2026-10-02T03:00:00Z'))).toBe(false); // National Day
  });

  it('startOfNextWorkingPeriod returns the moment itself during working time', () => {
    expect(iso(shanghai.startOfNextWorkingPeriod(at('2026-11-23T02:00:00Z')))).toBe('2026-11-23T02:00:00.000Z');
    expect(iso(shanghai.startOfNextWorkingPeriod(at('2026-11-23T10:00:00Z')))).toBe('2026-11-24T01:00:00.000Z');
  });

  it('rejects malformed dates', () => {
    expect(() => shanghai.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => shanghai.isWorkingDay('2026-02-30')).toThrow(RangeError);
  });
});

describe('configuration checks', () => {
  it('rejects broken hours, zones and weekends', () => {
    expect(() => new BusinessCalendar(data({ workdayStart: '9:00' }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(data({ workdayStart: '18:00', workdayEnd: '09:00' }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(data({ workdayEnd: '24:00' }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(data({ timeZone: 'Mars/Olympus_Mons' }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(data({ weekendDays: [7] }))).toThrow(RangeError);
    expect(() => new BusinessCalendar(data({ weekendDays: [0, 1, 2, 3, 4, 5, 6] }))).toThrow(RangeError);
  });

  it('exposes its time zone', () => {
    expect(shanghai.timeZone).toBe('Asia/Shanghai');
  });
});
