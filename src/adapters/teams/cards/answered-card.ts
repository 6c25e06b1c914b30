import type { AnsweredCard } from '../../../core/templates/customer-answers.js';
import { inertCardMarkdown, plainTextBlock } from '../inert-markup.js';
import { adaptiveCard, type AdaptiveCard } from './adaptive-card.js';

/**
 * A customer card once answered: the offer the customer read (`shown`, the activity's text, which
 * the update replaces), then the answer in the customer's words (from the core). Without the offer
 * the answer's detail says what was proposed or commented. Plain text runs, since a reason or
 * comment is the customer's own text. No inputs, no actions: nothing left to press.
 */
export function answeredCard(card: AnsweredCard, shown: string | null = null): AdaptiveCard {
  const answer = { type: 'TextBlock', text: inertCardMarkdown(card.answer), weight: 'Bolder', wrap: true };
  if (shown) return adaptiveCard([plainTextBlock(shown.slice(0, 3000)), answer]);
  return adaptiveCard([answer, ...(card.detail ? [plainTextBlock(card.detail.slice(0, 3000))] : [])]);
}
