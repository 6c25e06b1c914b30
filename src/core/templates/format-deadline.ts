import type { Language } from '../triage/index.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = language === 'en' ? 'en-GB' : language === 'zh-Hant' ? 'zh-TW' : 'zh-CN';
    f = new Intl.DateTimeFormat(locale, {
      timeZone,
      month: language === 'en' ? 'short' : 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formatters.set(key, f);
  }
  return f;
}

/** A due time as the customer reads it, in the desk's time zone: "11月24日周二 17:30", "Tue 24 Nov, 17:30". */
export function formatDeadline(at: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone).format(at);
}

/** "3 h", "45 min", "2 d 4 h": how far apart two instants are, rounded to what a person scans for. */
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

/** "due in 3 h" or "overdue by 2 d 4 h". */
export function describeTimeLeft(dueAt: Date, now: Date): string {
  const left = dueAt.getTime() - now.getTime();
  return left < 0 ? `overdue by ${formatSpan(left)}` : `due in ${formatSpan(left)}`;
}

/**
 * A deadline as staff read it on a card, the same on every platform: time left (or overdue by how
 * long) and the wall-clock time in the desk's time zone, never UTC: "due in 3 h · Thu 3 Dec, 17:30".
 */
export function describeDue(dueAt: Date, now: Date, timeZone: string): string {
  return `${describeTimeLeft(dueAt, now)} · ${formatDeadline(dueAt, 'en', timeZone)}`;
}
