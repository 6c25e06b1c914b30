/** Working days and hours in the desk's time zone; the dates themselves are data (CalendarData). */
export interface CalendarData {
  timeZone: string;
  /** 'HH:MM' local */
  workdayStart: string;
  workdayEnd: string;
  /** 0 = Sunday … 6 = Saturday */
  weekendDays: number[];
  /** Local dates (YYYY-MM-DD) that are days off. */
  holidays: ReadonlySet<string>;
  /** Weekend dates that are official working days (调休). */
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

const DAY_MS = 86_400_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export class BusinessCalendar {
  private readonly parts: Intl.DateTimeFormat;
  private readonly startMinutes: number;
  private readonly endMinutes: number;
  private readonly weekend: Set<number>;

  constructor(private readonly data: CalendarData) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone: data.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.startMinutes = minutesOf(data.workdayStart);
    this.endMinutes = minutesOf(data.workdayEnd);
    this.weekend = new Set(data.weekendDays);
  }

  get timeZone(): string {
    return this.data.timeZone;
  }

  private local(at: Date): LocalParts {
    const p: Record<string, number> = {};
    for (const { type, value } of this.parts.formatToParts(at)) if (type !== 'literal') p[type] = Number(value);
    return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second!, ms: at.getUTCMilliseconds() };
  }

  /** The instant of a local wall-clock time; in a DST gap it moves forward, in an overlap it takes the first. */
  private instant(y: number, m: number, d: number, minutes: number, second = 0, ms = 0): Date {
    const wallAsUtc = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, second, ms);
    let guess = wallAsUtc;
    for (let i = 0; i < 3; i++) {
      const p = this.local(new Date(guess));
      const seenAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
      const delta = wallAsUtc - seenAsUtc;
      if (delta === 0) break;
      guess += delta;
    }
    return new Date(guess);
  }

  localDate(at: Date): string {
    const p = this.local(at);
    return isoDate(p.year, p.month, p.day);
  }

  /** Minutes since local midnight. */
  minutesOfDay(at: Date): number {
    const p = this.local(at);
    return p.hour * 60 + p.minute;
  }

  isWorkingDay(localDate: string): boolean {
    if (this.data.makeupWorkdays.has(localDate)) return true;
    if (this.data.holidays.has(localDate)) return false;
    const [y, m, d] = localDate.split('-').map(Number);
    return !this.weekend.has(new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay());
  }

  isWorkingTime(at: Date): boolean {
    const p = this.local(at);
    const minutes = p.hour * 60 + p.minute;
    return this.isWorkingDay(isoDate(p.year, p.month, p.day)) && minutes >= this.startMinutes && minutes < this.endMinutes;
  }

  private nextDate(localDate: string, step = 1): string {
    const [y, m, d] = localDate.split('-').map(Number);
    return new Date(Date.UTC(y!, m! - 1, d!) + step * DAY_MS).toISOString().slice(0, 10);
  }

  private nextWorkingDate(localDate: string): string {
    let date = this.nextDate(localDate);
    // Bounded: no calendar has a year of consecutive days off.
    for (let i = 0; i < 366 && !this.isWorkingDay(date); i++) date = this.nextDate(date);
    return date;
  }

  private startOf(localDate: string): Date {
    const [y, m, d] = localDate.split('-').map(Number);
    return this.instant(y!, m!, d!, this.startMinutes);
  }

  /** `at` itself during working time; otherwise the start of the next working period. */
  startOfNextWorkingPeriod(at: Date): Date {
    const p = this.local(at);
    const date = isoDate(p.year, p.month, p.day);
    const minutes = p.hour * 60 + p.minute;
    if (this.isWorkingDay(date)) {
      if (minutes < this.startMinutes) return this.startOf(date);
      if (minutes < this.endMinutes) return at;
    }
    return this.startOf(this.nextWorkingDate(date));
  }

  /**
   * "Within N working days" of a moment. During working time the result is the same local
   * wall-clock time N working days later. Outside it (a weekend, a holiday, the evening) the
   * clock starts at the next working period: a complaint sent on Saturday must not burn its
   * first working day before anyone is at work.
   */
  addWorkingDays(from: Date, days: number): Date {
    const start = this.startOfNextWorkingPeriod(from);
    const p = this.local(start);
    let date = isoDate(p.year, p.month, p.day);
    for (let i = 0; i < days; i++) date = this.nextWorkingDate(date);
    const [y, m, d] = date.split('-').map(Number);
    return this.instant(y!, m!, d!, p.hour * 60 + p.minute, p.second, p.ms);
  }

  /** Plain elapsed hours, for the 24 h / 72 h clocks. */
  addHours(from: Date, hours: number): Date {
    return new Date(from.getTime() + hours * 3_600_000);
  }
}
