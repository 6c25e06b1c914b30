import type { DecisionLabels, SurveyLabels } from '../ports/messages.js';
import type { Language } from '../triage/index.js';

// The words in each language; their shape is declared with the outbound message that carries them
// (ports/messages.ts), which every platform reads.
export const CUSTOMER_BUTTONS: Record<Language, { decision: DecisionLabels; survey: SurveyLabels }> = {
  'zh-Hans': {
    decision: { question: '这个方案您接受吗？', reasonPrompt: '如不接受，请说明原因', accept: '接受', reject: '不接受' },
    survey: { question: '您对这次的处理满意吗？', commentPrompt: '意见（可选）', send: '提交评价' },
  },
  'zh-Hant': {
    decision: { question: '這個方案您接受嗎？', reasonPrompt: '如不接受，請說明原因', accept: '接受', reject: '不接受' },
    survey: { question: '您對這次的處理滿意嗎？', commentPrompt: '意見（可選）', send: '提交評價' },
  },
  en: {
    decision: { question: 'Does this solution work for you?', reasonPrompt: 'If not, tell us why', accept: 'Accept', reject: 'Reject' },
    survey: { question: 'How satisfied are you with how we handled it?', commentPrompt: 'Comment (optional)', send: 'Send rating' },
  },
};

/** For an outbound message queued before labels travelled with it: both scripts, as before. */
export const BILINGUAL_BUTTONS: { decision: DecisionLabels; survey: SurveyLabels } = {
  decision: { question: 'Does this solution work for you? / 这个方案您接受吗？', reasonPrompt: 'If not, tell us why / 如不接受，请说明原因', accept: 'Accept / 接受', reject: 'Reject / 不接受' },
  survey: { question: 'How satisfied are you with how we handled it? / 您对处理结果满意吗？', commentPrompt: 'Comment (optional) / 意见（可选）' },
};
