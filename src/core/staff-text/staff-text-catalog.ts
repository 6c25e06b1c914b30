import type { Language } from '../triage/index.js';

/**
 * Every staff-facing sentence and label the desk writes itself (nudges, escalations, SLA clock
 * names, case-card field names, staff buttons and forms), with the placeholders it may use. Unlike the
 * customer templates these ship with the code; a unit test holds every language to the
 * placeholders declared here, so no staff member reads a blank or a stray `{name}`.
 * Numbers that come from the SLA table are placeholders, never written in a text.
 */
export const STAFF_TEXT_PLACEHOLDERS = {
  sla_warning: ['number', 'clock', 'due', 'percent'],
  sla_breach: ['number', 'clock', 'due'],
  update_nudge: ['number', 'due', 'last_told'],
  nothing_told_yet: [],
  missed_update_note: ['due'],
  unclaimed_ping: ['number', 'due'],

  escalated: ['number', 'level', 'reason', 'note', 'urgent', 'owner'],
  escalated_note: ['note'],
  escalated_urgent: [],
  escalation_urgent_at_intake: [],
  escalation_missed_update: ['hours'],
  escalation_unclaimed: [],
  escalation_solution_rejected_twice: [],
  escalation_close_deadline_passed: [],
  escalation_low_satisfaction: [],
  escalation_urgent_not_handled: ['hours'],
  escalation_manual: [],
  score_note: ['score'],

  clock_first_response: [],
  clock_initial_plan: [],
  clock_urgent_handling: ['hours'],
  clock_update_cadence: ['hours'],
  clock_solution: [],
  clock_close: [],
  clock_result: [],
  clock_survey: [],

  due_in: ['span'],
  overdue_by: ['span'],
  span_minutes: ['n'],
  span_hours: ['n'],
  span_days: ['days'],
  span_days_hours: ['days', 'hours'],

  possible_urgent: ['number', 'cues', 'mark_urgent', 'not_urgent', 'by'],
  possible_urgent_unsure: [],
  marked_urgent: ['staff', 'number', 'by'],
  marked_not_urgent: ['staff', 'number'],
  reassigned_to_you: ['number'],
  customer_answered_you: ['number', 'question', 'text'],
  solution_rejected_owner: ['number', 'reason'],

  card_status: [],
  card_category: [],
  card_urgency: [],
  card_owner: [],
  card_order_number: [],
  card_customer_wants: [],
  card_customer: [],
  card_amount: [],
  card_evidence: [],
  card_missing: [],
  card_due: [],
  card_urgent: [],
  card_normal: [],
  card_escalated: ['level'],
  card_unclaimed: [],
  card_unrouted: [],
  card_no_evidence: [],
  card_evidence_attachment: [],
  card_evidence_declined: ['label'],
  card_last_told: ['text'],
  card_awaiting_approval: [],
  card_needs_human: [],
  needs_human_triage_timeout: [],
  needs_human_triage_failed: [],
  needs_human_repeated_failure: [],
  card_thread_hint: ['button', 'command'],
  card_moved: ['number', 'department', 'channel'],
  notice_possible_urgent: ['mark_urgent', 'not_urgent'],
  notice_merged: ['number'],
  notice_related: ['number'],
  notice_pending_question: ['question'],
  notice_earlier_messages: ['messages'],

  button_claim: [],
  button_escalate: [],
  button_reassign: [],
  button_ask: [],
  button_update: [],
  button_propose: [],
  button_resolve: [],
  button_reply: [],
  button_approve: [],
  button_recategorize: [],
  button_mark_urgent: [],
  button_not_urgent: [],
  button_link: [],
  button_note: [],
  button_close: [],

  form_cancel: [],
  form_send: [],
  form_save: [],
  form_change: [],
  form_propose_submit: [],
  form_ask_title: [],
  form_update_title: [],
  form_resolve_title: [],
  form_propose_title: [],
  form_link_title: [],
  form_question: ['number'],
  form_progress: ['number'],
  form_message: ['number'],
  form_result: ['number'],
  form_solution_type: ['number'],
  form_amount: [],
  form_effective_by: [],
  form_offer_message: [],
  form_new_owner: ['number'],
  form_category: ['number'],
  form_move_department: [],
  form_other_case: ['number'],
  form_link_mode: [],
  form_link_option: [],
  form_merge_option: ['number'],
  form_required_question: [],
  form_required_update: [],
  form_required_offer: [],
  form_required_result: [],
  form_required_message: [],
  form_required_category: [],
  form_required_owner: [],
  form_required_other: [],
} as const satisfies Record<string, readonly string[]>;

export type StaffTextKey = keyof typeof STAFF_TEXT_PLACEHOLDERS;
export const STAFF_TEXT_KEYS = Object.keys(STAFF_TEXT_PLACEHOLDERS) as StaffTextKey[];
export type StaffTextValues<K extends StaffTextKey> = Record<(typeof STAFF_TEXT_PLACEHOLDERS)[K][number], string | number>;
/** Keys that need no values: labels and buttons. */
export type StaffLabelKey = { [K in StaffTextKey]: (typeof STAFF_TEXT_PLACEHOLDERS)[K] extends readonly [] ? K : never }[StaffTextKey];

type Texts = Record<Language, string>;
const t = (en: string, zhHans: string, zhHant: string): Texts => ({ en, 'zh-Hans': zhHans, 'zh-Hant': zhHant });

export const STAFF_TEXTS: Record<StaffTextKey, Texts> = {
  sla_warning: t(
    '⏳ Case {number}: {clock} is due {due} ({percent} % of the time used).',
    '⏳ 案件 {number}：{clock}将于 {due} 到期（已用去 {percent}% 的时间）。',
    '⏳ 案件 {number}：{clock}將於 {due} 到期（已用去 {percent}% 的時間）。',
  ),
  sla_breach: t('🔥 Case {number}: {clock} was due {due} and is overdue.', '🔥 案件 {number}：{clock}已于 {due} 到期，现已超时。', '🔥 案件 {number}：{clock}已於 {due} 到期，現已逾時。'),
  update_nudge: t(
    '📝 Case {number} needs its progress update (due {due}). The customer was last told: “{last_told}”',
    '📝 案件 {number} 需要发送进度更新（{due} 到期）。客户最近收到的消息：“{last_told}”',
    '📝 案件 {number} 需要發送進度更新（{due} 到期）。客戶最近收到的訊息：「{last_told}」',
  ),
  nothing_told_yet: t('nothing yet', '尚无', '尚無'),
  missed_update_note: t('no update since the {due} deadline', '自 {due} 的期限以来未更新进度', '自 {due} 的期限以來未更新進度'),
  unclaimed_ping: t(
    '🔔 Case {number} is still unclaimed; its first response is due {due}.',
    '🔔 案件 {number} 仍无人认领，首次响应将于 {due} 到期。',
    '🔔 案件 {number} 仍無人認領，首次回應將於 {due} 到期。',
  ),

  escalated: t(
    '🚨 Case {number} escalated (level {level}): {reason}{note}. {urgent}Owner: {owner}.',
    '🚨 案件 {number} 已升级（第 {level} 级）：{reason}{note}。{urgent}负责人：{owner}。',
    '🚨 案件 {number} 已升級（第 {level} 級）：{reason}{note}。{urgent}負責人：{owner}。',
  ),
  escalated_note: t(' — {note}', '——{note}', '——{note}'),
  escalated_urgent: t('URGENT. ', '紧急。', '緊急。'),
  escalation_urgent_at_intake: t('urgent at intake', '受理时即为紧急投诉', '受理時即為緊急投訴'),
  escalation_missed_update: t('owner missed the {hours} h update', '负责人未按时发送 {hours} 小时进度更新', '負責人未按時發送 {hours} 小時進度更新'),
  escalation_unclaimed: t('unclaimed past its first-response deadline', '超过首次响应期限仍无人认领', '超過首次回應期限仍無人認領'),
  escalation_solution_rejected_twice: t('customer rejected the solution twice', '客户两次拒绝方案', '客戶兩次拒絕方案'),
  escalation_close_deadline_passed: t('close deadline passed', '已超过结案期限', '已超過結案期限'),
  escalation_low_satisfaction: t('low satisfaction score', '满意度评分低', '滿意度評分低'),
  escalation_urgent_not_handled: t(
    'urgent case not handled within its {hours} h special-handling window',
    '紧急案件未在 {hours} 小时特别处理时限内处理',
    '緊急案件未在 {hours} 小時特別處理時限內處理',
  ),
  escalation_manual: t('escalated by staff', '由员工手动升级', '由員工手動升級'),
  score_note: t('score {score}', '评分 {score}', '評分 {score}'),

  clock_first_response: t('first response', '首次响应', '首次回應'),
  clock_initial_plan: t('initial plan to the customer', '向客户提供初步方案', '向客戶提供初步方案'),
  clock_urgent_handling: t('urgent special handling ({hours} h)', '紧急特别处理（{hours} 小时）', '緊急特別處理（{hours} 小時）'),
  clock_update_cadence: t('{hours}-hour progress update', '{hours} 小时进度更新', '{hours} 小時進度更新'),
  clock_solution: t('solution proposal', '提出解决方案', '提出解決方案'),
  clock_close: t('closing the case', '结案', '結案'),
  clock_result: t('result to the customer', '告知客户处理结果', '告知客戶處理結果'),
  clock_survey: t('satisfaction survey', '满意度回访', '滿意度回訪'),

  due_in: t('due in {span}', '{span}后到期', '{span}後到期'),
  overdue_by: t('overdue by {span}', '已超时 {span}', '已逾時 {span}'),
  span_minutes: t('{n} min', '{n} 分钟', '{n} 分鐘'),
  span_hours: t('{n} h', '{n} 小时', '{n} 小時'),
  span_days: t('{days} d', '{days} 天', '{days} 天'),
  span_days_hours: t('{days} d {hours} h', '{days} 天 {hours} 小时', '{days} 天 {hours} 小時'),

  possible_urgent: t(
    '⚠️ Case {number} may be urgent ({cues}) — please check and press {mark_urgent} or {not_urgent} on the card by {by}.',
    '⚠️ 案件 {number} 可能紧急（{cues}），请在 {by} 前查看并在卡片上点击“{mark_urgent}”或“{not_urgent}”。',
    '⚠️ 案件 {number} 可能緊急（{cues}），請在 {by} 前查看並在卡片上點擊「{mark_urgent}」或「{not_urgent}」。',
  ),
  possible_urgent_unsure: t('triage was not sure', '自动分拣无法确定', '自動分揀無法確定'),
  marked_urgent: t('🔴 {staff} marked case {number} urgent: it must be handled by {by}.', '🔴 {staff} 已将案件 {number} 标为紧急：须在 {by} 前处理。', '🔴 {staff} 已將案件 {number} 標為緊急：須在 {by} 前處理。'),
  marked_not_urgent: t('⚪ {staff} marked case {number} not urgent.', '⚪ {staff} 已将案件 {number} 标为不紧急。', '⚪ {staff} 已將案件 {number} 標為不緊急。'),
  reassigned_to_you: t('📌 Case {number} is now yours (reassigned by a supervisor).', '📌 案件 {number} 现由您负责（主管改派）。', '📌 案件 {number} 現由您負責（主管改派）。'),
  customer_answered_you: t('💬 Customer replied on {number} to your question “{question}”: {text}', '💬 客户就案件 {number} 回答了您的问题“{question}”：{text}', '💬 客戶就案件 {number} 回答了您的問題「{question}」：{text}'),
  solution_rejected_owner: t('👎 Customer rejected the solution for case {number}: {reason}', '👎 客户拒绝了案件 {number} 的方案：{reason}', '👎 客戶拒絕了案件 {number} 的方案：{reason}'),

  card_status: t('Status', '状态', '狀態'),
  card_category: t('Category', '分类', '分類'),
  card_urgency: t('Urgency', '紧急程度', '緊急程度'),
  card_owner: t('Owner', '负责人', '負責人'),
  card_order_number: t('Order number', '订单号', '訂單號'),
  card_customer_wants: t('Customer wants', '客户诉求', '客戶訴求'),
  card_customer: t('Customer', '客户', '客戶'),
  card_amount: t('Amount', '金额', '金額'),
  card_evidence: t('Evidence', '材料', '資料'),
  card_missing: t('Missing', '缺少', '缺少'),
  card_due: t('Due', '时限', '時限'),
  card_urgent: t('🔴 URGENT', '🔴 紧急', '🔴 緊急'),
  card_normal: t('⚪ normal', '⚪ 一般', '⚪ 一般'),
  card_escalated: t('⬆️ escalated (level {level})', '⬆️ 已升级（第 {level} 级）', '⬆️ 已升級（第 {level} 級）'),
  card_unclaimed: t('unclaimed', '待认领', '待認領'),
  card_unrouted: t('unrouted', '未分派', '未分派'),
  card_no_evidence: t('none yet', '暂无', '暫無'),
  card_evidence_attachment: t('attachment', '附件', '附件'),
  card_evidence_declined: t('{label}: customer does not have it', '{label}：客户无法提供', '{label}：客戶無法提供'),
  card_last_told: t('Customer was last told: “{text}”', '客户最近收到的消息：“{text}”', '客戶最近收到的訊息：「{text}」'),
  card_awaiting_approval: t('Waiting for supervisor approval', '等待主管审批', '等待主管審批'),
  card_needs_human: t('needs a human', '需人工处理', '需人工處理'),
  needs_human_triage_timeout: t(
    'Needs a human: automatic triage ran out of time on this message. Category unknown; sent to the default department.',
    '需人工处理：自动分拣处理这条消息超时，分类未知，已转交默认部门。',
    '需人工處理：自動分揀處理這則訊息逾時，分類未知，已轉交預設部門。',
  ),
  needs_human_triage_failed: t(
    'Needs a human: automatic triage failed on this message. Category unknown; sent to the default department.',
    '需人工处理：自动分拣未能处理这条消息，分类未知，已转交默认部门。',
    '需人工處理：自動分揀未能處理這則訊息，分類未知，已轉交預設部門。',
  ),
  needs_human_repeated_failure: t(
    'Needs a human: this message could not be processed after repeated attempts. Category unknown; sent to the default department.',
    '需人工处理：这条消息多次尝试后仍无法处理，分类未知，已转交默认部门。',
    '需人工處理：這則訊息多次嘗試後仍無法處理，分類未知，已轉交預設部門。',
  ),
  card_thread_hint: t(
    'Replies in this thread are internal notes and never reach the customer. To answer the customer, use {button} or write {command} here.',
    '在此话题中的回复是内部备注，不会发给客户。要答复客户，请使用 {button}，或在此处输入 {command}。',
    '在此討論串中的回覆是內部備註，不會發給客戶。要答覆客戶，請使用 {button}，或在此處輸入 {command}。',
  ),
  card_moved: t(
    '➡️ {number} moved to {department}{channel}. It is handled there now.',
    '➡️ {number} 已转至 {department}{channel}，现由该部门处理。',
    '➡️ {number} 已轉至 {department}{channel}，現由該部門處理。',
  ),
  notice_possible_urgent: t(
    '⚠️ Possible urgent — check: press {mark_urgent} or {not_urgent}.',
    '⚠️ 可能紧急，请确认：点击“{mark_urgent}”或“{not_urgent}”。',
    '⚠️ 可能緊急，請確認：點擊「{mark_urgent}」或「{not_urgent}」。',
  ),
  notice_merged: t('🔗 Merged into {number}.', '🔗 已合并到 {number}。', '🔗 已合併到 {number}。'),
  notice_related: t('🔗 Related to {number}.', '🔗 与 {number} 相关。', '🔗 與 {number} 相關。'),
  notice_pending_question: t('❓ Waiting for the customer\'s answer: “{question}”', '❓ 等待客户回答：“{question}”', '❓ 等待客戶回答：「{question}」'),
  notice_earlier_messages: t('🗂 Earlier messages: {messages}', '🗂 之前的消息：{messages}', '🗂 之前的訊息：{messages}'),

  button_claim: t('Claim', '认领', '認領'),
  button_escalate: t('Escalate', '升级', '升級'),
  button_reassign: t('Reassign', '改派', '改派'),
  button_ask: t('Ask customer', '询问客户', '詢問客戶'),
  button_update: t('Post update', '发送进度', '發送進度'),
  button_propose: t('Propose solution', '提出方案', '提出方案'),
  button_resolve: t('Resolve', '标记解决', '標記解決'),
  button_reply: t('Reply to customer', '回复客户', '回覆客戶'),
  button_approve: t('Approve offer', '批准方案', '批准方案'),
  button_recategorize: t('Change category', '更改分类', '更改分類'),
  button_mark_urgent: t('Mark urgent', '标为紧急', '標為緊急'),
  button_not_urgent: t('Not urgent', '不紧急', '不緊急'),
  button_link: t('Link / merge', '关联 / 合并', '關聯 / 合併'),
  button_note: t('Internal note', '内部备注', '內部備註'),
  button_close: t('Close', '结案', '結案'),

  form_cancel: t('Cancel', '取消', '取消'),
  form_send: t('Send', '发送', '傳送'),
  form_save: t('Save', '保存', '儲存'),
  form_change: t('Change', '更改', '更改'),
  form_propose_submit: t('Propose', '提出', '提出'),
  form_ask_title: t('Ask the customer', '询问客户', '詢問客戶'),
  form_update_title: t('Post an update', '发送进度更新', '發送進度更新'),
  form_resolve_title: t('Resolve the case', '标记案件已解决', '標記案件已解決'),
  form_propose_title: t('Propose a solution', '提出解决方案', '提出解決方案'),
  form_link_title: t('Link or merge', '关联或合并', '關聯或合併'),
  form_question: t('Question for the customer of {number}', '向 {number} 的客户提问', '向 {number} 的客戶提問'),
  form_progress: t('Progress on {number} (sent to the customer)', '{number} 的进展（将发给客户）', '{number} 的進展（將發給客戶）'),
  form_message: t('Message to the customer of {number}', '发给 {number} 客户的消息', '發給 {number} 客戶的訊息'),
  form_result: t('Result for {number} (sent to the customer)', '{number} 的处理结果（将发给客户）', '{number} 的處理結果（將發給客戶）'),
  form_solution_type: t('Solution for {number}', '{number} 的解决方案', '{number} 的解決方案'),
  form_amount: t('Amount (if money is involved)', '金额（涉及款项时填写）', '金額（涉及款項時填寫）'),
  form_effective_by: t('When it takes effect (e.g. refund arrives by 28 Nov, repair within 5 days)', '何时生效（如：11月28日前退款到账、5 天内维修完毕）', '何時生效（如：11月28日前退款到帳、5 天內維修完畢）'),
  form_offer_message: t('Message to the customer', '给客户的说明', '給客戶的說明'),
  form_new_owner: t('New owner for {number}', '{number} 的新负责人', '{number} 的新負責人'),
  form_category: t('Category of {number}', '{number} 的分类', '{number} 的分類'),
  form_move_department: t('Move to department (optional: by default where the category is routed)', '转至部门（可选：默认按分类分派）', '轉至部門（可選：預設按分類分派）'),
  form_other_case: t('The other case (CMP-…) for {number}', '与 {number} 相关的另一案件（CMP-…）', '與 {number} 相關的另一案件（CMP-…）'),
  form_link_mode: t('What to do', '处理方式', '處理方式'),
  form_link_option: t('Link: related cases, both stay open', '关联：两个案件相关，均保持打开', '關聯：兩個案件相關，均保持開啟'),
  form_merge_option: t('Merge: {number} is a duplicate of the other case', '合并：{number} 与另一案件重复', '合併：{number} 與另一案件重複'),
  form_required_question: t('Write the question first', '请先填写问题', '請先填寫問題'),
  form_required_update: t('Write the update first', '请先填写进度', '請先填寫進度'),
  form_required_offer: t('Write the message to the customer', '请填写给客户的说明', '請填寫給客戶的說明'),
  form_required_result: t('Write the result first', '请先填写处理结果', '請先填寫處理結果'),
  form_required_message: t('Write the message first', '请先填写消息', '請先填寫訊息'),
  form_required_category: t('Choose a category', '请选择分类', '請選擇分類'),
  form_required_owner: t('Choose the new owner', '请选择新负责人', '請選擇新負責人'),
  form_required_other: t('Write the other case number first', '请先填写另一案件的编号', '請先填寫另一案件的編號'),
};

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** One staff text in one language, its placeholders filled; a missing value is a programming error. */
export function staffText<K extends StaffTextKey>(key: K, language: Language, ...values: (typeof STAFF_TEXT_PLACEHOLDERS)[K] extends readonly [] ? [] : [StaffTextValues<K>]): string {
  const given = (values[0] ?? {}) as Record<string, string | number>;
  return STAFF_TEXTS[key][language].replace(PLACEHOLDER, (_, name: string) => {
    const value = given[name];
    if (value === undefined) throw new Error(`staff text ${key}/${language}: no value for {${name}}`);
    return String(value);
  });
}

/** Every label and button (the keys without placeholders) in one language, for a client that lays them out itself. */
export function staffLabels(language: Language): Record<StaffLabelKey, string> {
  return Object.fromEntries(STAFF_TEXT_KEYS.filter((k) => STAFF_TEXT_PLACEHOLDERS[k].length === 0).map((k) => [k, STAFF_TEXTS[k][language]])) as Record<StaffLabelKey, string>;
}

/** A text for staff before anyone knows who reads it: each recipient gets it in their own language. */
export type StaffMessage = (language: Language) => string;
