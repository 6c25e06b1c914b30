/** The moment `months` calendar months before `now` (UTC months: a day either way does not matter here). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}
