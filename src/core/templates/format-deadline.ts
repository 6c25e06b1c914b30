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
