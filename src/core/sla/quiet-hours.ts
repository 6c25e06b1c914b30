import type { BusinessCalendar } from '../calendar/business-calendar.js';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Quiet hours (e.g. 20:00–09:00, across midnight) and days off: staff are not pinged then. */
export function isQuietTime(calendar: BusinessCalendar, quiet: { start: string; end: string } | undefined, at: Date): boolean {
  if (!quiet) return false;
  if (!calendar.isWorkingDay(calendar.localDate(at))) return true;
  const now = calendar.minutesOfDay(at);
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
