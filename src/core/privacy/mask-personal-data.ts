/**
 * The desk's one masking rule for personal data in text staff read: phone numbers (mainland,
 * Hong Kong, Taiwan, international), e-mail addresses, ID-card numbers (mainland, HK, TW) and
 * bank-card numbers. Order numbers survive: staff need them, so bank cards must pass the Luhn
 * check, ID numbers their shape or check digit, and a number labelled as an order is kept.
 *
 * Every pattern uses bounded quantifiers and at most one optional separator between groups,
 * so the work per start position is constant and a whole text is masked in linear time.
 */

export interface MaskOptions {
  /** Tokens never masked, e.g. the case's order number. */
  keep?: readonly (string | null | undefined)[];
}

const MASK = '****';
// A number glued to letters, digits or a hyphen is part of a code ("TB-2026-8817"), not a number of its own.
const B = '(?<![A-Za-z0-9-])';
const E = '(?![A-Za-z0-9-])';
// An 8-digit Hong Kong number is also the shape of any group in a longer digit run.
const HK_B = '(?<![A-Za-z0-9-])(?<!\\d[ ])';
const HK_E = '(?![A-Za-z0-9-])(?![ ]\\d)';

// Fullwidth digits, letters and the few signs numbers and addresses use (＋（）－＠) read as ASCII.
const FULLWIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0B\uFF08\uFF09\uFF0D\uFF20]/g;
const toHalfwidth = (s: string) => s.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const CN_ID = new RegExp(`${B}[1-8]\\d{5}(?:19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${E}`, 'g');
const HK_ID = new RegExp(`${B}([A-Z]{1,2})(\\d{6})(?:\\(([0-9A])\\)|([0-9A])${E})`, 'g');
const TW_ID = new RegExp(`${B}[A-Z][1289]\\d{8}${E}`, 'g');
const BANK_CARD = new RegExp(`${B}(?:\\d{13,19}|\\d{4}(?:[ -]\\d{4}){2,3}(?:[ -]\\d{1,4})?|\\d{4}[ -]\\d{6}[ -]\\d{4,5})${E}`, 'g');
// "+" and a bounded run of digits and single separators; split into country code and number below.
const INTERNATIONAL = /(?<![A-Za-z0-9+])\+ ?\d[\d ().-]{4,24}\d(?![A-Za-z0-9])/g;
const CN_MOBILE = new RegExp(`${B}(86[ -]?)?(1[3-9]\\d)[ -]?(\\d{4})[ -]?(\\d{4})${E}`, 'g');
const TW_MOBILE = new RegExp(`${B}(09\\d{2})[ -]?(\\d{3})[ -]?(\\d{3})${E}`, 'g');
// Area code (0 + 1–3 digits, maybe in parentheses) then 6–8 digits in at most two groups.
const LANDLINE = new RegExp(`${B}(\\(0\\d{1,3}\\)|0\\d{1,3})([ -]?)(\\d{2,4})[ -]?(\\d{4})${E}`, 'g');
const HK_NUMBER = new RegExp(`${HK_B}([2-9]\\d{3})([ -]?)(\\d{4})${HK_E}`, 'g');

const ORDER_LABEL = /(?:订单|訂單|单号|單號|编号|編號|order|tracking|waybill|ticket|invoice|ref(?:erence)?|rma)\s{0,2}(?:number|no\.?|num|id|#)?\s{0,2}[#:：=]?\s{0,2}(?:is|是|为|為)?\s{0,2}$/i;
const YYYYMMDD = /^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;

/** ITU country calling codes form a prefix code: at most one of the 1-, 2- and 3-digit prefixes is a code. */
const CALLING_CODES = new Set(
  (
    '1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 ' +
    '211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 ' +
    '350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 ' +
    '500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 ' +
    '850 852 853 855 856 880 886 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 992 993 994 995 996 998'
  ).split(' '),
);

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Keeps the first and last few digits of a number: "13812345678" → "138****5678". */
function maskDigits(d: string): string {
  if (d.length >= 11) return `${d.slice(0, 3)}${MASK}${d.slice(-4)}`;
  if (d.length >= 9) return `${d.slice(0, 3)}${MASK}${d.slice(-3)}`;
  if (d.length >= 6) return `${d.slice(0, 2)}${MASK}${d.slice(-2)}`;
  return MASK;
}

function luhn(d: string): boolean {
  let sum = 0;
  for (let i = 0; i < d.length; i++) {
    let n = d.charCodeAt(d.length - 1 - i) - 48;
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Hong Kong identity card check digit (mod 11; "A" stands for 10). */
function hkIdValid(letters: string, digits: string, check: string): boolean {
  const values = [...(letters.length === 1 ? ' ' : ''), ...letters].map((ch) => (ch === ' ' ? 36 : ch.charCodeAt(0) - 55));
  let sum = 0;
  values.forEach((v, i) => (sum += v * (9 - i)));
  for (let i = 0; i < 6; i++) sum += (digits.charCodeAt(i) - 48) * (7 - i);
  const expected = (11 - (sum % 11)) % 11;
  return (expected === 10 ? 'A' : String(expected)) === check;
}

const TW_LETTER = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';
/** Taiwan national ID / resident certificate check digit. */
function twIdValid(id: string): boolean {
  const n = TW_LETTER.indexOf(id[0]!) + 10;
  const weights = [8, 7, 6, 5, 4, 3, 2, 1];
  let sum = Math.floor(n / 10) + (n % 10) * 9;
  for (let i = 0; i < 8; i++) sum += (id.charCodeAt(i + 1) - 48) * weights[i]!;
  sum += id.charCodeAt(9) - 48;
  return sum % 10 === 0;
}

function maskInternational(raw: string): string {
  const body = raw.slice(1).trimStart();
  const groups = body.split(/[ .-]/).filter((g) => g.length > 0);
  // "(+86) 138…": the closing parenthesis belongs to the country code as written.
  const closed = /^\d{1,3}\)$/.test(groups[0] ?? '');
  const first = closed ? groups[0]!.slice(0, -1) : (groups[0] ?? '');
  let code: string;
  let rest: string[];
  if (/^\d{1,3}$/.test(first) && groups.length > 1 && CALLING_CODES.has(first)) {
    code = first;
    rest = groups.slice(1);
  } else {
    const d = digitsOf(first);
    code = [1, 2, 3].map((n) => d.slice(0, n)).find((p) => CALLING_CODES.has(p)) ?? d.slice(0, Math.min(3, d.length));
    rest = [first.replace(/^\D*/, '').slice(code.length), ...groups.slice(1)];
  }
  // "(0)" is the trunk prefix written for callers at home; it is not part of the number.
  let national = '';
  let used = 0;
  for (const g of rest) {
    const d = digitsOf(g.replace(/^\(0\)/, ''));
    // E.164 numbers have at most 15 digits; a short trailing group ("… 3 pcs") is not part of one.
    if (national.length >= 7 && (d.length <= 2 || code.length + national.length + d.length > 15)) break;
    national += d;
    used++;
  }
  const leftover = rest.slice(used).join(' ');
  return `+${code}${closed ? ')' : ''} ${maskDigits(national)}${leftover ? ` ${leftover}` : ''}`;
}

type Replacer = (match: string, ...groups: (string | undefined)[]) => string | null;

/**
 * Masks personal data in `text`. The same text, masked again, stays the same.
 *
 *   "电话 13812345678" → "电话 138****5678"; "+86 138 1234 5678" → "+86 138****5678";
 *   "zhang.wei@example.com" → "z***@example.com"; "订单号 202611230042" is kept.
 */
export function maskPersonalData(text: string, opts: MaskOptions = {}): string {
  if (!text) return text;
  const keep = new Set((opts.keep ?? []).filter((k): k is string => !!k).map((k) => digitsOf(k) || k));
  let out = toHalfwidth(text);
  const apply = (pattern: RegExp, replace: Replacer) => {
    out = out.replace(pattern, (match: string, ...args: unknown[]) => {
      const offset = args.find((a) => typeof a === 'number') as number;
      if (keep.has(digitsOf(match)) || keep.has(match)) return match;
      if (ORDER_LABEL.test(out.slice(Math.max(0, offset - 24), offset))) return match;
      return replace(match, ...(args.slice(0, args.indexOf(offset)) as (string | undefined)[])) ?? match;
    });
  };
  out = out.replace(EMAIL, (m) => `${m[0]}***${m.slice(m.indexOf('@'))}`);
  apply(CN_ID, (m) => `${m.slice(0, 3)}${MASK}${m.slice(-4)}`);
  apply(HK_ID, (m, letters, digits, bracketed, bare) => {
    const check = bracketed ?? bare ?? '';
    if (bare !== undefined && !hkIdValid(letters!, digits!, bare)) return null;
    return `${letters}${MASK}(${check})`;
  });
  apply(TW_ID, (m) => (twIdValid(m) ? `${m.slice(0, 2)}${MASK}${m.slice(-3)}` : null));
  apply(BANK_CARD, (m) => {
    const d = digitsOf(m);
    // "8613812345678" is a mobile with its country code, whatever its Luhn sum.
    return d.length >= 13 && luhn(d) && !/^861[3-9]\d{9}$/.test(d) ? `${d.slice(0, 4)}${MASK}${d.slice(-4)}` : null;
  });
  apply(INTERNATIONAL, (m) => (digitsOf(m).length >= 7 ? maskInternational(m) : null));
  apply(CN_MOBILE, (_m, prefix, a, _b, c) => `${prefix ? `${prefix.replace(/[ -]$/, '')} ` : ''}${a}${MASK}${c}`);
  apply(TW_MOBILE, (_m, a, _b, c) => `${a}${MASK}${c}`);
  apply(LANDLINE, (m, area, sep, a, b) => {
    const local = `${a}${b}`;
    if (local.length < 6) return null;
    // Written with a separator or parentheses the area code is known; otherwise only the digits are.
    return sep || area!.startsWith('(') ? `${area}${sep}${MASK}${local.slice(-4)}` : maskDigits(digitsOf(m));
  });
  apply(HK_NUMBER, (m, a, sep, b) => (!sep && YYYYMMDD.test(`${a}${b}`) ? null : `${a!.slice(0, 2)}${MASK}${b!.slice(-2)}`));
  return out;
}

/**
 * A stored contact as staff see it: masked like any text, and hidden whole when it is in no
 * shape the desk recognises (a WeChat id, a postal address), because it is personal by definition.
 */
export function maskContact(contact: string | null): string | null {
  if (!contact) return null;
  const masked = maskPersonalData(contact);
  return masked === toHalfwidth(contact) ? MASK : masked;
}

/** A customer's name on a card or in a list: Chinese names keep the surname, Latin names the first name and initial. */
export function maskPersonName(name: string | null): string {
  if (!name?.trim()) return 'Customer';
  const trimmed = name.trim();
  if (/^[\p{Script=Han}]+$/u.test(trimmed)) return `${trimmed[0]}**`;
  const [first, last] = trimmed.split(/\s+/);
  return last ? `${first} ${last[0]}.` : (first ?? 'Customer');
}
