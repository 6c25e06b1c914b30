import type { Category, DesiredOutcome, Language } from '../triage/index.js';
import type { CaseStatus } from '../model/lifecycle.js';
import { maskContact, maskPersonalData, maskPersonName } from '../privacy/mask-personal-data.js';
import { describeSolution, solutionTypeName } from '../templates/solution-text.js';
import type { SolutionProposal } from '../ports.js';
import { CATEGORY_LABELS, SATISFACTION_LABELS, STATUS_LABELS, label } from './labels.js';
import { localDateString, localDateTimeString } from '../calendar/zoned-time.js';

/** One archived case with what the registration table (投诉信息登记表) needs. */
export interface ExportCaseRow {
  id: string;
  number: string;
  createdAt: Date;
  status: CaseStatus;
  category: Category | null;
  urgent: boolean;
  orderNumber: string | null;
  summary: string;
  desiredOutcome: DesiredOutcome | null;
  departmentKey: string | null;
  closeDueAt: Date | null;
  resolvedAt: Date | null;
  satisfactionScore: number | null;
  satisfactionComment: string | null;
  customerName: string | null;
  customerContact: string | null;
  /** The owner's result text from the latest "resolved" audit event. */
  resultText: string | null;
  acceptedSolution: SolutionProposal | null;
}

export interface ExportOptions {
  language: Language;
  timeZone: string;
  departmentName: (key: string, language: Language) => string;
  /**
   * The export is masked like everything staff see (names, contacts, personal data in the
   * texts); `unmasked` is for an admin who asks for it explicitly, and the CLI audits it.
   */
  unmasked?: boolean;
}

type Column = { header: Record<Language, string>; value: (r: ExportCaseRow, o: ExportOptions, index: number) => string };

const WORDS = {
  wants: { 'zh-Hans': '诉求', 'zh-Hant': '訴求', en: 'wants' },
  done: { 'zh-Hans': '完成', 'zh-Hant': '完成', en: 'done' },
  notRated: { 'zh-Hans': '未评价', 'zh-Hant': '未評價', en: 'not rated' },
  urgent: { 'zh-Hans': '紧急', 'zh-Hant': '緊急', en: 'urgent' },
} satisfies Record<string, Record<Language, string>>;

function coreDemand(r: ExportCaseRow, lang: Language): string {
  if (!r.desiredOutcome) return r.summary;
  const wants = solutionTypeName(r.desiredOutcome, lang);
  return lang === 'en' ? `${r.summary} (${WORDS.wants.en}: ${wants})` : `${r.summary}（${WORDS.wants[lang]}：${wants}）`;
}

/** "4（满意）", "4 (satisfied)". */
function satisfaction(score: number, lang: Language): string {
  const word = label(SATISFACTION_LABELS, String(score), lang);
  return lang === 'en' ? `${score} (${word})` : `${score}（${word}）`;
}

function result(r: ExportCaseRow, o: ExportOptions): string {
  const status = STATUS_LABELS[r.status][o.language];
  if (!r.resolvedAt) return status;
  const when = `${localDateString(r.resolvedAt, o.timeZone)} ${WORDS.done[o.language]}`;
  if (!r.resultText) return when;
  return o.language === 'en' ? `${when}: ${r.resultText}` : `${when}：${r.resultText}`;
}

/**
 * The columns of the seeds' registration table, in its order, with the case number, the
 * agreed solution, the customer's comment and the status after them.
 */
export const EXPORT_COLUMNS: Column[] = [
  { header: { 'zh-Hans': '序号', 'zh-Hant': '序號', en: 'No.' }, value: (_r, _o, i) => String(i + 1) },
  { header: { 'zh-Hans': '案件编号', 'zh-Hant': '案件編號', en: 'Case number' }, value: (r) => r.number },
  { header: { 'zh-Hans': '客户姓名', 'zh-Hant': '客戶姓名', en: 'Customer' }, value: (r) => r.customerName ?? '' },
  { header: { 'zh-Hans': '联系方式', 'zh-Hant': '聯絡方式', en: 'Contact' }, value: (r) => r.customerContact ?? '' },
  { header: { 'zh-Hans': '订单号/合同号', 'zh-Hant': '訂單號/合約號', en: 'Order number' }, value: (r) => r.orderNumber ?? '' },
  { header: { 'zh-Hans': '投诉时间', 'zh-Hant': '投訴時間', en: 'Received' }, value: (r, o) => localDateTimeString(r.createdAt, o.timeZone) },
  {
    header: { 'zh-Hans': '投诉类型', 'zh-Hant': '投訴類型', en: 'Type' },
    value: (r, o) => `${label(CATEGORY_LABELS, r.category ?? 'uncategorised', o.language)}${r.urgent ? ` (${WORDS.urgent[o.language]})` : ''}`,
  },
  { header: { 'zh-Hans': '核心诉求描述', 'zh-Hant': '核心訴求描述', en: 'Core demand' }, value: (r, o) => coreDemand(r, o.language) },
  { header: { 'zh-Hans': '责任部门', 'zh-Hant': '責任部門', en: 'Department' }, value: (r, o) => (r.departmentKey ? o.departmentName(r.departmentKey, o.language) : '') },
  { header: { 'zh-Hans': '处理时限', 'zh-Hant': '處理時限', en: 'Deadline' }, value: (r, o) => (r.closeDueAt ? localDateTimeString(r.closeDueAt, o.timeZone) : '') },
  { header: { 'zh-Hans': '处理结果', 'zh-Hant': '處理結果', en: 'Result' }, value: result },
  {
    header: { 'zh-Hans': '客户满意度', 'zh-Hant': '客戶滿意度', en: 'Satisfaction' },
    value: (r, o) => (r.satisfactionScore === null ? WORDS.notRated[o.language] : satisfaction(r.satisfactionScore, o.language)),
  },
  { header: { 'zh-Hans': '解决方案', 'zh-Hant': '解決方案', en: 'Solution' }, value: (r, o) => (r.acceptedSolution ? describeSolution(r.acceptedSolution, o.language) : '') },
  { header: { 'zh-Hans': '客户评价', 'zh-Hant': '客戶評價', en: 'Customer comment' }, value: (r) => r.satisfactionComment ?? '' },
  { header: { 'zh-Hans': '案件状态', 'zh-Hant': '案件狀態', en: 'Status' }, value: (r, o) => STATUS_LABELS[r.status][o.language] },
];

/** The row as a staff member may read it: personal data masked, the order number kept. */
function maskedRow(r: ExportCaseRow): ExportCaseRow {
  const mask = (text: string | null) => (text === null ? null : maskPersonalData(text, { keep: [r.orderNumber] }));
  return {
    ...r,
    customerName: r.customerName === null ? null : maskPersonName(r.customerName),
    customerContact: maskContact(r.customerContact),
    summary: mask(r.summary)!,
    resultText: mask(r.resultText),
    satisfactionComment: mask(r.satisfactionComment),
    acceptedSolution: r.acceptedSolution ? { ...r.acceptedSolution, text: mask(r.acceptedSolution.text)!, effectiveBy: mask(r.acceptedSolution.effectiveBy ?? null) } : null,
  };
}

/** Header row plus one row per case, numbered from 1 in the order given; masked unless `unmasked`. */
export function exportTable(rows: readonly ExportCaseRow[], o: ExportOptions): string[][] {
  const header = EXPORT_COLUMNS.map((c) => c.header[o.language]);
  const shown = o.unmasked ? rows : rows.map(maskedRow);
  return [header, ...shown.map((r, i) => EXPORT_COLUMNS.map((c) => c.value(r, o, i)))];
}
