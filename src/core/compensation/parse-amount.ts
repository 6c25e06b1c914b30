import { deskErrors } from '../errors.js';

/** How people write a currency next to an amount, by ISO code. */
const CURRENCY_MARKS: Record<string, readonly string[]> = {
  CNY: ['¥', '￥', '元', '块', 'rmb', 'cny', '人民币', '人民幣'],
  HKD: ['hk$', 'hkd', '港币', '港幣', '港元'],
  TWD: ['nt$', 'ntd', 'twd', '台币', '台幣', '新台币', '新台幣'],
  USD: ['us$', 'usd'],
  EUR: ['€', 'eur'],
  GBP: ['£', 'gbp'],
};
const DOLLAR_CURRENCIES = new Set(['USD', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'NZD']);
// Longest first, so "hk$" is read before "$" and "新台币" before "台币".
const MARKS = Object.entries(CURRENCY_MARKS)
  .flatMap(([code, marks]) => marks.map((mark) => ({ code, mark })))
  .sort((a, b) => b.mark.length - a.mark.length);

const MULTIPLIERS: Record<string, number> = { 万: 10_000, 萬: 10_000, 千: 1_000, k: 1_000 };
// Digits with optional thousands separators and up to two decimals, then an optional 万/千/k.
const NUMBER = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(万|萬|千|k)?$/;

function stripCurrency(text: string, deskCurrency: string): { rest: string; currency: string | null } {
  let rest = text;
  let currency: string | null = null;
  for (const side of ['start', 'end'] as const) {
    for (const { code, mark } of MARKS) {
      const found = side === 'start' ? rest.startsWith(mark) : rest.endsWith(mark);
      if (!found) continue;
      if (currency && currency !== code) return { rest: text, currency: 'mixed' };
      currency = code;
      rest = (side === 'start' ? rest.slice(mark.length) : rest.slice(0, -mark.length)).trim();
      break;
    }
  }
  if (rest.startsWith('$')) {
    // A bare "$" is the desk's own dollar, or US dollars.
    const dollar = DOLLAR_CURRENCIES.has(deskCurrency) ? deskCurrency : 'USD';
    if (currency && currency !== dollar) return { rest: text, currency: 'mixed' };
    currency = dollar;
    rest = rest.slice(1).trim();
  }
  return { rest, currency };
}

/**
 * A money amount as staff type it ("120", "1,299.50", "¥99", "5万", "HK$899"), strictly: anything
 * else ("1e5", "5 or 6", "about 100") is refused, never read as some other number. An amount in a
 * currency other than the desk's is refused too: limits and reports count in one currency.
 */
export function parseMoneyAmount(raw: string, deskCurrency: string): number {
  const text = raw.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
  const refuse = () => deskErrors.invalidInput({ reason: 'amount_unreadable', text: raw.trim().slice(0, 40) });
  if (text.length === 0 || text.length > 40) throw refuse();
  const { rest, currency } = stripCurrency(text, deskCurrency);
  if (currency !== null && currency !== deskCurrency) throw refuse();
  const m = NUMBER.exec(rest);
  if (!m) throw refuse();
  const whole = Number(m[1]!.replace(/,/g, ''));
  const cents = m[2] ? Number(m[2].padEnd(2, '0')) / 100 : 0;
  const amount = (whole + cents) * (m[3] ? MULTIPLIERS[m[3]]! : 1);
  if (!Number.isFinite(amount) || amount <= 0) throw refuse();
  return Math.round(amount * 100) / 100;
}
