import { adaptiveCard, executeAction, textInput, type AdaptiveCard } from './adaptive-card.js';

/** The satisfaction survey after a case is resolved: 1–5 stars and an optional comment. */
export function surveyCard(caseId: string): AdaptiveCard {
  return adaptiveCard(
    [
      { type: 'TextBlock', text: 'How satisfied are you with how we handled it? / 您对处理结果满意吗？', weight: 'Bolder', wrap: true },
      textInput('comment', 'Comment (optional) / 意见（可选）', { maxLength: 2000 }),
    ],
    [1, 2, 3, 4, 5].map((score) => executeAction(`${score} ${'★'.repeat(score)}`, 'survey', { caseId, score })),
  );
}
