import { BILINGUAL_BUTTONS } from '../../../core/templates/customer-buttons.js';
import type { DecisionLabels } from '../../../core/ports/messages.js';
import { adaptiveCard, executeAction, textInput, type AdaptiveCard } from './adaptive-card.js';

/** The offer as the buttons carry it back (card-actions.ts reads up to this length). */
export const OFFER_MAX = 3000;

/**
 * Sent under the proposal text: Accept, or Reject with a reason, in the customer's words (from the core).
 * The buttons carry the offer back (`offer`): the answered card replaces the whole activity, text
 * included, and must still say what was proposed, as Slack's answered message keeps its sections.
 */
export function solutionDecisionCard(solutionId: string, words: DecisionLabels = BILINGUAL_BUTTONS.decision, offer?: string): AdaptiveCard {
  const data: Record<string, string> = offer ? { solutionId, offer: offer.slice(0, OFFER_MAX) } : { solutionId };
  return adaptiveCard(
    [{ type: 'TextBlock', text: words.question, weight: 'Bolder', wrap: true }, textInput('reason', words.reasonPrompt, { maxLength: 2000 })],
    [executeAction(words.accept, 'accept', data, 'positive'), executeAction(words.reject, 'reject', data, 'destructive')],
  );
}
