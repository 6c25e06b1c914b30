import type { CaseEventRecord } from '../ports.js';
import type { StaffDirectory } from '../staff-directory.js';
import { formatDeadline } from '../templates/format-deadline.js';
import { staffText } from '../staff-text/staff-text-catalog.js';
import { STATUS_LABELS } from '../staff-text/status-labels.js';
import type { Language } from '../triage/index.js';

/** One audit event as staff read it: when (desk local time), who (by name) and what happened, in words. */
export interface AuditLine {
  id: string;
  type: string;
  at: Date;
  /** The desk's wall-clock time, never UTC: "Mon 23 Nov, 10:00". */
  when: string;
  who: string;
  text: string;
}

export interface AuditWordsContext {
  staff: StaffDirectory;
  timeZone: string;
  departmentName: (key: string) => string;
  /** The viewer's staff language; English when not given. */
  language?: Language;
}

type Values = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const spaced = (v: unknown) => str(v)?.replace(/_/g, ' ') ?? null;

/** How one language quotes, names the actors and joins a clause; the sentences below use it. */
interface Voice {
  quoted: (v: unknown) => string;
  customer: string;
  desk: string;
  nobody: string;
}
const VOICES: Record<Language, Voice> = {
  en: { quoted: (v) => (str(v) ? `: “${str(v)}”` : ''), customer: 'The customer', desk: 'The desk', nobody: 'nobody' },
  'zh-Hans': { quoted: (v) => (str(v) ? `：“${str(v)}”` : ''), customer: '客户', desk: '系统', nobody: '无人' },
  'zh-Hant': { quoted: (v) => (str(v) ? `：「${str(v)}」` : ''), customer: '客戶', desk: '系統', nobody: '無人' },
};

/** What each event needs to be put in words: its details, names for staff and departments, the desk's time. */
interface Say {
  a: Values;
  name: (id: unknown) => string;
  dept: (key: unknown) => string;
  /** The case's department at the time. */
  department: string | null;
  /** A time in the desk's time zone, in this language. */
  time: (iso: unknown) => string;
  q: (v: unknown) => string;
  language: Language;
}
type Words = Record<string, (s: Say) => string>;
const held = (s: Say) => staffText('held_for_quiet_hours', s.language, { time: s.time(s.a.until) });

/**
 * What each event says, per language; `a` holds the changed fields and the event's own details.
 * Evidence and clock keys (order_number, first_response) are shown as they are stored.
 */
const WORDS: Record<Language, Words> = {
  en: {
    case_created: () => 'opened the case',
    earlier_messages_attached: ({ a }) => `attached ${a.count ?? 'earlier'} earlier message(s)`,
    staff_opened: ({ a }) => (a.triageSaidComplaint === false ? "opened the case on the customer's message, which triage had not taken for a complaint" : "opened the case on the customer's message"),
    intake_limited: () => 'held the case back: too many new cases from this customer in an hour',
    linked_related: ({ a }) => `linked it to the customer's related case ${str(a.related) ?? ''}`.trim(),
    evidence_requested: () => 'asked the customer for evidence',
    evidence_question: ({ a }) => `asked the customer for ${spaced(a.asked) ?? 'evidence'}`,
    evidence_complete: () => 'has all the evidence it needs',
    evidence_added: ({ a }) => (str(a.file) ? `received the file ${str(a.file)}` : `received evidence${str(a.requirement) ? ` (${spaced(a.requirement)})` : ''}`),
    evidence_declined: ({ a }) => `said they cannot provide ${spaced(a.requirement) ?? 'that evidence'}`,
    evidence_reminded: () => 'reminded the customer of the missing evidence',
    evidence_given_up: ({ a }) => `stopped waiting for ${spaced(a.missing) ?? 'the evidence'}`,
    contact_changed: () => 'gave a new contact',
    order_number_found: ({ a }) => `found the order number ${str(a.orderNumber) ?? ''}`.trim(),
    routed: ({ a, dept, department }) => `routed the case to ${dept(a.departmentKey ?? department)}`,
    customer_message: ({ a, q }) => `wrote${q(a.text)}`,
    clocks_resumed: () => 'restarted the SLA clocks (the customer answered)',
    question_answered: ({ a, q }) => `answered the question${q(a.answer)}`,
    claimed: () => 'claimed the case',
    reassigned: ({ a, name, dept }) => `reassigned the case to ${name(a.ownerId)}${str(a.departmentKey) ? `, moving it to ${dept(a.departmentKey)}` : ''}`,
    question_asked: ({ a, q }) => `asked the customer${q(a.text)}`,
    update_posted: ({ a, q }) => `posted an update${q(a.text)}`,
    replied_to_customer: ({ a, q }) => `replied to the customer${q(a.text)}`,
    internal_note: ({ a, q }) => `added an internal note${q(a.text)}`,
    solution_awaiting_approval: ({ a }) => `proposed a ${str(a.type) ?? 'solution'}${a.amount ? ` of ${a.amount}` : ''}, held for a supervisor's approval (above their limit)`,
    solution_proposed: ({ a, q }) => `offered the customer a ${str(a.type) ?? 'solution'}${a.amount ? ` of ${a.amount}${str(a.currency) ? ` ${str(a.currency)}` : ''}` : ''}${q(a.text)}`,
    solution_rejected: ({ a, q }) => `rejected the solution${q(a.reason)}`,
    solution_approved: ({ a }) => `approved the held solution${a.amount ? ` (${a.amount})` : ''}`,
    solution_accepted: () => 'accepted the solution',
    resolved: ({ a, q }) => `resolved the case${q(a.result)}`,
    closed: ({ a }) => (str(a.reason) ? `closed the case (${str(a.reason)})` : 'closed the case'),
    reopened: ({ a, q }) => `reopened the case${q(a.reason)}`,
    survey_answered: ({ a }) => `rated the handling ${typeof a.satisfactionScore === 'number' ? `${a.satisfactionScore}/5` : ''}`.trim(),
    escalated: ({ a }) => `escalated the case to level ${a.escalationLevel ?? '?'}${str(a.reason) ? ` (${spaced(a.reason)})` : ''}`,
    category_changed: ({ a }) => `changed the category to ${spaced(a.category) ?? '—'}`,
    department_moved: ({ a, dept }) => `changed the category to ${spaced(a.category) ?? '—'} and moved the case to ${dept(a.departmentKey)}`,
    marked_urgent: () => 'marked the case urgent',
    marked_not_urgent: () => 'marked the case not urgent',
    linked: ({ a }) => `linked the case to ${str(a.related) ?? 'another case'}`,
    merged_into: ({ a }) => `merged the case, a duplicate, into ${str(a.into) ?? 'another case'}`,
    merged_from: ({ a }) => `took in the duplicate ${str(a.duplicate) ?? ''}`.trim(),
    permission_override: ({ a, q }) => `overrode the ${Array.isArray(a.rules) ? a.rules.join(' and ') : ''} rule to ${spaced(a.action) ?? 'act'}${q(a.reason)}`,
    sla_warning: ({ a }) => `warned that the ${spaced(a.clock) ?? 'SLA'} deadline is near`,
    sla_breached: ({ a }) => `recorded that the ${spaced(a.clock) ?? 'SLA'} deadline passed`,
    nudge_sent: ({ a, name }) => `reminded ${a.to ? name(a.to) : 'the owner'} that an update is due`,
    unclaimed_ping: () => 'reminded the department that nobody has claimed the case',
    sla_step_held: (s) => `kept a ${str(s.a.step) === 'warn' ? 'deadline warning' : 'reminder'} back: ${held(s)}`,
    sla_step_skipped: ({ a }) => `did not send a held ${str(a.key)?.startsWith('warn:') ? 'deadline warning' : 'reminder'}: ${a.reason === 'case_moved_on' ? 'the case moved on' : 'a later step overtook it'}`,
    staff_message_held: (s) => `kept a message to staff back: ${held(s)}`,
  },
  'zh-Hans': {
    case_created: () => '提交了投诉，案件已创建',
    earlier_messages_attached: ({ a }) => `附上了 ${a.count ?? ''} 条之前的消息`,
    staff_opened: ({ a }) => (a.triageSaidComplaint === false ? '根据客户的消息立案（自动分类未判定为投诉）' : '根据客户的消息立案'),
    intake_limited: () => '暂缓受理：该客户一小时内新建案件过多',
    linked_related: ({ a }) => `将其与该客户的相关案件 ${str(a.related) ?? ''} 关联`,
    evidence_requested: () => '请客户补充材料',
    evidence_question: ({ a }) => `请客户提供 ${spaced(a.asked) ?? '材料'}`,
    evidence_complete: () => '所需材料已齐全',
    evidence_added: ({ a }) => (str(a.file) ? `收到文件 ${str(a.file)}` : `收到材料${str(a.requirement) ? `（${spaced(a.requirement)}）` : ''}`),
    evidence_declined: ({ a }) => `表示无法提供 ${spaced(a.requirement) ?? '该材料'}`,
    evidence_reminded: () => '提醒客户补充缺少的材料',
    evidence_given_up: ({ a }) => `不再等待 ${spaced(a.missing) ?? '材料'}`,
    contact_changed: () => '提供了新的联系方式',
    order_number_found: ({ a }) => `识别出订单号 ${str(a.orderNumber) ?? ''}`.trim(),
    routed: ({ a, dept, department }) => `将案件分派给 ${dept(a.departmentKey ?? department)}`,
    customer_message: ({ a, q }) => `留言${q(a.text)}`,
    clocks_resumed: () => '重新开始计算 SLA 时限（客户已回复）',
    question_answered: ({ a, q }) => `回答了问题${q(a.answer)}`,
    claimed: () => '认领了案件',
    reassigned: ({ a, name, dept }) => `将案件改派给 ${name(a.ownerId)}${str(a.departmentKey) ? `，并转至 ${dept(a.departmentKey)}` : ''}`,
    question_asked: ({ a, q }) => `询问客户${q(a.text)}`,
    update_posted: ({ a, q }) => `发送了进度更新${q(a.text)}`,
    replied_to_customer: ({ a, q }) => `回复了客户${q(a.text)}`,
    internal_note: ({ a, q }) => `添加了内部备注${q(a.text)}`,
    solution_awaiting_approval: ({ a }) => `提出了${str(a.type) ?? '方案'}${a.amount ? ` ${a.amount}` : ''}，超出其权限，等待主管审批`,
    solution_proposed: ({ a, q }) => `向客户提出${str(a.type) ?? '方案'}${a.amount ? ` ${a.amount}${str(a.currency) ? ` ${str(a.currency)}` : ''}` : ''}${q(a.text)}`,
    solution_rejected: ({ a, q }) => `拒绝了方案${q(a.reason)}`,
    solution_approved: ({ a }) => `批准了待审批的方案${a.amount ? `（${a.amount}）` : ''}`,
    solution_accepted: () => '接受了方案',
    resolved: ({ a, q }) => `标记案件已解决${q(a.result)}`,
    closed: ({ a }) => (str(a.reason) ? `结案（${str(a.reason)}）` : '结案'),
    reopened: ({ a, q }) => `重新打开了案件${q(a.reason)}`,
    survey_answered: ({ a }) => `对处理结果评分${typeof a.satisfactionScore === 'number' ? ` ${a.satisfactionScore}/5` : ''}`,
    escalated: ({ a }) => `将案件升级至第 ${a.escalationLevel ?? '?'} 级${str(a.reason) ? `（${spaced(a.reason)}）` : ''}`,
    category_changed: ({ a }) => `将分类改为 ${spaced(a.category) ?? '—'}`,
    department_moved: ({ a, dept }) => `将分类改为 ${spaced(a.category) ?? '—'}，并将案件转至 ${dept(a.departmentKey)}`,
    marked_urgent: () => '将案件标为紧急',
    marked_not_urgent: () => '将案件标为不紧急',
    linked: ({ a }) => `将案件与 ${str(a.related) ?? '另一案件'} 关联`,
    merged_into: ({ a }) => `将本案件作为重复案件合并到 ${str(a.into) ?? '另一案件'}`,
    merged_from: ({ a }) => `并入了重复案件 ${str(a.duplicate) ?? ''}`.trim(),
    permission_override: ({ a, q }) => `越过 ${Array.isArray(a.rules) ? a.rules.join('、') : ''} 规则执行 ${spaced(a.action) ?? '操作'}${q(a.reason)}`,
    sla_warning: ({ a }) => `提醒 ${spaced(a.clock) ?? 'SLA'} 时限将到`,
    sla_breached: ({ a }) => `记录 ${spaced(a.clock) ?? 'SLA'} 时限已过`,
    nudge_sent: ({ a, name }) => `提醒 ${a.to ? name(a.to) : '负责人'} 需要发送进度更新`,
    unclaimed_ping: () => '提醒部门该案件仍无人认领',
    sla_step_held: (s) => `暂缓了一条${str(s.a.step) === 'warn' ? '时限预警' : '提醒'}：${held(s)}`,
    sla_step_skipped: ({ a }) => `未发送暂缓的${str(a.key)?.startsWith('warn:') ? '时限预警' : '提醒'}：${a.reason === 'case_moved_on' ? '案件已有进展' : '已被后续步骤取代'}`,
    staff_message_held: (s) => `暂缓了一条发给员工的消息：${held(s)}`,
  },
  'zh-Hant': {
    case_created: () => '提交了投訴，案件已建立',
    earlier_messages_attached: ({ a }) => `附上了 ${a.count ?? ''} 則之前的訊息`,
    staff_opened: ({ a }) => (a.triageSaidComplaint === false ? '根據客戶的訊息立案（自動分類未判定為投訴）' : '根據客戶的訊息立案'),
    intake_limited: () => '暫緩受理：該客戶一小時內新建案件過多',
    linked_related: ({ a }) => `將其與該客戶的相關案件 ${str(a.related) ?? ''} 關聯`,
    evidence_requested: () => '請客戶補充資料',
    evidence_question: ({ a }) => `請客戶提供 ${spaced(a.asked) ?? '資料'}`,
    evidence_complete: () => '所需資料已齊全',
    evidence_added: ({ a }) => (str(a.file) ? `收到檔案 ${str(a.file)}` : `收到資料${str(a.requirement) ? `（${spaced(a.requirement)}）` : ''}`),
    evidence_declined: ({ a }) => `表示無法提供 ${spaced(a.requirement) ?? '該資料'}`,
    evidence_reminded: () => '提醒客戶補充缺少的資料',
    evidence_given_up: ({ a }) => `不再等待 ${spaced(a.missing) ?? '資料'}`,
    contact_changed: () => '提供了新的聯絡方式',
    order_number_found: ({ a }) => `識別出訂單號 ${str(a.orderNumber) ?? ''}`.trim(),
    routed: ({ a, dept, department }) => `將案件分派給 ${dept(a.departmentKey ?? department)}`,
    customer_message: ({ a, q }) => `留言${q(a.text)}`,
    clocks_resumed: () => '重新開始計算 SLA 時限（客戶已回覆）',
    question_answered: ({ a, q }) => `回答了問題${q(a.answer)}`,
    claimed: () => '認領了案件',
    reassigned: ({ a, name, dept }) => `將案件改派給 ${name(a.ownerId)}${str(a.departmentKey) ? `，並轉至 ${dept(a.departmentKey)}` : ''}`,
    question_asked: ({ a, q }) => `詢問客戶${q(a.text)}`,
    update_posted: ({ a, q }) => `發送了進度更新${q(a.text)}`,
    replied_to_customer: ({ a, q }) => `回覆了客戶${q(a.text)}`,
    internal_note: ({ a, q }) => `新增了內部備註${q(a.text)}`,
    solution_awaiting_approval: ({ a }) => `提出了${str(a.type) ?? '方案'}${a.amount ? ` ${a.amount}` : ''}，超出其權限，等待主管審批`,
    solution_proposed: ({ a, q }) => `向客戶提出${str(a.type) ?? '方案'}${a.amount ? ` ${a.amount}${str(a.currency) ? ` ${str(a.currency)}` : ''}` : ''}${q(a.text)}`,
    solution_rejected: ({ a, q }) => `拒絕了方案${q(a.reason)}`,
    solution_approved: ({ a }) => `批准了待審批的方案${a.amount ? `（${a.amount}）` : ''}`,
    solution_accepted: () => '接受了方案',
    resolved: ({ a, q }) => `標記案件已解決${q(a.result)}`,
    closed: ({ a }) => (str(a.reason) ? `結案（${str(a.reason)}）` : '結案'),
    reopened: ({ a, q }) => `重新開啟了案件${q(a.reason)}`,
    survey_answered: ({ a }) => `對處理結果評分${typeof a.satisfactionScore === 'number' ? ` ${a.satisfactionScore}/5` : ''}`,
    escalated: ({ a }) => `將案件升級至第 ${a.escalationLevel ?? '?'} 級${str(a.reason) ? `（${spaced(a.reason)}）` : ''}`,
    category_changed: ({ a }) => `將分類改為 ${spaced(a.category) ?? '—'}`,
    department_moved: ({ a, dept }) => `將分類改為 ${spaced(a.category) ?? '—'}，並將案件轉至 ${dept(a.departmentKey)}`,
    marked_urgent: () => '將案件標為緊急',
    marked_not_urgent: () => '將案件標為不緊急',
    linked: ({ a }) => `將案件與 ${str(a.related) ?? '另一案件'} 關聯`,
    merged_into: ({ a }) => `將本案件作為重複案件合併到 ${str(a.into) ?? '另一案件'}`,
    merged_from: ({ a }) => `併入了重複案件 ${str(a.duplicate) ?? ''}`.trim(),
    permission_override: ({ a, q }) => `越過 ${Array.isArray(a.rules) ? a.rules.join('、') : ''} 規則執行 ${spaced(a.action) ?? '操作'}${q(a.reason)}`,
    sla_warning: ({ a }) => `提醒 ${spaced(a.clock) ?? 'SLA'} 時限將到`,
    sla_breached: ({ a }) => `記錄 ${spaced(a.clock) ?? 'SLA'} 時限已過`,
    nudge_sent: ({ a, name }) => `提醒 ${a.to ? name(a.to) : '負責人'} 需要發送進度更新`,
    unclaimed_ping: () => '提醒部門該案件仍無人認領',
    sla_step_held: (s) => `暫緩了一則${str(s.a.step) === 'warn' ? '時限預警' : '提醒'}：${held(s)}`,
    sla_step_skipped: ({ a }) => `未發送暫緩的${str(a.key)?.startsWith('warn:') ? '時限預警' : '提醒'}：${a.reason === 'case_moved_on' ? '案件已有進展' : '已被後續步驟取代'}`,
    staff_message_held: (s) => `暫緩了一則發給員工的訊息：${held(s)}`,
  },
};

/**
 * The audit trail in words, for a case page: staff by their names from the directory, times in
 * the desk's time zone. Events without words of their own still show, by their type.
 */
export function auditInWords(events: readonly CaseEventRecord[], ctx: AuditWordsContext): AuditLine[] {
  const language = ctx.language ?? 'en';
  const voice = VOICES[language];
  const name = (id: unknown) => (str(id) ? (ctx.staff.get(id as string)?.name ?? (id as string)) : voice.nobody);
  const dept = (key: unknown) => (str(key) ? ctx.departmentName(key as string) : '—');
  const time = (iso: unknown) => (str(iso) ? formatDeadline(new Date(iso as string), language, ctx.timeZone) : '—');
  // The department an event happened in: set at creation, changed by a move (events carry only what changed).
  let department: string | null = null;
  return events.map((e) => {
    const after = e.after ?? {};
    if (str(after.departmentKey)) department = after.departmentKey as string;
    const who = e.actorKind === 'staff' ? name(e.actorId) : e.actorKind === 'customer' ? voice.customer : voice.desk;
    const said = WORDS[language][e.type]?.({ a: after, name, dept, department, time, q: voice.quoted, language }) ?? e.type.replace(/_/g, ' ');
    const status = str(after.status) && str(e.before?.status) && after.status !== e.before?.status ? ` → ${STATUS_LABELS[language][after.status as keyof (typeof STATUS_LABELS)['en']] ?? after.status}` : '';
    return { id: e.id, type: e.type, at: e.at, when: formatDeadline(e.at, language, ctx.timeZone), who, text: `${said}${status}` };
  });
}
