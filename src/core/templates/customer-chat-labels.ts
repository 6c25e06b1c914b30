import type { Language } from '../triage/index.js';
import { CUSTOMER_BUTTONS } from './customer-buttons.js';
import type { DecisionLabels, SurveyLabels } from '../ports/messages.js';

/**
 * The words around a customer's own chat window where the desk draws it itself (the playground's
 * customer pane): the compose box, the sender's name, the star buttons. Slack and Teams draw
 * their own; the buttons the customer answers are the same `CUSTOMER_BUTTONS` every platform shows.
 * `{name}` and `{n}` are filled by the page.
 */
export interface CustomerChatLabels {
  pane: string;
  customer: string;
  empty: string;
  message: string;
  placeholder: string;
  attach: string;
  send: string;
  desk: string;
  whichCase: string;
  surveyForm: string;
  rating: string;
  rate: string;
  sendRejection: string;
}

const CHAT: Record<Language, CustomerChatLabels> = {
  'zh-Hans': {
    pane: '👤 客户聊天',
    customer: '客户',
    empty: '以 {name} 的身份写下投诉，中英文均可。',
    message: '发给客服的消息',
    placeholder: '例如：我买的电水壶漏水了，订单号 20261116-8871，希望换一个新的',
    attach: '添加附件',
    send: '发送',
    desk: '投诉服务台',
    whichCase: '哪个案件',
    surveyForm: '满意度评价',
    rating: '评分',
    rate: '评 {n} 分',
    sendRejection: '发送理由',
  },
  'zh-Hant': {
    pane: '👤 客戶聊天',
    customer: '客戶',
    empty: '以 {name} 的身分寫下投訴，中英文皆可。',
    message: '發給客服的訊息',
    placeholder: '例如：我買的電熱水壺漏水了，訂單號 20261116-8871，希望換一個新的',
    attach: '附加檔案',
    send: '傳送',
    desk: '投訴服務台',
    whichCase: '哪個案件',
    surveyForm: '滿意度評價',
    rating: '評分',
    rate: '評 {n} 分',
    sendRejection: '傳送理由',
  },
  en: {
    pane: '👤 Customer chat',
    customer: 'Customer',
    empty: 'Write a complaint as {name}, in Chinese or English.',
    message: 'Message to the desk',
    placeholder: 'e.g. The kettle I bought leaks; order 20261116-8871, I would like a new one',
    attach: 'Attach a file',
    send: 'Send',
    desk: 'Complaint Desk',
    whichCase: 'Which case',
    surveyForm: 'Survey',
    rating: 'Rating',
    rate: 'Rate {n}',
    sendRejection: 'Send',
  },
};

/** Everything the customer pane says, in one language and script: its own words and the card buttons'. */
export function customerChatLabels(language: Language): CustomerChatLabels & { decision: DecisionLabels; survey: SurveyLabels } {
  return { ...CHAT[language], ...CUSTOMER_BUTTONS[language] };
}
