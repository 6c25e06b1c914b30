import { createRequire } from 'node:module';
import type { CalendarData } from '../core/calendar/business-calendar.js';

/** The official mainland-China calendar shipped with `chinese-days` (holidays and make-up working days), read once. */
const official = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

export interface CalendarOverrides {
  region: 'CN' | 'none';
  timeZone: string;
  workdayStart: string;
  workdayEnd: string;
  weekendDays?: number[];
  /** Days off the official calendar does not have (company days, years not yet published). */
  extraHolidays?: string[];
  /** Extra working days (make-up days for unpublished years). */
  extraWorkdays?: string[];
  /** Official holidays the company works on. */
  removeHolidays?: string[];
}

export function loadCalendarData(o: CalendarOverrides): CalendarData {
  const holidays = new Set(o.region === 'CN' ? Object.keys(official.holidays) : []);
  const makeupWorkdays = new Set(o.region === 'CN' ? Object.keys(official.workdays) : []);
  for (const d of o.extraHolidays ?? []) {
    holidays.add(d);
    makeupWorkdays.delete(d);
  }
  for (const d of o.removeHolidays ?? []) holidays.delete(d);
  for (const d of o.extraWorkdays ?? []) {
    makeupWorkdays.add(d);
    holidays.delete(d);
  }
  return { timeZone: o.timeZone, workdayStart: o.workdayStart, workdayEnd: o.workdayEnd, weekendDays: o.weekendDays ?? [0, 6], holidays, makeupWorkdays };
}
