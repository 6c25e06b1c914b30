/**
 * Texts built to make backtracking regular expressions explode: long runs of separators,
 * digits, punctuation and Chinese around every label word the extractors look for, in the
 * three languages (issue 14 §1). Shared by the unit test, the triage benchmark and `npm run fuzz`.
 */
export const LABEL_WORDS = [
  'order', 'order number', 'order no.', 'order id', 'ref', 'reference', 'ref no', 'tracking', 'tracking number', 'waybill', 'ticket', 'ticket no',
  'invoice number', 'rma', 'repair ticket',
  '订单', '订单号', '订单编号', '单号', '运单号', '快递单号', '工单', '售后单号', '交易号',
  '訂單', '訂單號', '訂單編號', '單號', '運單號', '快遞單號', '工單', '售後單號',
];

const RUNS: Record<string, string> = {
  spaces: ' ',
  newlines: '\n',
  tabs: '\t \n',
  digits: '1',
  'digit-dash': '12-',
  'code-dash': 'A1-',
  'comma-digits': '1,',
  punctuation: '#:：=',
  'is-was': ' is was 是 为 ',
  'chinese-numerals': '一二三',
  chinese: '坏了不是没有',
  currency: '¥1',
  letters: 'ab',
  question: '? ',
};

export interface PathologicalText {
  name: string;
  text: string;
}

/** Every run kind alone, and around every label word, each `length` characters long. */
export function pathologicalTexts(length = 10_000): PathologicalText[] {
  const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const out: PathologicalText[] = [];
  for (const [kind, unit] of Object.entries(RUNS)) {
    out.push({ name: `${kind} run`, text: fill(unit, length) });
    for (const word of LABEL_WORDS) {
      const body = fill(unit, length - word.length - 1);
      out.push({ name: `${word} + ${kind} + !`, text: `${word}${body}!` });
    }
    out.push({ name: `label words + ${kind}`, text: fill(LABEL_WORDS.map((w) => w + unit.repeat(3)).join(''), length) });
  }
  out.push({ name: 'negated cues', text: fill('不坏了没有不是冒烟没漏电', length) });
  out.push({ name: 'english cues', text: fill('not broken no refund never delivered ', length) });
  out.push({ name: 'all label words', text: fill(LABEL_WORDS.join(''), length) });
  return out;
}
