import type { SolutionRecord, SolutionType } from '../ports.js';
import type { Language } from '../triage/index.js';

const TYPE_NAMES: Record<SolutionType, Record<Language, string>> = {
  refund: { 'zh-Hans': '退款', 'zh-Hant': '退款', en: 'refund' },
  replacement: { 'zh-Hans': '换货', 'zh-Hant': '換貨', en: 'replacement' },
  repair: { 'zh-Hans': '维修', 'zh-Hant': '維修', en: 'repair' },
  compensation: { 'zh-Hans': '补偿', 'zh-Hant': '補償', en: 'compensation' },
  apology: { 'zh-Hans': '致歉', 'zh-Hant': '致歉', en: 'apology' },
  explanation: { 'zh-Hans': '情况说明', 'zh-Hant': '情況說明', en: 'explanation' },
};

export function solutionTypeName(type: SolutionType, language: Language): string {
  return TYPE_NAMES[type][language];
}

/** One line a customer can read: "退款 ¥120.00（11月28日前到账）：……". */
export function describeSolution(s: Pick<SolutionRecord, 'type' | 'amount' | 'currency' | 'effectiveBy' | 'text'>, language: Language): string {
  const zh = language !== 'en';
  const parts = [TYPE_NAMES[s.type][language]];
  if (s.amount != null) parts.push(`${s.currency ?? ''} ${s.amount.toFixed(2)}`.trim());
  let line = parts.join(' ');
  if (s.effectiveBy) line += zh ? `（${s.effectiveBy}）` : ` (${s.effectiveBy})`;
  // The templates end the sentence themselves.
  return `${line}${zh ? '：' : ': '}${s.text.trim().replace(/[。.！!]+$/u, '')}`;
}
