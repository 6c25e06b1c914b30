/**
 * Wall-clock time in an IANA time zone: the one place local dates and times are turned into
 * instants and back (business calendar, report periods, exports). Uses only Intl.DateTimeFormat,
 * so any zone works, including zones with daylight saving time and zones whose change happens
 * at midnight (America/Santiago, America/Havana), where a day does not start at 00:00.
 */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Bound on cached hours per zone (≈ 5 years of distinct hours); the cache is simply dropped when full. */
const MAX_CACHED_HOURS = 50_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * One IANA zone. Offsets are read with Intl.DateTimeFormat (one formatter per zone, shared by
 * every caller: constructing one costs far more than using it) and cached per UTC hour. An hour
 * is cached only when the offset is the same at its first and last millisecond; no zone changes
 * its offset twice within an hour, so the offset is then constant throughout it.
 */
export class Zone {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly byHour = new Map<number, number>();

  constructor(readonly timeZone: string) {
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
  offsetAt(t: number): number {
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

  /** Wall-clock fields of `at` in this zone. */
  parts(at: Date): LocalParts {
    const t = at.getTime();
    if (!Number.isFinite(t)) throw new RangeError('zoned time: invalid Date');
    const w = new Date(t + this.offsetAt(t));
    return {
      year: w.getUTCFullYear(),
      month: w.getUTCMonth() + 1,
      day: w.getUTCDate(),
      hour: w.getUTCHours(),
      minute: w.getUTCMinutes(),
      second: w.getUTCSeconds(),
      ms: w.getUTCMilliseconds(),
      weekday: w.getUTCDay(),
    };
  }

  /**
   * The instant at which the wall clock shows `wallAsUtc` (a local date and time written as if
   * it were UTC). In a DST gap (a time that does not exist) it moves forward by the gap, e.g.
   * 02:30 → 03:30, and a midnight that is skipped becomes the day's first instant (01:00); in an
   * overlap (a time that happens twice) it takes the first occurrence.
   */
  instant(wallAsUtc: number): Date {
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
          hour = Number(value) % 24; // some ICU versions say '24' for midnight, even with h23
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

const zones = new Map<string, Zone>();

/** The shared Zone of an IANA name; throws RangeError for an unknown zone. */
export function zone(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    z = new Zone(timeZone);
    zones.set(timeZone, z);
  }
  return z;
}

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' string, or NaN when it is not a real date. */
export function dayNumber(localDate: string): number {
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

export function dateOfDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Wall-clock fields of an instant in a time zone. */
export function localParts(at: Date, timeZone: string): LocalParts {
  return zone(timeZone).parts(at);
}

/**
 * The instant at which the wall clock in `timeZone` shows this local date and time (the
 * start of the day by default; see Zone.instant for times a DST change skips or repeats).
 * Days past the month's end roll over, as with Date.UTC.
 */
export function zonedInstant(year: number, month: number, day: number, timeZone: string, hour = 0, minute = 0): Date {
  return zone(timeZone).instant(Date.UTC(year, month - 1, day, hour, minute));
}

/** "2026-11-23" in the time zone. */
export function localDateString(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return isoDate(p.year, p.month, p.day);
}

/** "2026-11-23 10:05" in the time zone. */
export function localDateTimeString(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${isoDate(p.year, p.month, p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}
