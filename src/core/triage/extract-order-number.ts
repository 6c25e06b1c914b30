/**
 * Order, tracking and ticket numbers exactly as the customer wrote them. Labelled ones
 * ("订单号：…", "order #…", "tracking number is …") win; otherwise an identifier that looks
 * like one (letters with digits, or a long digit run that is not a phone number or a date).
 */
// Linear time on any input (issue 14): whitespace is collapsed to single spaces before
// matching, so every gap below is a bounded ` ?` and no two quantifiers compete for one run.
const LABEL_WORDS = String.raw`订单编号|订单号码|订单号|订单|订购单号|单号|运单号|快递单号|物流单号|维修单号|工单号|工单|售后单号|退货单号|交易号|order(?: ?(?:number|no\.?|num|id|ref(?:erence)?))?|tracking(?: ?(?:number|no\.?|id|code))?|waybill(?: ?number)?|ticket(?: ?(?:number|no\.?|id))?|repair ?(?:ticket|number)|ref(?:erence)?(?: ?(?:number|no\.?))?|rma|invoice ?(?:number|no\.?)`;
const LABEL = new RegExp(
  String.raw`(?:${LABEL_WORDS}) ?(?:[#№:：=]|是|为|号|號|is|was)? ?(?:is|was|是|为|[:：])? ?#? ?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*)`,
  'gi',
);
const CODE = /(?<![A-Za-z0-9-])(?:[A-Z]{1,6}-?\d{4,}(?:-[A-Z0-9]+)*|[A-Z]{1,4}(?:-\d{2,}){2,}|\d{4,}(?:-\d{2,})+[A-Z]?)(?![A-Za-z0-9-])/g;
const LONG_DIGITS = /(?<![\d.,-])\d{10,20}(?![\d.,])/g;
const MOBILE = /^(?:86)?1[3-9]\d{9}$/;
const DATE = /^(?:19|20)\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])$/;
const CASE_NUMBER = /^CMP-\d{8}-\d+$/i;

function plausible(token: string): boolean {
  const digits = token.replace(/\D/g, '').length;
  if (digits === 0 || token.length < 4) return false;
  if (/^\d+$/.test(token) && token.length < 5) return false;
  if (MOBILE.test(token) || DATE.test(token) || CASE_NUMBER.test(token)) return false;
  return digits >= 3;
}

export function extractOrderNumber(text: string): string | null {
  // Every plausible identifier has digits: most messages need no pattern at all.
  if (!/\d/.test(text)) return null;
  const t = text.normalize('NFKC').replace(/\s+/g, ' ');
  for (const m of t.matchAll(LABEL)) {
    const token = m[1]!;
    if (plausible(token)) return token;
  }
  for (const m of t.matchAll(CODE)) if (plausible(m[0]) && !/^\d{4}-\d{2}-\d{2}$/.test(m[0])) return m[0];
  for (const m of t.matchAll(LONG_DIGITS)) if (plausible(m[0])) return m[0];
  return null;
}
