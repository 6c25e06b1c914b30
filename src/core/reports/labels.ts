import type { Language } from '../triage/index.js';
import type { CaseStatus } from '../model/lifecycle.js';
import type { EscalationReason } from '../model/escalation-reason.js';
import type { SlaClockName } from '../sla/sla-clocks.js';
import { STATUS_WORDS } from '../staff-text/status-labels.js';

type Labels = Record<Language, string>;
const l = (zhHans: string, zhHant: string, en: string): Labels => ({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en });

// The category words are staff text (the compensation guidance names a case's category too); the
// reports read them from here with their other tables.
export { CATEGORY_LABELS } from '../staff-text/category-labels.js';

/** Statuses in the staff wording (staff-text/status-labels.ts), keyed by status first as the other report labels are. */
export const STATUS_LABELS = Object.fromEntries(
  (Object.keys(STATUS_WORDS.en) as CaseStatus[]).map((status) => [status, l(STATUS_WORDS['zh-Hans'][status], STATUS_WORDS['zh-Hant'][status], STATUS_WORDS.en[status])]),
) as Record<CaseStatus, Labels>;

export const SATISFACTION_LABELS: Record<number, Labels> = {
  1: l('非常不满意', '非常不滿意', 'very dissatisfied'),
  2: l('不满意', '不滿意', 'dissatisfied'),
  3: l('一般', '一般', 'neutral'),
  4: l('满意', '滿意', 'satisfied'),
  5: l('非常满意', '非常滿意', 'very satisfied'),
};

// Report headings for each clock of SLA_CLOCKS, keyed by its names so a new clock cannot reach a report as its raw key.
export const CLOCK_LABELS: Record<SlaClockName, Labels> = {
  first_response: l('首次响应', '首次回應', 'First response'),
  initial_plan: l('初步方案', '初步方案', 'Initial plan'),
  urgent_handling: l('紧急处理', '緊急處理', 'Urgent handling'),
  solution: l('提出方案', '提出方案', 'Solution proposed'),
  close: l('结案', '結案', 'Case closed'),
  result: l('结果告知', '結果告知', 'Result delivered'),
  survey: l('满意度回访', '滿意度回訪', 'Survey sent'),
  // No hours: the cadence is the desk's SLA setting, and a report may span a change of it.
  update_cadence: l('按时进度更新', '按時進度更新', 'Progress updates on time'),
};

// Keyed by the escalation vocabulary itself, so a new reason cannot reach a report as its raw key.
export const ESCALATION_LABELS: Record<EscalationReason, Labels> = {
  urgent_at_intake: l('紧急投诉', '緊急投訴', 'urgent at intake'),
  missed_update: l('未按时更新进度', '未按時更新進度', 'missed progress update'),
  unclaimed: l('超时未认领', '逾時未認領', 'unclaimed too long'),
  solution_rejected_twice: l('方案两次被拒', '方案兩次被拒', 'solution rejected twice'),
  close_deadline_passed: l('超过结案时限', '超過結案時限', 'close deadline passed'),
  low_satisfaction: l('满意度低', '滿意度低', 'low satisfaction'),
  urgent_not_handled: l('紧急投诉未及时处理', '緊急投訴未及時處理', 'urgent case not handled in time'),
  manual: l('人工升级', '人工升級', 'escalated by staff'),
};

export const REPEAT_DIMENSION_LABELS: Record<string, Labels> = {
  product: l('同一产品', '同一產品', 'same product'),
  order_prefix: l('同一订单前缀', '同一訂單前綴', 'same order prefix'),
  cue: l('同一问题特征', '同一問題特徵', 'same cue'),
};

export function label(table: Record<string, Labels>, key: string, language: Language): string {
  return table[key]?.[language] ?? key;
}
