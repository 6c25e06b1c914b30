import { BILINGUAL_BUTTONS, type DecisionLabels } from '../../../core/templates/customer-buttons.js';
import { adaptiveCard, executeAction, textInput, type AdaptiveCard } from './adaptive-card.js';

/** Sent under the proposal text: Accept, or Reject with a reason, in the customer's words (from the core). */
export function solutionDecisionCard(solutionId: string, words: DecisionLabels = BILINGUAL_BUTTONS.decision): AdaptiveCard {
  return adaptiveCard(
    [{ type: 'TextBlock', text: words.question, weight: 'Bolder', wrap: true }, textInput('reason', words.reasonPrompt, { maxLength: 2000 })],
    [executeAction(words.accept, 'accept', { solutionId }, 'positive'), executeAction(words.reject, 'reject', { solutionId }, 'destructive')],
  );
}
