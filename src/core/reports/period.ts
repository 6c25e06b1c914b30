import { localParts, zonedInstant } from '../calendar/zoned-time.js';

/**
 * Report periods in the desk's time zone. A period is [start, end): the start of one local
 * day to the start of another, as UTC instants, so SQL can compare timestamps directly.
 * Local time is read through core/calendar/zoned-time.ts, as the business calendar does.
 */
export type PeriodKind = 'week' | 'month' | 'range';

export interface ReportPeriod {
  kind: PeriodKind;
  /** "2026-11", "2026-W48", or "2026-11-01..2026-11-15" (inclusive dates). */
  label: string;
  start: Date;
  end: Date;
  timeZone: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function parseDate(s: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`"${s}" is not a date (YYYY-MM-DD)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) throw new RangeError(`"${s}" is not a calendar date`);
  return [y, mo, d];
}

export function monthPeriod(month: string, timeZone: string): ReportPeriod {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const [y, mo] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!m || mo < 1 || mo > 12) throw new RangeError(`"${month}" is not a month (YYYY-MM)`);
  const next = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  return { kind: 'month', label: month, start: zonedInstant(y, mo, 1, timeZone), end: zonedInstant(next[0]!, next[1]!, 1, timeZone), timeZone };
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function weekPeriod(isoWeek: string, timeZone: string): ReportPeriod {
  const m = /^(\d{4})-W(\d{2})$/.exec(isoWeek);
  if (!m) throw new RangeError(`"${isoWeek}" is not an ISO week (YYYY-Www)`);
  const [y, w] = [Number(m[1]), Number(m[2])];
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const mondayW1 = Date.UTC(y, 0, 4 - ((jan4.getUTCDay() + 6) % 7));
  if (w < 1 || w > isoWeeksInYear(y)) throw new RangeError(`"${isoWeek}" is not a week of ${y}`);
  const monday = new Date(mondayW1 + (w - 1) * 7 * 86_400_000);
  const nextMonday = new Date(monday.getTime() + 7 * 86_400_000);
  return {
    kind: 'week',
    label: isoWeek,
    start: zonedInstant(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone),
    end: zonedInstant(nextMonday.getUTCFullYear(), nextMonday.getUTCMonth() + 1, nextMonday.getUTCDate(), timeZone),
    timeZone,
  };
}

function isoWeeksInYear(y: number): number {
  const dec28 = new Date(Date.UTC(y, 11, 28));
  return isoWeekOf(dec28.getUTCFullYear(), dec28.getUTCMonth() + 1, dec28.getUTCDate()).week;
}

function isoWeekOf(y: number, m: number, d: number): { year: number; week: number } {
  const date = new Date(Date.UTC(y, m - 1, d));
  // The Thursday of the same ISO week decides the week's year.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return { year: date.getUTCFullYear(), week: Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

/** "2026-W48" for a local date. */
export function isoWeekLabel(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const { year, week } = isoWeekOf(p.year, p.month, p.day);
  return `${year}-W${pad(week)}`;
}

/** Inclusive local dates: --from 2026-11-01 --to 2026-11-30 covers the whole of the 30th. */
export function rangePeriod(from: string, to: string, timeZone: string): ReportPeriod {
  const [fy, fm, fd] = parseDate(from);
  const [ty, tm, td] = parseDate(to);
  const start = zonedInstant(fy, fm, fd, timeZone);
  const dayAfter = new Date(Date.UTC(ty, tm - 1, td + 1));
  const end = zonedInstant(dayAfter.getUTCFullYear(), dayAfter.getUTCMonth() + 1, dayAfter.getUTCDate(), timeZone);
  if (end.getTime() <= start.getTime()) throw new RangeError(`--to ${to} is before --from ${from}`);
  return { kind: 'range', label: `${from}..${to}`, start, end, timeZone };
}

/** The last complete week before `now` (the week a Monday-morning report covers). */
export function previousWeek(now: Date, timeZone: string): ReportPeriod {
  const p = localParts(now, timeZone);
  const back = ((p.weekday + 6) % 7) + 7; // days back to last week's Monday
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day - back));
  return weekPeriod(isoWeekLabel(zonedInstant(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone, 12), timeZone), timeZone);
}

/** The last complete calendar month before `now`. */
export function previousMonth(now: Date, timeZone: string): ReportPeriod {
  const p = localParts(now, timeZone);
  const [y, m] = p.month === 1 ? [p.year - 1, 12] : [p.year, p.month - 1];
  return monthPeriod(`${y}-${pad(m)}`, timeZone);
}
