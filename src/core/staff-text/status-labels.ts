import type { CaseStatus, CaseTransition } from '../model/lifecycle.js';
import type { Language } from '../triage/index.js';

/** A status in words, the one wording for cards, replies, the audit trail, reports and exports. */
export const STATUS_WORDS: Record<Language, Record<CaseStatus, string>> = {
  en: {
    received: 'Received',
    awaiting_evidence: 'Waiting for evidence',
    routed: 'Unclaimed',
    claimed: 'Claimed',
    solution_proposed: 'Solution proposed',
    agreed: 'Agreed',
    in_progress: 'In progress',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  'zh-Hans': {
    received: '已受理',
    awaiting_evidence: '等待补充材料',
    routed: '待认领',
    claimed: '已认领',
    solution_proposed: '方案待确认',
    agreed: '方案已同意',
    in_progress: '处理中',
    resolved: '已解决',
    closed: '已结案',
  },
  'zh-Hant': {
    received: '已受理',
    awaiting_evidence: '等待補充資料',
    routed: '待認領',
    claimed: '已認領',
    solution_proposed: '方案待確認',
    agreed: '方案已同意',
    in_progress: '處理中',
    resolved: '已解決',
    closed: '已結案',
  },
};

/** What a lifecycle move is called when staff are told it is not possible now. */
export const TRANSITION_LABELS: Record<Language, Record<CaseTransition, string>> = {
  en: {
    request_evidence: 'for evidence',
    route: 'to the department',
    claim: 'claim',
    reassign: 'reassign',
    propose_solution: 'a solution',
    accept_solution: 'the solution',
    reject_solution: 'the solution',
    start_work: 'the work',
    resolve: 'resolve',
    close: 'close',
    reopen: 'reopen',
    unassign: 'back to the department',
    merge: 'into another case',
  },
  'zh-Hans': {
    request_evidence: '索取材料',
    route: '转交部门',
    claim: '认领',
    reassign: '改派',
    propose_solution: '提出方案',
    accept_solution: '接受方案',
    reject_solution: '拒绝方案',
    start_work: '开始处理',
    resolve: '标记解决',
    close: '结案',
    reopen: '重新打开',
    unassign: '退回部门待认领',
    merge: '合并到其他案件',
  },
  'zh-Hant': {
    request_evidence: '索取資料',
    route: '轉交部門',
    claim: '認領',
    reassign: '改派',
    propose_solution: '提出方案',
    accept_solution: '接受方案',
    reject_solution: '拒絕方案',
    start_work: '開始處理',
    resolve: '標記解決',
    close: '結案',
    reopen: '重新打開',
    unassign: '退回部門待認領',
    merge: '合併到其他案件',
  },
};

/** The icon a card or reply shows before the words (reports and exports use the words alone). */
const STATUS_ICONS: Record<CaseStatus, string> = {
  received: '📥',
  awaiting_evidence: '⏳',
  routed: '🆕',
  claimed: '🙋',
  solution_proposed: '🧩',
  agreed: '🤝',
  in_progress: '🔧',
  resolved: '✅',
  closed: '📦',
};

/** How a status reads to staff on a card or in a reply: icon and words, the same on every platform. */
export const STATUS_LABELS = Object.fromEntries(
  Object.entries(STATUS_WORDS).map(([language, words]) => [language, Object.fromEntries(Object.entries(words).map(([status, text]) => [status, `${STATUS_ICONS[status as CaseStatus]} ${text}`]))]),
) as Record<Language, Record<CaseStatus, string>>;
