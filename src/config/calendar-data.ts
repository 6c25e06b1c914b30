import { createRequire } from 'node:module';
import Holidays from 'date-holidays';
import type { CalendarData } from '../core/calendar/business-calendar.js';

/**
 * The official mainland-China calendar shipped (offline) with `chinese-days`: every published
 * public-holiday day off (`holidays`, which already includes the weekdays taken off in exchange,
 * 调休 / `inLieuDays`) and every weekend day that is an official working day (`workdays`, 补班).
 * Read once at module load; the package publishes a new year's schedule each November or so.
 */
interface ChineseDaysJson {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function loadOfficial(): { holidays: readonly string[]; workdays: readonly string[] } {
  const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Partial<ChineseDaysJson> | null;
  const holidays = raw?.holidays;
  const workdays = raw?.workdays;
  if (!holidays || typeof holidays !== 'object' || !workdays || typeof workdays !== 'object') {
    throw new Error('chinese-days: dist/chinese-days.json has no holidays/workdays maps; has the package format changed?');
  }
  const dates = (m: Record<string, string>) => Object.freeze(Object.keys(m).filter((d) => DATE_RE.test(d)).sort());
  return { holidays: dates(holidays), workdays: dates(workdays) };
}

const OFFICIAL_CN = loadOfficial();

/** Years for which `chinese-days` ships the official mainland-China schedule (e.g. 2004 … 2026). */
export const OFFICIAL_CN_YEARS: readonly number[] = Object.freeze(
  [...new Set([...OFFICIAL_CN.holidays, ...OFFICIAL_CN.workdays].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b),
);

export const CALENDAR_REGIONS = ['CN', 'HK', 'TW', 'none'] as const;
export type CalendarRegion = (typeof CALENDAR_REGIONS)[number];

export interface CalendarOverrides {
  /**
   * 'CN': the official mainland-China calendar (published dates, with make-up working days) plus the lists below;
   * 'HK' / 'TW': Hong Kong / Taiwan public holidays computed offline by `date-holidays` plus the lists below;
   * 'none': weekends plus the lists below only.
   */
  region: CalendarRegion;
  timeZone: string;
  workdayStart: string;
  workdayEnd: string;
  /** 0 = Sunday … 6 = Saturday; default [0, 6]. */
  weekendDays?: number[];
  /** Days off the official calendar does not have (company days, years not yet published). */
  extraHolidays?: string[];
  /** Extra working days, e.g. make-up days of a year not yet published; they count as make-up days. */
  extraWorkdays?: string[];
  /** Official holidays the company works on (the day then follows the normal weekday/weekend rule). */
  removeHolidays?: string[];
}

function checkDates(field: string, dates: readonly string[] | undefined): readonly string[] {
  for (const d of dates ?? []) {
    const t = DATE_RE.test(d) ? Date.parse(`${d}T00:00:00Z`) : Number.NaN;
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d) {
      throw new RangeError(`calendar.${field}: '${d}' is not a YYYY-MM-DD date`);
    }
  }
  return dates ?? [];
}

/** Builds the business calendar's data: the official calendar for the region, then the admin's changes. */
export function loadCalendarData(o: CalendarOverrides): CalendarData {
  const extraHolidays = checkDates('extraHolidays', o.extraHolidays);
  const extraWorkdays = checkDates('extraWorkdays', o.extraWorkdays);
  const removeHolidays = checkDates('removeHolidays', o.removeHolidays);
  const contradictions = extraHolidays.filter((d) => extraWorkdays.includes(d) || removeHolidays.includes(d));
  if (contradictions.length > 0) {
    throw new RangeError(`calendar: ${contradictions.join(', ')} listed both as a holiday and as a working day`);
  }

  const official = o.region === 'CN' ? OFFICIAL_CN : o.region === 'none' ? { holidays: [], workdays: [] } : computedRegion(o.region);
  const holidays = new Set<string>(official.holidays);
  const makeupWorkdays = new Set<string>(official.workdays);
  for (const d of removeHolidays) holidays.delete(d);
  for (const d of extraHolidays) {
    holidays.add(d);
    makeupWorkdays.delete(d);
  }
  for (const d of extraWorkdays) {
    makeupWorkdays.add(d);
    holidays.delete(d);
  }
  return {
    timeZone: o.timeZone,
    workdayStart: o.workdayStart,
    workdayEnd: o.workdayEnd,
    weekendDays: [...(o.weekendDays ?? [0, 6])],
    holidays,
    makeupWorkdays,
  };
}

/** Years computed for Hong Kong and Taiwan: well past any SLA clock that starts today. */
const COMPUTED_YEARS = { from: 2020, to: 2045 };

/**
 * Hong Kong and Taiwan public holidays from the rules `date-holidays` ships (lunar dates and
 * substitute days included; no network). Only type 'public' counts as a day off: 'bank' and
 * 'observance' days are ordinary working days for a desk. Neither region has make-up working days.
 */
function computedRegion(region: 'HK' | 'TW'): { holidays: readonly string[]; workdays: readonly string[] } {
  const hd = new Holidays(region, { types: ['public'] });
  const holidays = new Set<string>();
  for (let year = COMPUTED_YEARS.from; year <= COMPUTED_YEARS.to; year++) {
    for (const h of hd.getHolidays(year)) if (h.type === 'public') holidays.add(h.date.slice(0, 10));
  }
  return { holidays: [...holidays].sort(), workdays: [] };
}

/**
 * Years (of the ones asked about) for which the calendar has no official data, so that only
 * weekends count as days off and SLA clocks run through public holidays. Only the mainland
 * calendar has this problem: its dates are published each year by the State Council, whereas
 * Hong Kong and Taiwan holidays follow rules computed for any year, and 'none' is the admin's
 * own list by design. A year counts as covered when `chinese-days` ships it or the admin has
 * added any extra holiday or working day in it.
 */
export function yearsWithoutOfficialData(o: Pick<CalendarOverrides, 'region' | 'extraHolidays' | 'extraWorkdays'>, years: readonly number[]): number[] {
  if (o.region !== 'CN') return [];
  const covered = new Set<number>(OFFICIAL_CN_YEARS);
  for (const d of [...(o.extraHolidays ?? []), ...(o.extraWorkdays ?? [])]) covered.add(Number(d.slice(0, 4)));
  return years.filter((y) => !covered.has(y));
}

/** The warning an admin sees at start-up and on /readyz, or null when this year and next are covered. */
export function calendarCoverageWarning(o: Pick<CalendarOverrides, 'region' | 'extraHolidays' | 'extraWorkdays'>, currentYear: number): string | null {
  const missing = yearsWithoutOfficialData(o, [currentYear, currentYear + 1]);
  if (missing.length === 0) return null;
  return (
    `the business calendar has no official mainland holidays for ${missing.join(' and ')}: only weekends count as days off there, ` +
    'so SLA clocks run through public holidays. Upgrade chinese-days once it publishes the year, or list the days in ' +
    'calendar.extraHolidays and calendar.extraWorkdays (README: Deploying → Business calendar years)'
  );
}
