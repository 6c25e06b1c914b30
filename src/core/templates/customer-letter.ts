import type { Language } from '../triage/index.js';
import type { CaseRecord, CustomerRecord, SolutionRecord } from '../ports.js';
import { describeSolution } from './solution-text.js';
import { renderTemplate, type TemplateSet } from './render-template.js';
import type { TemplateValues } from './template-catalog.js';

export type LetterKind = 'apology' | 'explanation';
export const LETTER_TEMPLATE = { apology: 'apology_letter', explanation: 'explanation_letter' } as const;
export type LetterTemplateKey = (typeof LETTER_TEMPLATE)[LetterKind];
export type LetterValues = TemplateValues<LetterTemplateKey>;

type Words = Record<Language, string>;
const w = (zhHans: string, zhHant: string, en: string): Words => ({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en });

/** What a letter says when the case has no value for a field: words, never a blank. */
const FALLBACK = {
  customer: w('客户', '客戶', 'customer'),
  orderNumber: w('未提供', '未提供', 'not provided'),
  amount: w('无', '無', 'none'),
  effectiveBy: w('我们会在进展通知中告知', '我們會在進展通知中告知', 'we will confirm it in our progress updates'),
  solution: w('按与您确认的方案处理', '按與您確認的方案處理', 'as agreed with you'),
};

/** The complaint's subject as it reads inside a sentence of the letter. */
const TOPIC: Record<string, Words> = {
  product: w('产品质量', '產品品質', 'a product quality problem'),
  service: w('服务', '服務', 'our service'),
  logistics: w('物流配送', '物流配送', 'a delivery problem'),
  billing: w('账单费用', '帳單費用', 'a billing problem'),
  after_sales: w('售后服务', '售後服務', 'after-sales service'),
  privacy_security: w('个人信息安全', '個人資料安全', 'the security of your personal data'),
  none: w('相关', '相關', 'the problem you reported'),
};

const LOCALE: Record<Language, string> = { 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW', en: 'en-GB' };

/** "2026年11月23日" / "23 November 2026", in the desk's time zone. */
export function formatLetterDate(at: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(at);
}

/** "¥120.00" / "CN¥120.00"; an unknown currency code is written out: "XYZ 120.00". */
export function formatMoney(amount: number, currency: string, language: Language): string {
  try {
    return new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency }).format(amount);
  } catch {
    return `${currency} ${amount.toFixed(2)}`;
  }
}

export interface LetterInput {
  kind: LetterKind;
  caseRecord: Pick<CaseRecord, 'number' | 'orderNumber' | 'category' | 'createdAt' | 'language'>;
  customer: Pick<CustomerRecord, 'displayName'> | null;
  /** The solution the letter announces: the one offered, or the one agreed when resolving. */
  solution: Pick<SolutionRecord, 'type' | 'amount' | 'currency' | 'effectiveBy' | 'text'> | null;
  /** The body: the owner's explanation, apology or result in their own words. */
  details: string;
  date: Date;
  timeZone: string;
}

/** Every placeholder of a letter, filled from the case in its language. */
export function letterValues(i: LetterInput): LetterValues {
  const lang = i.caseRecord.language;
  const s = i.solution;
  return {
    customer: i.customer?.displayName?.trim() || FALLBACK.customer[lang],
    number: i.caseRecord.number,
    order_number: i.caseRecord.orderNumber ?? FALLBACK.orderNumber[lang],
    received_on: formatLetterDate(i.caseRecord.createdAt, lang, i.timeZone),
    topic: (TOPIC[i.caseRecord.category ?? 'none'] ?? TOPIC.none!)[lang],
    // The free text is {details}; {solution} is the kind, amount and timing only.
    solution: s ? describeSolution({ ...s, text: '' }, lang).replace(/[：:]\s*$/, '') : FALLBACK.solution[lang],
    amount: s?.amount != null ? formatMoney(s.amount, s.currency ?? 'CNY', lang) : FALLBACK.amount[lang],
    effective_by: s?.effectiveBy?.trim() || FALLBACK.effectiveBy[lang],
    details: i.details.trim(),
    date: formatLetterDate(i.date, lang, i.timeZone),
  };
}

/** The apology or explanation-and-resolution letter (seed 002's two letter types), ready to send. */
export function renderLetter(templates: TemplateSet, i: LetterInput): string {
  return renderTemplate(templates, LETTER_TEMPLATE[i.kind], i.caseRecord.language, letterValues(i));
}

export function letterKindFor(solutionType: SolutionRecord['type']): LetterKind | null {
  return solutionType === 'apology' ? 'apology' : solutionType === 'explanation' ? 'explanation' : null;
}
