/**
 * Working days and working hours in the desk's time zone (docs/DOMAIN.md §2: "working days follow the
 * business calendar"). Pure TypeScript: the dates themselves are data (CalendarData), injected by
 * the config layer; local time is read through zoned-time.ts, so any IANA zone works, including
 * zones with daylight saving time.
 */
import { type LocalParts, type Zone, dateOfDayNumber, DAY_MS, dayNumber, isoDate, zone } from './zoned-time.js';

export interface CalendarData {
  /** IANA time zone, e.g. 'Asia/Shanghai'. */
  timeZone: string;
  /** 'HH:MM' local, e.g. '09:00'. */
  workdayStart: string;
  /** 'HH:MM' local, e.g. '18:00'; must be after workdayStart. */
  workdayEnd: string;
  /** 0 = Sunday … 6 = Saturday; usually [0, 6]. */
  weekendDays: number[];
  /** Local dates (YYYY-MM-DD) that are days off. */
  holidays: ReadonlySet<string>;
  /** Local dates (YYYY-MM-DD), usually weekend dates, that are official working days (调休). Wins over weekends and holidays. */
  makeupWorkdays: ReadonlySet<string>;
}

/** A local wall-clock time of day. */
interface WallTime {
  minutes: number;
  second: number;
  ms: number;
}

const MINUTE_MS = 60_000;
/** No sane calendar has a year of consecutive days off; past this the configuration is broken. */
const MAX_DAYS_OFF_IN_A_ROW = 400;
const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseHhmm(name: string, hhmm: string): number {
  const m = HHMM_RE.exec(hhmm);
  if (!m) throw new RangeError(`calendar ${name} must be 'HH:MM' (00:00–23:59), got '${hhmm}'`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export class BusinessCalendar {
  private readonly zone: Zone;
  private readonly startMinutes: number;
  private readonly endMinutes: number;
  private readonly weekend: ReadonlySet<number>;

  constructor(private readonly data: CalendarData) {
    this.zone = zone(data.timeZone);
    this.startMinutes = parseHhmm('workdayStart', data.workdayStart);
    this.endMinutes = parseHhmm('workdayEnd', data.workdayEnd);
    if (this.endMinutes <= this.startMinutes) {
      throw new RangeError(`calendar workdayEnd (${data.workdayEnd}) must be after workdayStart (${data.workdayStart})`);
    }
    for (const d of data.weekendDays) {
      if (!Number.isInteger(d) || d < 0 || d > 6) throw new RangeError(`calendar weekendDays must be 0 (Sunday) … 6 (Saturday), got ${d}`);
    }
    this.weekend = new Set(data.weekendDays);
    if (this.weekend.size === 7) throw new RangeError('calendar weekendDays cover the whole week: there would be no working days');
  }

  get timeZone(): string {
    return this.data.timeZone;
  }

  // ── local time ────────────────────────────────────────────────────────────

  private local(at: Date): LocalParts {
    return this.zone.parts(at);
  }

  /** The instant at which the local wall clock shows `wall` on `localDate` (DST gaps and overlaps: see Zone.instant). */
  private instant(localDate: string, wall: WallTime): Date {
    return this.zone.instant(dayNumber(localDate) * DAY_MS + wall.minutes * MINUTE_MS + wall.second * 1000 + wall.ms);
  }

  /** 'YYYY-MM-DD' of `at` in the calendar's time zone. */
  localDate(at: Date): string {
    const p = this.local(at);
    return isoDate(p.year, p.month, p.day);
  }

  /** Minutes since local midnight (0–1439). */
  minutesOfDay(at: Date): number {
    const p = this.local(at);
    return p.hour * 60 + p.minute;
  }

  // ── days ──────────────────────────────────────────────────────────────────

  private isWorkingDayNumber(n: number, localDate: string): boolean {
    if (this.data.makeupWorkdays.has(localDate)) return true;
    if (this.data.holidays.has(localDate)) return false;
    // 1970-01-01 was a Thursday (4).
    return !this.weekend.has((((n + 4) % 7) + 7) % 7);
  }

  /** Make-up working days (调休) are working days; otherwise holidays and weekend days are off. */
  isWorkingDay(localDate: string): boolean {
    const n = dayNumber(localDate);
    if (Number.isNaN(n)) throw new RangeError(`calendar: '${localDate}' is not a YYYY-MM-DD date`);
    return this.isWorkingDayNumber(n, localDate);
  }

  /** The first working day strictly after `localDate`. */
  private nextWorkingDate(localDate: string): string {
    let n = dayNumber(localDate);
    for (let i = 0; i < MAX_DAYS_OFF_IN_A_ROW; i++) {
      n += 1;
      const date = dateOfDayNumber(n);
      if (this.isWorkingDayNumber(n, date)) return date;
    }
    throw new Error(`calendar: no working day within ${MAX_DAYS_OFF_IN_A_ROW} days after ${localDate}; check holidays and weekendDays`);
  }

  private startOf(localDate: string): Date {
    return this.instant(localDate, { minutes: this.startMinutes, second: 0, ms: 0 });
  }

  // ── hours ─────────────────────────────────────────────────────────────────

  /**
   * `at` itself during working time; otherwise the next workdayStart on a working day (today's,
   * when `at` is before opening on a working day).
   */
  startOfNextWorkingPeriod(at: Date): Date {
    const p = this.local(at);
    const date = isoDate(p.year, p.month, p.day);
    const minutes = p.hour * 60 + p.minute;
    if (this.isWorkingDay(date)) {
      if (minutes < this.startMinutes) return this.startOf(date);
      if (minutes < this.endMinutes) return new Date(at.getTime());
    }
    return this.startOf(this.nextWorkingDate(date));
  }

  /**
   * "Within N working days" of a moment.
   *
   * - `from` on a working day, before workdayEnd (also early in the morning): the same local
   *   wall-clock time N working days later. The rest of that day counts as the first day.
   * - `from` on a working day at or after workdayEnd, or on a weekend/holiday: the clock starts at
   *   workdayStart of the next working day, and the result is workdayStart N working days after
   *   that. Why: a complaint sent on Saturday (or at 22:00) must not burn its first working day
   *   before anyone is at work.
   *
   * Weekends and holidays are skipped; make-up working days (调休) count. Days are counted in
   * local dates, so the wall-clock time is kept across DST changes.
   */
  addWorkingDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`addWorkingDays: days must be a whole number ≥ 0, got ${days}`);
    const p = this.local(from);
    let date = isoDate(p.year, p.month, p.day);
    const minutes = p.hour * 60 + p.minute;
    let wall: WallTime;
    if (minutes < this.endMinutes && this.isWorkingDay(date)) {
      // Before opening, the clock starts when the working day does (01:30 counts from 09:00).
      wall = minutes < this.startMinutes ? { minutes: this.startMinutes, second: 0, ms: 0 } : { minutes, second: p.second, ms: p.ms };
      if (days === 0) return minutes < this.startMinutes ? this.instant(date, wall) : new Date(from.getTime());
    } else {
      date = this.nextWorkingDate(date);
      wall = { minutes: this.startMinutes, second: 0, ms: 0 };
    }
    for (let i = 0; i < days; i++) date = this.nextWorkingDate(date);
    return this.instant(date, wall);
  }
}
