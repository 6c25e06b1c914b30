/**
 * Order, tracking and ticket numbers exactly as the customer wrote them. In order of trust:
 * a labelled one ("订单号：…", "order #…", "return 2290331", "#5540091"); an identifier whose
 * shape says so (letters with digits, or digit groups joined by dashes, that is not a date or a
 * phone number); a bare number where customers put their reference (first or last in the
 * message, in brackets); a long digit run.
 */
// Linear time on any input (issue 14): whitespace is collapsed to single spaces before
// matching, so every gap below is a bounded ` ?` and no two quantifiers compete for one run.
const LABEL_WORDS = String.raw`订单编号|订单号码|订单号|订单|订购单号|单号|运单号|快递单号|物流单号|维修单号|维修单|工单号|工单|售后单号|售后单|退货单号|退货单|退货编号|退款单号|申请单号|编号|追踪号码|追踪号|挂号号码|交易号|ordr|order(?: ?(?:number|no\.?|num|id|ref(?:erence)?))?|ord ?#|tracking(?: ?(?:number|no\.?|id|code))?|waybill(?: ?number)?|con ?note|consignment(?: ?(?:number|no\.?))?|ticket(?: ?(?:number|no\.?|id))?|case(?: ?(?:number|no\.?|id))?|(?:service |repair )?job(?: ?(?:number|no\.?))?|claim(?: ?(?:number|no\.?))?|return(?: ?(?:number|no\.?|ref))?|booking(?: ?(?:number|no\.?|ref))?|repair ?(?:ticket|number)|ref(?:erence)?(?: ?(?:number|no\.?))?|rma|invoice ?(?:number|no\.?)`;
const ID = String.raw`([A-Za-z0-9](?:[A-Za-z0-9]|[-_](?=[A-Za-z0-9]))*)`;
const LABEL = new RegExp(String.raw`(?<![a-z])(?:${LABEL_WORDS}) ?(?:[#№:：=]|是|为|系|係|号|號|is|was)? ?(?:is|was|是|为|系|係|[:：])? ?#? ?${ID}`, 'gi');
/**
 * A labelled reference written in spaced groups, as printed on labels and read out on the phone:
 * "订单 sf 6620 3318 09", "tracking ref ukp 5520 9981", "单号是 7789 0012 3345". Short groups only
 * (first 2–6 digits, then 2–4), so a tracking number followed by a phone number is never joined.
 */
const LABEL_SPACED = new RegExp(String.raw`(?<![a-z])(?:${LABEL_WORDS}) ?(?:[#№:：=]|是|为|系|係|号|號|is|was)? ?(?:is|was|是|为|系|係|[:：])? ?#? ?((?:[A-Za-z]{1,4} ?)?\d{2,6}(?: \d{2,4}){1,4})(?![A-Za-z0-9])`, 'gi');
const ORDER_WORD = /^(?:order|ordr|订单|单号)/i;
const HASH = new RegExp(String.raw`(?<![A-Za-z0-9&])# ?${ID}`, 'g');
/** Every token of letters, digits and inner dashes; its shape is judged in code, not in the pattern. */
const TOKEN = /(?<![A-Za-z0-9_-])[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*(?![A-Za-z0-9])/g;
const MOBILE = /^(?:86)?1[3-9]\d{9}$|^09\d{2}-?\d{3}-?\d{3}$/;
const DATE = /^(?:19|20)\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])$/;
const CASE_NUMBER = /^CMP-\d{8}-\d+$/i;
/** Words just before a number that make it something else: a phone, a postcode, a batch, a model, money. */
const NOT_AN_ORDER_BEFORE = /(?:电话|手机|号码是|phone|mobile|tel|call|whatsapp|wechat|微信|邮编|postcode|zip|batch|lot|model|型号|批号|批次|sku|serial|s\/n|imei|coupon|code|优惠码|[$¥£€₹]|hk\$|nt\$|rmb|usd|hkd|twd|元|块)(?: ?(?:number|no\.?|号|號))?[\s:：#.]*$/i;
/** Units after a number that make it a quantity or money. */
const NOT_AN_ORDER_AFTER = /^\s?(?:元|块|蚊|円|%|km|kg|cm|mm|ml|pcs|个|件|次|天|日|号|號|年|月|hours?|days?|mins?|dollars?|bucks|rmb|hkd|usd|twd|pounds?)/i;
const WHERE_REFERENCES_GO = /[(（[【]\s*$/;
/** What may come before a reference given first: nothing, or a greeting ("Hi, 66208871."). */
const OPENING = /^[\s\p{P}]*(?:(?:hi|hello|hey|dear|你好|您好|哈啰|哈囉)(?: team| there| all)?[\s\p{P}]*)?$/iu;
/** …and after one given last, or named as the order right after it ("20931177呢張單"). */
const CLOSING = /^[\s\p{P}]*$/u;
const NAMED_AFTER = /^\s?(?:呢张单|呢单|这张单|这单|嗰张单|张单|的订单|订单)/;
/** Public hotlines are never order numbers: "我要打12315". */
const HOTLINES = new Set(['12315', '12345', '12348', '12366', '1925', '1950', '1999']);

/**
 * A number the customer labels as the order: shorter ones count ("order 5512"), and one shaped like
 * a mobile number is taken at its word ("訂單 0981276634"); years and hotlines still are not.
 */
function plausibleWhenLabelled(token: string, label: string, after: string): boolean {
  // Four digits only after the word "order" itself (a ticket or a case is not the order) and not as
  // one group of a spaced number ("5523 8891").
  if (/^\d{4}$/.test(token)) return ORDER_WORD.test(label) && !/^ ?\d/.test(after) && !/^(?:19|20)\d{2}$/.test(token) && !HOTLINES.has(token);
  if (MOBILE.test(token)) return true;
  return plausible(token);
}

/**
 * Spaced groups after a label are one reference when they carry a letter prefix or three groups
 * or more; two bare groups of four ("5523 8891") read as a Hong Kong phone number, and a date
 * ("2026 11 29") or a quantity ("123456 12 件") is not a reference.
 */
function spacedReference(spaced: string, after: string): boolean {
  const digits = spaced.replace(/\D/g, '');
  const groups = spaced.split(' ').filter((g) => /\d/.test(g)).length;
  if (digits.length < 6 || DATE.test(digits) || NOT_AN_ORDER_AFTER.test(after)) return false;
  return /[A-Za-z]/.test(spaced) || groups >= 3;
}

function plausible(token: string): boolean {
  const digits = token.replace(/\D/g, '').length;
  if (digits === 0 || token.length < 4) return false;
  if (/^\d+$/.test(token) && token.length < 5) return false;
  if (MOBILE.test(token) || DATE.test(token) || CASE_NUMBER.test(token) || HOTLINES.has(token)) return false;
  return digits >= 3;
}

/** Letters with digits (SF1234567890, YT77120983HK, TW-EX-55612098) or digit groups joined by dashes (11-40021). */
function shapedLikeAnId(token: string): boolean {
  const digits = token.replace(/\D/g, '').length;
  const letters = /[A-Za-z]/.test(token);
  // "20000mAh", "500ml": a quantity with its unit, not an identifier.
  if (/^\d+[A-Za-z]{1,3}$/.test(token) && /[a-z]/.test(token)) return false;
  // A shop's short lower-case prefix on a long number: "yd8801923374", "jd_9920183345".
  if (/^[a-z]{1,4}_?\d{6,}[a-z]{0,3}$/i.test(token)) return true;
  if (letters) return digits >= 4 && /[A-Z]/.test(token) && !/[a-z]{3,}/.test(token) && /\d{3,}/.test(token);
  return token.includes('-') && digits >= 5 && !/^\d{4}-\d{1,2}-\d{1,2}$/.test(token) && !/^\d{1,2}-\d{1,2}-\d{4}$/.test(token);
}

export function extractOrderNumber(text: string): string | null {
  // Every plausible identifier has digits: most messages need no pattern at all.
  if (!/\d/.test(text)) return null;
  const t = text.normalize('NFKC').replace(/\s+/g, ' ');
  for (const m of t.matchAll(LABEL_SPACED)) {
    if (spacedReference(m[1]!, t.slice(m.index + m[0].length, m.index + m[0].length + 8))) return m[1]!;
  }
  for (const m of t.matchAll(LABEL)) {
    const token = m[1]!;
    if (plausibleWhenLabelled(token, m[0], t.slice(m.index + m[0].length, m.index + m[0].length + 2))) return token;
  }
  for (const m of t.matchAll(HASH)) {
    const token = m[1]!;
    if (/\d{4,}/.test(token) && !CASE_NUMBER.test(token)) return token;
  }
  let bare: string | null = null;
  let long: string | null = null;
  for (const m of t.matchAll(TOKEN)) {
    const token = m[0];
    const at = m.index;
    const before = t.slice(Math.max(0, at - 12), at);
    const after = t.slice(at + token.length, at + token.length + 8);
    if (!plausible(token) || NOT_AN_ORDER_BEFORE.test(before) || NOT_AN_ORDER_AFTER.test(after)) continue;
    if (shapedLikeAnId(token)) return token;
    if (!/^\d+$/.test(token)) continue;
    if (token.length >= 10) long ??= token;
    // Customers put a bare reference first, last or in brackets: "81720033 — the seat…", "…，20931177".
    // Only a short opening or closing can qualify: looking at more would make long texts quadratic.
    const end = at + token.length;
    const placed = (at <= 24 && OPENING.test(t.slice(0, at))) || (t.length - end <= 8 && CLOSING.test(t.slice(end))) || WHERE_REFERENCES_GO.test(before) || NAMED_AFTER.test(after);
    if (token.length <= 12 && placed) bare ??= token;
  }
  return bare ?? long;
}
