import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../../src/core/calendar/business-calendar.js';
import { loadCalendarData } from '../../../../src/config/calendar-data.js';

const shanghai = new BusinessCalendar(loadCalendarData({ region: 'CN', timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' }));
const at = (iso: string) => new Date(iso);

describe('BusinessCalendar (Asia/Shanghai, official 2026 calendar)', () => {
  it('adds a working day from Friday afternoon to Monday, same time', () => {
    // Fri 2026-11-20 15:00 local
    expect(shanghai.addWorkingDays(at('2026-11-20T07:00:00Z'), 1).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('starts a weekend complaint at Monday 09:00', () => {
    // Sat 2026-11-21 11:00 local → clock starts Mon 09:00 → due Tue 09:00
    expect(shanghai.addWorkingDays(at('2026-11-21T03:00:00Z'), 1).toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('skips the National Day holiday week', () => {
    // Wed 2026-09-30 10:00 local; Oct 1–7 are holidays; Thu Oct 8 is a working day
    expect(shanghai.addWorkingDays(at('2026-09-30T02:00:00Z'), 1).toISOString()).toBe('2026-10-08T02:00:00.000Z');
  });

  it('counts the make-up Saturday 2026-10-10 as a working day', () => {
    expect(shanghai.isWorkingDay('2026-10-10')).toBe(true);
    expect(shanghai.isWorkingDay('2026-10-03')).toBe(false);
    // Fri 2026-10-09 10:00 → Sat 2026-10-10 10:00
    expect(shanghai.addWorkingDays(at('2026-10-09T02:00:00Z'), 1).toISOString()).toBe('2026-10-10T02:00:00.000Z');
  });

  it('uses the local date across midnight (UTC evening is already tomorrow in Shanghai)', () => {
    expect(shanghai.localDate(at('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    // Tue 01:30 local is before opening: starts Tue 09:00 → due Wed 09:00
    expect(shanghai.addWorkingDays(at('2026-11-23T17:30:00Z'), 1).toISOString()).toBe('2026-11-25T01:00:00.000Z');
  });

  it('rolls an after-hours message to the next working morning', () => {
    // Mon 2026-11-23 20:00 local → starts Tue 09:00 → 3 working days → Fri 09:00
    expect(shanghai.addWorkingDays(at('2026-11-23T12:00:00Z'), 3).toISOString()).toBe('2026-11-27T01:00:00.000Z');
    expect(shanghai.isWorkingTime(at('2026-11-23T12:00:00Z'))).toBe(false);
    expect(shanghai.isWorkingTime(at('2026-11-23T02:00:00Z'))).toBe(true);
  });

  it('keeps wall-clock time across a DST change', () => {
    const ny = new BusinessCalendar(loadCalendarData({ region: 'none', timeZone: 'America/New_York', workdayStart: '09:00', workdayEnd: '17:00' }));
    // Fri 2026-03-06 10:00 EST (15:00Z) → Mon 2026-03-09 10:00 EDT (14:00Z)
    expect(ny.addWorkingDays(at('2026-03-06T15:00:00Z'), 1).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });
});

describe('calendar configuration', () => {
  it('lets an admin add, remove and declare days', () => {
    const cal = new BusinessCalendar(
      loadCalendarData({ region: 'CN', timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00', extraHolidays: ['2026-11-24'], removeHolidays: ['2026-10-07'], extraWorkdays: ['2026-11-28'] }),
    );
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(cal.isWorkingDay('2026-10-07')).toBe(true);
    expect(cal.isWorkingDay('2026-11-28')).toBe(true);
  });

  it('region none knows only weekends and the admin lists', () => {
    const cal = new BusinessCalendar(loadCalendarData({ region: 'none', timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00', extraHolidays: ['2027-01-01'] }));
    expect(cal.isWorkingDay('2026-10-01')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(false);
    expect(cal.isWorkingDay('2027-01-01')).toBe(false);
  });
});
