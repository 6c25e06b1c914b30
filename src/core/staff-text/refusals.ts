import type { CaseStatus, CaseTransition } from '../model/lifecycle.js';
import type { Language } from '../triage/index.js';
import { STATUS_LABELS, TRANSITION_LABELS } from './status-labels.js';

/** A text box that was left empty. */
export type TextField = 'question' | 'update' | 'reply' | 'note' | 'solution' | 'result' | 'reason' | 'override_reason';

/** Why the desk said no, with what the sentence needs; `refusalText` puts it in words. */
export type Refusal =
  | { reason: 'staff_only' }
  | { reason: 'supervisor_only' }
  | { reason: 'not_in_department'; staff: string; number: string }
  | { reason: 'conflict_of_interest'; number: string; staff: string; namedAs?: string }
  | { reason: 'already_claimed'; number: string; owner: string }
  | { reason: 'not_owner'; number: string; owner: string }
  | { reason: 'not_found'; what: 'case' | 'solution' | 'staff' | 'message' | 'department' }
  | { reason: 'case_not_open'; number: string; status: CaseStatus }
  | { reason: 'empty_text'; field: TextField }
  | { reason: 'claim_first'; number: string }
  | { reason: 'unknown_solution_type' }
  | { reason: 'amount_required' }
  | { reason: 'amount_unreadable'; text: string }
  | { reason: 'not_awaiting_approval' }
  | { reason: 'own_proposal' }
  | { reason: 'above_approval_limit'; limit: string }
  | { reason: 'proposal_closed' }
  | { reason: 'score_range' }
  | { reason: 'already_rated'; number: string }
  | { reason: 'not_awaiting_rating'; number: string }
  | { reason: 'not_your_case'; number: string }
  | { reason: 'not_your_message' }
  | { reason: 'not_a_choice' }
  | { reason: 'no_change'; number: string }
  | { reason: 'unknown_category'; text: string }
  | { reason: 'different_customer'; number: string; other: string }
  | { reason: 'same_case'; number: string }
  | { reason: 'illegal_transition'; number: string | null; status: CaseStatus; transition: CaseTransition };

type Reason = Refusal['reason'];
type Sentence<R extends Reason> = (r: Extract<Refusal, { reason: R }>, language: Language) => string;
type Sentences = { [R in Reason]: Record<Language, Sentence<R>> };

const FIELD: Record<Language, Record<TextField, string>> = {
  en: { question: 'The question', update: 'The update', reply: 'The reply', note: 'The note', solution: 'The solution text', result: 'The result', reason: 'The reason', override_reason: 'The reason for the override' },
  'zh-Hans': { question: '问题', update: '进度更新', reply: '回复', note: '备注', solution: '方案说明', result: '处理结果', reason: '原因', override_reason: '越权处理的理由' },
  'zh-Hant': { question: '問題', update: '進度更新', reply: '回覆', note: '備註', solution: '方案說明', result: '處理結果', reason: '原因', override_reason: '越權處理的理由' },
};
const WHAT: Record<Language, Record<'case' | 'solution' | 'staff' | 'message' | 'department', string>> = {
  en: { case: 'That case', solution: 'That solution', staff: 'That staff member', message: 'That message', department: 'That department' },
  'zh-Hans': { case: '该案件', solution: '该方案', staff: '该员工', message: '该消息', department: '该部门' },
  'zh-Hant': { case: '該案件', solution: '該方案', staff: '該員工', message: '該訊息', department: '該部門' },
};
/** Status labels without their emoji, for use inside a sentence. */
const status = (s: CaseStatus, l: Language) => STATUS_LABELS[l][s].replace(/^\S+\s/, '');

const SENTENCES: Sentences = {
  staff_only: { en: () => 'Only desk staff can do that.', 'zh-Hans': () => '只有客服部门的员工可以执行此操作。', 'zh-Hant': () => '只有客服部門的員工可以執行此操作。' },
  supervisor_only: { en: () => 'Only a supervisor can do that.', 'zh-Hans': () => '只有主管可以执行此操作。', 'zh-Hant': () => '只有主管可以執行此操作。' },
  not_in_department: {
    en: (r) => `${r.staff} is not in the department handling case ${r.number}.`,
    'zh-Hans': (r) => `${r.staff} 不属于负责案件 ${r.number} 的部门。`,
    'zh-Hant': (r) => `${r.staff} 不屬於負責案件 ${r.number} 的部門。`,
  },
  conflict_of_interest: {
    en: (r) => `${r.staff} may not handle case ${r.number} (${r.namedAs ? `named in the complaint as “${r.namedAs}”` : 'a configured conflict with this customer'}).`,
    'zh-Hans': (r) => `${r.staff} 需回避案件 ${r.number}（${r.namedAs ? `投诉中提到了“${r.namedAs}”` : '与该客户存在已登记的利益冲突'}）。`,
    'zh-Hant': (r) => `${r.staff} 需迴避案件 ${r.number}（${r.namedAs ? `投訴中提到了「${r.namedAs}」` : '與該客戶存在已登記的利益衝突'}）。`,
  },
  already_claimed: {
    en: (r) => `Case ${r.number} is already claimed by ${r.owner}.`,
    'zh-Hans': (r) => `案件 ${r.number} 已由 ${r.owner} 认领。`,
    'zh-Hant': (r) => `案件 ${r.number} 已由 ${r.owner} 認領。`,
  },
  not_owner: {
    en: (r) => `Case ${r.number} is handled by ${r.owner}; only the owner (or a supervisor) can do that.`,
    'zh-Hans': (r) => `案件 ${r.number} 由 ${r.owner} 负责，只有负责人（或主管）可以执行此操作。`,
    'zh-Hant': (r) => `案件 ${r.number} 由 ${r.owner} 負責，只有負責人（或主管）可以執行此操作。`,
  },
  not_found: {
    en: (r) => `${WHAT.en[r.what]} no longer exists.`,
    'zh-Hans': (r) => `${WHAT['zh-Hans'][r.what]}不存在。`,
    'zh-Hant': (r) => `${WHAT['zh-Hant'][r.what]}不存在。`,
  },
  case_not_open: {
    en: (r) => `Case ${r.number} is ${status(r.status, 'en').toLowerCase()}.`,
    'zh-Hans': (r) => `案件 ${r.number} ${status(r.status, 'zh-Hans')}。`,
    'zh-Hant': (r) => `案件 ${r.number} ${status(r.status, 'zh-Hant')}。`,
  },
  empty_text: {
    en: (r) => `${FIELD.en[r.field]} cannot be empty.`,
    'zh-Hans': (r) => `${FIELD['zh-Hans'][r.field]}不能为空。`,
    'zh-Hant': (r) => `${FIELD['zh-Hant'][r.field]}不能為空。`,
  },
  claim_first: {
    en: (r) => `Claim case ${r.number} first.`,
    'zh-Hans': (r) => `请先认领案件 ${r.number}。`,
    'zh-Hant': (r) => `請先認領案件 ${r.number}。`,
  },
  unknown_solution_type: { en: () => 'Choose a solution type.', 'zh-Hans': () => '请选择方案类型。', 'zh-Hant': () => '請選擇方案類型。' },
  amount_required: {
    en: () => 'A refund or compensation needs an amount.',
    'zh-Hans': () => '退款或补偿必须填写金额。',
    'zh-Hant': () => '退款或補償必須填寫金額。',
  },
  amount_unreadable: {
    en: (r) => `Amount: “${r.text}” is not an amount; write it like 120, 99.50 or 5万.`,
    'zh-Hans': (r) => `金额：“${r.text}”无法识别，请写成 120、99.50 或 5万 这样的形式。`,
    'zh-Hant': (r) => `金額：「${r.text}」無法識別，請寫成 120、99.50 或 5萬 這樣的形式。`,
  },
  not_awaiting_approval: { en: () => 'This solution is not waiting for approval.', 'zh-Hans': () => '该方案不在待审批状态。', 'zh-Hant': () => '該方案不在待審批狀態。' },
  own_proposal: {
    en: () => 'Nobody can approve their own proposal; another supervisor must approve it.',
    'zh-Hans': () => '不能审批自己提出的方案，需由另一位主管审批。',
    'zh-Hant': () => '不能審批自己提出的方案，需由另一位主管審批。',
  },
  above_approval_limit: {
    en: (r) => `This amount is above your approval limit of ${r.limit}; a supervisor whose limit covers it (or the top approver) must approve it.`,
    'zh-Hans': (r) => `该金额超出您的审批权限（${r.limit}），需由权限足够的主管（或最高审批人）审批。`,
    'zh-Hant': (r) => `該金額超出您的審批權限（${r.limit}），需由權限足夠的主管（或最高審批人）審批。`,
  },
  proposal_closed: { en: () => 'This proposal is no longer open.', 'zh-Hans': () => '该方案已失效。', 'zh-Hant': () => '該方案已失效。' },
  score_range: { en: () => 'Please choose a score from 1 to 5.', 'zh-Hans': () => '请选择 1 到 5 分。', 'zh-Hant': () => '請選擇 1 到 5 分。' },
  already_rated: {
    en: (r) => `Case ${r.number} has already been rated. Thank you!`,
    'zh-Hans': (r) => `案件 ${r.number} 已经评价过了，谢谢！`,
    'zh-Hant': (r) => `案件 ${r.number} 已經評價過了，謝謝！`,
  },
  not_awaiting_rating: {
    en: (r) => `Case ${r.number} is not waiting for a rating.`,
    'zh-Hans': (r) => `案件 ${r.number} 目前无需评价。`,
    'zh-Hant': (r) => `案件 ${r.number} 目前無需評價。`,
  },
  not_your_case: {
    en: (r) => `Case ${r.number} belongs to another customer.`,
    'zh-Hans': (r) => `案件 ${r.number} 属于其他客户。`,
    'zh-Hant': (r) => `案件 ${r.number} 屬於其他客戶。`,
  },
  not_your_message: {
    en: () => 'Only the customer who wrote that message can choose where it goes.',
    'zh-Hans': () => '只有发送该消息的客户可以选择它属于哪个案件。',
    'zh-Hant': () => '只有傳送該訊息的客戶可以選擇它屬於哪個案件。',
  },
  not_a_choice: { en: () => 'That case was not one of the choices; please use the buttons.', 'zh-Hans': () => '该案件不在可选范围内，请使用按钮选择。', 'zh-Hant': () => '該案件不在可選範圍內，請使用按鈕選擇。' },
  no_change: {
    en: (r) => `Case ${r.number} already has those labels; nothing changed.`,
    'zh-Hans': (r) => `案件 ${r.number} 已是该分类/紧急程度，未作更改。`,
    'zh-Hant': (r) => `案件 ${r.number} 已是該分類/緊急程度，未作更改。`,
  },
  unknown_category: {
    en: (r) => `“${r.text}” is not a category; choose one from the list.`,
    'zh-Hans': (r) => `“${r.text}”不是有效的分类，请从列表中选择。`,
    'zh-Hant': (r) => `「${r.text}」不是有效的分類，請從列表中選擇。`,
  },
  different_customer: {
    en: (r) => `Case ${r.number} and case ${r.other} are from different customers: link them instead of merging.`,
    'zh-Hans': (r) => `案件 ${r.number} 与案件 ${r.other} 属于不同客户，只能关联，不能合并。`,
    'zh-Hant': (r) => `案件 ${r.number} 與案件 ${r.other} 屬於不同客戶，只能關聯，不能合併。`,
  },
  same_case: {
    en: (r) => `A case cannot be linked to itself (${r.number}).`,
    'zh-Hans': (r) => `案件不能与自身关联（${r.number}）。`,
    'zh-Hant': (r) => `案件不能與自身關聯（${r.number}）。`,
  },
  illegal_transition: {
    en: (r) => `${r.number ? `Case ${r.number}` : 'The case'} is ${status(r.status, 'en').toLowerCase()}: you cannot ${TRANSITION_LABELS.en[r.transition]} now.`,
    'zh-Hans': (r) => `${r.number ? `案件 ${r.number}` : '该案件'}当前状态为“${status(r.status, 'zh-Hans')}”，现在不能${TRANSITION_LABELS['zh-Hans'][r.transition]}。`,
    'zh-Hant': (r) => `${r.number ? `案件 ${r.number}` : '該案件'}目前狀態為「${status(r.status, 'zh-Hant')}」，現在不能${TRANSITION_LABELS['zh-Hant'][r.transition]}。`,
  },
};

export function refusalText(r: Refusal, language: Language): string {
  const sentence = SENTENCES[r.reason][language] as Sentence<Reason>;
  return sentence(r as never, language);
}
