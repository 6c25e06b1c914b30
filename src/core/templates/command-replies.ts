import type { Language } from '../triage/index.js';

/**
 * What the desk answers to a `/complaint` command. Customers and staff both use it: staff read it
 * in their staff language; a customer has no known language before a case, so they get the
 * bilingual text (as BILINGUAL_BUTTONS), unless the case they asked about says which.
 */
export interface CommandReplies {
  help: string;
  howToFile: string;
  notFound: (ref: string) => string;
  notYours: string;
  mineStaffOnly: string;
  noOpenCases: string;
  statusLine: (s: { number: string; status: string; owner: string | null; urgent: boolean }) => string;
}

const EXAMPLE = 'CMP-20261123-0042';

export const COMMAND_REPLIES: Record<Language, CommandReplies> = {
  en: {
    help: [
      '*/complaint* — the complaint desk',
      '• `/complaint new` — how to file a complaint',
      `• \`/complaint status ${EXAMPLE}\` — where a case stands`,
      '• `/complaint mine` — your open cases (staff)',
      '• `/complaint help` — this list',
    ].join('\n'),
    howToFile: 'Send me a direct message describing what went wrong (the order number and a photo help). I will open a case and keep you updated in that thread.',
    notFound: (ref) => `No case found for "${ref}". Use the number from your acknowledgement, e.g. ${EXAMPLE}.`,
    notYours: 'You can only look up your own cases.',
    mineStaffOnly: '`/complaint mine` lists the cases you own; it is for desk staff.',
    noOpenCases: 'You have no open cases. 🎉',
    statusLine: (s) => `${s.number} — ${s.status} · handled by ${s.owner ?? 'not yet assigned'}${s.urgent ? ' · urgent' : ''}`,
  },
  'zh-Hans': {
    help: [
      '*/complaint* — 投诉服务台',
      '• `/complaint new` — 如何提交投诉',
      `• \`/complaint status ${EXAMPLE}\` — 查询案件进度`,
      '• `/complaint mine` — 您负责的未结案件（员工）',
      '• `/complaint help` — 显示本列表',
    ].join('\n'),
    howToFile: '请私信告诉我出了什么问题（附上订单号和照片会更快）。我会为您立案，并在该对话中随时告知进展。',
    notFound: (ref) => `未找到案件“${ref}”。请使用受理回复中的案件编号，例如 ${EXAMPLE}。`,
    notYours: '您只能查询自己的案件。',
    mineStaffOnly: '`/complaint mine` 列出您负责的案件，仅供客服员工使用。',
    noOpenCases: '您没有未结案件。🎉',
    statusLine: (s) => `${s.number} — ${s.status} · 负责人 ${s.owner ?? '尚未分配'}${s.urgent ? ' · 紧急' : ''}`,
  },
  'zh-Hant': {
    help: [
      '*/complaint* — 投訴服務台',
      '• `/complaint new` — 如何提交投訴',
      `• \`/complaint status ${EXAMPLE}\` — 查詢案件進度`,
      '• `/complaint mine` — 您負責的未結案件（員工）',
      '• `/complaint help` — 顯示本列表',
    ].join('\n'),
    howToFile: '請私訊告訴我出了什麼問題（附上訂單號和照片會更快）。我會為您立案，並在該對話中隨時告知進展。',
    notFound: (ref) => `找不到案件「${ref}」。請使用受理回覆中的案件編號，例如 ${EXAMPLE}。`,
    notYours: '您只能查詢自己的案件。',
    mineStaffOnly: '`/complaint mine` 列出您負責的案件，僅供客服員工使用。',
    noOpenCases: '您沒有未結案件。🎉',
    statusLine: (s) => `${s.number} — ${s.status} · 負責人 ${s.owner ?? '尚未分配'}${s.urgent ? ' · 緊急' : ''}`,
  },
};

/** For a customer whose language is not known yet: English and Simplified Chinese, one under the other. */
export function bilingualReply(pick: (r: CommandReplies) => string): string {
  return `${pick(COMMAND_REPLIES.en)}\n\n${pick(COMMAND_REPLIES['zh-Hans'])}`;
}
