/**
 * Working days and working hours in the desk's time zone (docs/DOMAIN.md §2: "working days follow the
 * business calendar"). Pure TypeScript: the dates themselves are data (CalendarData), injected by
 * the config layer; local-time maths uses only Intl.DateTimeFormat, so any IANA zone works,
 * including zones with daylight saving time.
 */
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

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

/** A local wall-clock time of day. */
interface WallTime {
  minutes: number;
  second: number;
  ms: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** No sane calendar has a year of consecutive days off; past this the configuration is broken. */
const MAX_DAYS_OFF_IN_A_ROW = 400;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const HOUR_MS = 3_600_000;
/** Bound on cached hours per zone (≈ 5 years of distinct hours); the cache is simply dropped when full. */
const MAX_CACHED_HOURS = 50_000;

/**
 * UTC offsets of one IANA zone, read with Intl.DateTimeFormat (one formatter per zone, shared by
 * every calendar: constructing one costs far more than using it) and cached per UTC hour. An hour
 * is cached only when the offset is the same at its first and last millisecond; no zone changes
 * its offset twice within an hour, so the offset is then constant throughout it.
 */
class ZoneOffsets {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly byHour = new Map<number, number>();

  constructor(timeZone: string) {
    // Throws RangeError for an unknown zone.
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset from UTC in ms at instant t: the local wall clock read as if it were UTC, minus t. */
  at(t: number): number {
    const hour = Math.floor(t / HOUR_MS);
    const cached = this.byHour.get(hour);
    if (cached !== undefined) return cached;
    const first = this.read(hour * HOUR_MS);
    const last = this.read(hour * HOUR_MS + HOUR_MS - 1);
    if (first !== last) return this.read(t); // a change within this hour: not cached
    if (this.byHour.size >= MAX_CACHED_HOURS) this.byHour.clear();
    this.byHour.set(hour, first);
    return first;
  }

  private read(t: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const { type, value } of this.fmt.formatToParts(t)) {
      switch (type) {
        case 'year':
          year = Number(value);
          break;
        case 'month':
          month = Number(value);
          break;
        case 'day':
          day = Number(value);
          break;
        case 'hour':
          hour = Number(value) % 24; // some ICU versions say '24' for midnight
          break;
        case 'minute':
          minute = Number(value);
          break;
        case 'second':
          second = Number(value);
          break;
      }
    }
    const ms = ((t % 1000) + 1000) % 1000;
    return Date.UTC(year, month - 1, day, hour, minute, second, ms) - t;
  }
}

const zones = new Map<string, ZoneOffsets>();

function zoneOffsets(timeZone: string): ZoneOffsets {
  let z = zones.get(timeZone);
  if (!z) {
    z = new ZoneOffsets(timeZone);
    zones.set(timeZone, z);
  }
  return z;
}

function parseHhmm(name: string, hhmm: string): number {
  const m = HHMM_RE.exec(hhmm);
  if (!m) throw new RangeError(`calendar ${name} must be 'HH:MM' (00:00–23:59), got '${hhmm}'`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' string, or NaN when it is not a real date. */
function dayNumber(localDate: string): number {
  const m = DATE_RE.exec(localDate);
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  // Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return t / DAY_MS;
}

function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export class BusinessCalendar {
  private readonly zone: ZoneOffsets;
  private readonly startMinutes: number;
  private readonly endMinutes: number;
  private readonly weekend: ReadonlySet<number>;

  constructor(private readonly data: CalendarData) {
    this.zone = zoneOffsets(data.timeZone);
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
    const t = at.getTime();
    if (!Number.isFinite(t)) throw new RangeError('calendar: invalid Date');
    const w = new Date(t + this.zone.at(t));
    return {
      year: w.getUTCFullYear(),
      month: w.getUTCMonth() + 1,
      day: w.getUTCDate(),
      hour: w.getUTCHours(),
      minute: w.getUTCMinutes(),
      second: w.getUTCSeconds(),
      ms: w.getUTCMilliseconds(),
    };
  }

  private offsetAt(t: number): number {
    return this.zone.at(t);
  }

  /**
   * The instant at which the local wall clock shows `wall` on `localDate`.
   * In a DST gap (a time that does not exist) it moves forward by the gap, e.g. 02:30 → 03:30;
   * in an overlap (a time that happens twice) it takes the first occurrence.
   */
  private instant(localDate: string, wall: WallTime): Date {
    const wallAsUtc = dayNumber(localDate) * DAY_MS + wall.minutes * MINUTE_MS + wall.second * 1000 + wall.ms;
    // Offsets either side of the wall time; real zones change offset at most once within a day.
    const before = this.offsetAt(wallAsUtc - DAY_MS);
    const after = this.offsetAt(wallAsUtc + DAY_MS);
    const first = wallAsUtc - before;
    if (before === after) {
      // Usual case: one offset all around. Still confirm, in case the change is within the day.
      if (this.offsetAt(first) === before) return new Date(first);
    }
    const second = wallAsUtc - after;
    const firstValid = this.offsetAt(first) === before;
    const secondValid = this.offsetAt(second) === after;
    if (firstValid && secondValid) return new Date(Math.min(first, second));
    if (firstValid) return new Date(first);
    if (secondValid) return new Date(second);
    // Gap: read the wall time with the offset in force before the change, which lands after it.
    return new Date(first);
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

  private endOf(localDate: string): Date {
    return this.instant(localDate, { minutes: this.endMinutes, second: 0, ms: 0 });
  }

  // ── hours ─────────────────────────────────────────────────────────────────

  /** On a working day, from workdayStart (inclusive) to workdayEnd (exclusive), local time. */
  isWorkingTime(at: Date): boolean {
    const p = this.local(at);
    const minutes = p.hour * 60 + p.minute;
    return minutes >= this.startMinutes && minutes < this.endMinutes && this.isWorkingDay(isoDate(p.year, p.month, p.day));
  }

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

  /** Plain elapsed hours, for the 24 h / 72 h clocks (calendar-independent). */
  addHours(from: Date, hours: number): Date {
    if (!Number.isFinite(hours)) throw new RangeError(`addHours: hours must be a finite number, got ${hours}`);
    return new Date(from.getTime() + hours * 3_600_000);
  }

  /**
   * Working time (ms) in [from, to): the overlap with workdayStart–workdayEnd of each working day.
   * 0 when `to` is not after `from`. For reports ("time to first response in working hours").
   */
  workingMillisBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (!(b > a)) return 0;
    const last = this.localDate(to);
    let total = 0;
    let date = this.localDate(from);
    let n = dayNumber(date);
    while (date <= last) {
      if (this.isWorkingDayNumber(n, date)) {
        const s = Math.max(this.startOf(date).getTime(), a);
        const e = Math.min(this.endOf(date).getTime(), b);
        if (e > s) total += e - s;
      }
      n += 1;
      date = dateOfDayNumber(n);
    }
    return total;
  }
}
