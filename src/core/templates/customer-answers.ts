import type { Language } from '../triage/index.js';

/** What the customer answered on a card, with what the sentence needs. */
export type CustomerAnswer =
  | { kind: 'solution_accepted'; solution: string }
  | { kind: 'solution_rejected'; solution: string; reason: string | null }
  | { kind: 'survey_answered'; score: number; comment: string | null }
  | { kind: 'case_chosen'; number: string }
  | { kind: 'new_problem'; number: string };

/**
 * A customer card once it is answered: the answer in the customer's language and script, and
 * the card's subject (the proposal, the comment) so nothing the customer read is lost when
 * the buttons go. Every platform renders this same text, and it is the click's acknowledgement.
 */
export interface AnsweredCard {
  language: Language;
  /** "You accepted the proposed solution" / "您已接受方案" / "您已接受方案" (Traditional). */
  answer: string;
  detail: string | null;
}

type Words = { [K in CustomerAnswer['kind']]: (a: Extract<CustomerAnswer, { kind: K }>) => string };

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

const ANSWERS: Record<Language, Words> = {
  'zh-Hans': {
    solution_accepted: () => '✅ 您已接受该方案',
    solution_rejected: () => '❌ 您未接受该方案',
    survey_answered: (a) => `您的评分：${a.score}/5 ${stars(a.score)}`,
    case_chosen: (a) => `这条信息已归入案件 ${a.number}`,
    new_problem: (a) => `已作为新问题受理，案件编号 ${a.number}`,
  },
  'zh-Hant': {
    solution_accepted: () => '✅ 您已接受該方案',
    solution_rejected: () => '❌ 您未接受該方案',
    survey_answered: (a) => `您的評分：${a.score}/5 ${stars(a.score)}`,
    case_chosen: (a) => `這條訊息已歸入案件 ${a.number}`,
    new_problem: (a) => `已作為新問題受理，案件編號 ${a.number}`,
  },
  en: {
    solution_accepted: () => '✅ You accepted the proposed solution',
    solution_rejected: () => '❌ You rejected the proposed solution',
    survey_answered: (a) => `You rated us ${a.score}/5 ${stars(a.score)}`,
    case_chosen: (a) => `This message was added to case ${a.number}`,
    new_problem: (a) => `Taken as a new problem: case ${a.number}`,
  },
};

const REASON: Record<Language, string> = { 'zh-Hans': '原因：', 'zh-Hant': '原因：', en: 'Reason: ' };
const COMMENT: Record<Language, string> = { 'zh-Hans': '意见：', 'zh-Hant': '意見：', en: 'Comment: ' };

function detailOf(a: CustomerAnswer, language: Language): string | null {
  switch (a.kind) {
    case 'solution_accepted':
      return a.solution;
    case 'solution_rejected':
      return a.reason ? `${a.solution}\n${REASON[language]}${a.reason}` : a.solution;
    case 'survey_answered':
      return a.comment ? `${COMMENT[language]}${a.comment}` : null;
    case 'case_chosen':
    case 'new_problem':
      return null;
  }
}

export function answeredCard(language: Language, a: CustomerAnswer): AnsweredCard {
  const sentence = ANSWERS[language][a.kind] as (x: CustomerAnswer) => string;
  return { language, answer: sentence(a), detail: detailOf(a, language) };
}
