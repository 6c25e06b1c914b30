import { BILINGUAL_BUTTONS } from '../../../core/templates/customer-buttons.js';
import type { SurveyLabels } from '../../../core/ports/messages.js';
import { adaptiveCard, executeAction, textInput, type AdaptiveCard } from './adaptive-card.js';

/** The satisfaction survey after a case is resolved: 1–5 stars and an optional comment, in the customer's words. */
export function surveyCard(caseId: string, words: SurveyLabels = BILINGUAL_BUTTONS.survey): AdaptiveCard {
  return adaptiveCard(
    [{ type: 'TextBlock', text: words.question, weight: 'Bolder', wrap: true }, textInput('comment', words.commentPrompt, { maxLength: 2000 })],
    [1, 2, 3, 4, 5].map((score) => executeAction(`${score} ${'★'.repeat(score)}`, 'survey', { caseId, score })),
  );
}
