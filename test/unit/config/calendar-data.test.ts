import { describe, expect, it } from 'vitest';
import { isWorkday } from 'chinese-days';
import { BusinessCalendar } from '../../../src/core/calendar/business-calendar.js';
import { OFFICIAL_CN_YEARS, calendarCoverageWarning, loadCalendarData, yearsWithoutOfficialData, type CalendarOverrides } from '../../../src/config/calendar-data.js';

const base: CalendarOverrides = { region: 'CN', timeZone: 'Asia/Shanghai', workdayStart: '09:00', workdayEnd: '18:00' };
const calendar = (o: Partial<CalendarOverrides> = {}) => new BusinessCalendar(loadCalendarData({ ...base, ...o }));
const in2026 = (dates: ReadonlySet<string>) => [...dates].filter((d) => d.startsWith('2026-')).sort();

describe('official mainland-China calendar (chinese-days)', () => {
  const cn = loadCalendarData(base);

  it('has the 2026 public holidays, including the weekdays taken off in exchange', () => {
    expect(in2026(cn.holidays)).toEqual([
      // New Year's Day
      '2026-01-01', '2026-01-02', '2026-01-03',
      // Spring Festival
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
      // Tomb-sweeping Day
      '2026-04-04', '2026-04-05', '2026-04-06',
      // Labour Day
      '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
      // Dragon Boat Festival
      '2026-06-19', '2026-06-20', '2026-06-21',
      // Mid-autumn Festival
      '2026-09-25', '2026-09-26', '2026-09-27',
      // National Day
      '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
    ]);
  });

  it('has the 2026 make-up working days (调休), all on weekends', () => {
    expect(in2026(cn.makeupWorkdays)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const d of cn.makeupWorkdays) expect([0, 6], d).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
  });

  it('covers every year the package ships', () => {
    expect(OFFICIAL_CN_YEARS[0]).toBe(2004);
    expect(OFFICIAL_CN_YEARS).toContain(2026);
    expect(cn.holidays.has('2025-10-01')).toBe(true);
    expect(cn.makeupWorkdays.has('2025-09-28')).toBe(true);
  });

  it('agrees with chinese-days itself on every day of every published year', () => {
    const cal = new BusinessCalendar(cn);
    const disagreements: string[] = [];
    const first = Date.UTC(OFFICIAL_CN_YEARS[0]!, 0, 1);
    const last = Date.UTC(OFFICIAL_CN_YEARS[OFFICIAL_CN_YEARS.length - 1]!, 11, 31);
    for (let t = first; t <= last; t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      if (cal.isWorkingDay(d) !== isWorkday(d)) disagreements.push(d);
    }
    expect(disagreements).toEqual([]);
  });

  it('passes the hours, zone and default weekend through', () => {
    expect(cn.timeZone).toBe('Asia/Shanghai');
    expect(cn.workdayStart).toBe('09:00');
    expect(cn.workdayEnd).toBe('18:00');
    expect(cn.weekendDays).toEqual([0, 6]);
    expect(loadCalendarData({ ...base, weekendDays: [5, 6] }).weekendDays).toEqual([5, 6]);
  });
});

describe('admin overrides', () => {
  it('extraHolidays adds days off, also over an official make-up day', () => {
    const cal = calendar({ extraHolidays: ['2026-11-24', '2026-10-10'] });
    expect(cal.isWorkingDay('2026-11-24')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(false);
    // Mon 2026-11-23 10:00 + 1 → Wed 2026-11-25 10:00
    expect(cal.addWorkingDays(new Date('2026-11-23T02:00:00Z'), 1).toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });

  it('removeHolidays makes an official weekday holiday a working day; a weekend stays a weekend', () => {
    const cal = calendar({ removeHolidays: ['2026-10-07', '2026-10-03'] });
    expect(cal.isWorkingDay('2026-10-07')).toBe(true); // Wed
    expect(cal.isWorkingDay('2026-10-03')).toBe(false); // Sat
    // Wed 2026-09-30 10:00 + 1 → Wed 2026-10-07 10:00
    expect(cal.addWorkingDays(new Date('2026-09-30T02:00:00Z'), 1).toISOString()).toBe('2026-10-07T02:00:00.000Z');
  });

  it('extraWorkdays are make-up working days, also over an official holiday', () => {
    const data = loadCalendarData({ ...base, extraWorkdays: ['2026-11-28', '2026-10-05'] });
    expect(data.makeupWorkdays.has('2026-11-28')).toBe(true);
    const cal = new BusinessCalendar(data);
    expect(cal.isWorkingDay('2026-11-28')).toBe(true); // Sat
    expect(cal.isWorkingDay('2026-10-05')).toBe(true); // Mon in the National Day week
    // Fri 2026-11-27 15:00 + 1 → Sat 2026-11-28 15:00
    expect(cal.addWorkingDays(new Date('2026-11-27T07:00:00Z'), 1).toISOString()).toBe('2026-11-28T07:00:00.000Z');
  });

  it('does not change the official data for other calendars', () => {
    calendar({ extraHolidays: ['2026-11-24'], removeHolidays: ['2026-10-07'] });
    const plain = calendar();
    expect(plain.isWorkingDay('2026-11-24')).toBe(true);
    expect(plain.isWorkingDay('2026-10-07')).toBe(false);
  });

  it('rejects malformed dates and contradictions', () => {
    expect(() => loadCalendarData({ ...base, extraHolidays: ['2026-13-01'] })).toThrow(/extraHolidays/);
    expect(() => loadCalendarData({ ...base, extraWorkdays: ['2026/11/28'] })).toThrow(/extraWorkdays/);
    expect(() => loadCalendarData({ ...base, removeHolidays: ['2026-02-30'] })).toThrow(/removeHolidays/);
    expect(() => loadCalendarData({ ...base, extraHolidays: ['2026-11-24'], extraWorkdays: ['2026-11-24'] })).toThrow(/2026-11-24/);
    expect(() => loadCalendarData({ ...base, extraHolidays: ['2026-11-24'], removeHolidays: ['2026-11-24'] })).toThrow(/2026-11-24/);
  });
});

describe("region 'none'", () => {
  it('knows only weekends and the admin lists', () => {
    const data = loadCalendarData({ ...base, region: 'none', extraHolidays: ['2027-01-01'], extraWorkdays: ['2027-01-09'] });
    expect([...data.holidays]).toEqual(['2027-01-01']);
    expect([...data.makeupWorkdays]).toEqual(['2027-01-09']);
    const cal = new BusinessCalendar(data);
    expect(cal.isWorkingDay('2026-10-01')).toBe(true); // Thu, official holiday in CN
    expect(cal.isWorkingDay('2026-10-10')).toBe(false); // Sat, official make-up day in CN
    expect(cal.isWorkingDay('2027-01-01')).toBe(false); // Fri, admin holiday
    expect(cal.isWorkingDay('2027-01-09')).toBe(true); // Sat, admin working day
    // Thu 2026-12-31 10:00 + 1 → Mon 2027-01-04 10:00
    expect(cal.addWorkingDays(new Date('2026-12-31T02:00:00Z'), 1).toISOString()).toBe('2027-01-04T02:00:00.000Z');
  });

  it('works for another zone and weekend', () => {
    const cal = new BusinessCalendar(
      loadCalendarData({ region: 'none', timeZone: 'Europe/Berlin', workdayStart: '08:30', workdayEnd: '17:00', extraHolidays: ['2026-12-25'] }),
    );
    // Thu 2026-12-24 16:00 CET (15:00Z) + 1 → Fri 25 off → Mon 2026-12-28 16:00 CET
    expect(cal.addWorkingDays(new Date('2026-12-24T15:00:00Z'), 1).toISOString()).toBe('2026-12-28T15:00:00.000Z');
  });
});

describe('calendar years without official data', () => {
  it('flags a mainland year chinese-days does not publish (2027 in version 1.5.7)', () => {
    expect(yearsWithoutOfficialData({ region: 'CN' }, [2026, 2027])).toEqual([2027]);
    expect(calendarCoverageWarning({ region: 'CN' }, 2026)).toContain('2027');
    expect(calendarCoverageWarning({ region: 'CN' }, 2025)).toBeNull();
  });

  it('counts a year as covered once the admin lists its days', () => {
    expect(yearsWithoutOfficialData({ region: 'CN', extraHolidays: ['2027-02-06'], extraWorkdays: ['2028-01-29'] }, [2027, 2028, 2029])).toEqual([2029]);
  });

  it('does not warn for computed regions or an admin-only calendar', () => {
    for (const region of ['HK', 'TW', 'none'] as const) expect(calendarCoverageWarning({ region }, 2026)).toBeNull();
  });
});

describe('Hong Kong and Taiwan public holidays (date-holidays, computed offline)', () => {
  const hk = calendar({ region: 'HK', timeZone: 'Asia/Hong_Kong' });
  const tw = calendar({ region: 'TW', timeZone: 'Asia/Taipei' });

  it('Hong Kong 2027 Lunar New Year: the first, third and fourth day (the second is a Sunday)', () => {
    // 2027-02-06 is a Saturday: off as a holiday, not only as a weekend day.
    const data = loadCalendarData({ ...base, region: 'HK', timeZone: 'Asia/Hong_Kong' });
    expect(['2027-02-06', '2027-02-08', '2027-02-09'].every((d) => data.holidays.has(d))).toBe(true);
    expect(hk.isWorkingDay('2027-02-08')).toBe(false);
    expect(hk.isWorkingDay('2027-02-09')).toBe(false);
    expect(hk.isWorkingDay('2027-02-10')).toBe(true);
    // No mainland make-up Saturday in Hong Kong: 2026-02-14 is an ordinary weekend day there.
    expect(hk.isWorkingDay('2026-02-14')).toBe(false);
    expect(hk.isWorkingDay('2026-07-01')).toBe(false); // HKSAR Establishment Day
  });

  it('Taiwan Double Tenth: 2025-10-10 (a Friday) is off, and 2027-10-10 (a Sunday) moves to Monday', () => {
    expect(tw.isWorkingDay('2025-10-10')).toBe(false);
    expect(tw.isWorkingDay('2027-10-11')).toBe(false);
    expect(tw.isWorkingDay('2027-10-12')).toBe(true);
    // The mainland National Day week is not a Taiwan holiday.
    expect(tw.isWorkingDay('2025-10-02')).toBe(true);
  });

  it('moves a five-working-day SLA clock past Hong Kong Lunar New Year', () => {
    // Friday 2027-02-05 10:00 in Hong Kong; Mon 8th and Tue 9th are holidays.
    const due = hk.addWorkingDays(new Date('2027-02-05T02:00:00Z'), 1);
    expect(hk.localDate(due)).toBe('2027-02-10');
  });

  it('admin lists still apply on top of a computed region', () => {
    const withCompanyDay = calendar({ region: 'TW', timeZone: 'Asia/Taipei', extraHolidays: ['2027-10-12'] });
    expect(withCompanyDay.isWorkingDay('2027-10-12')).toBe(false);
  });
});
