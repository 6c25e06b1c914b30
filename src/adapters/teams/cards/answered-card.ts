import type { AnsweredCard } from '../../../core/templates/customer-answers.js';
import { inertCardMarkdown, plainTextBlock } from '../inert-markup.js';
import { adaptiveCard, type AdaptiveCard } from './adaptive-card.js';

/**
 * A customer card once answered: the answer in the customer's words (from the core), and what
 * was proposed or commented as plain text runs, since a reason or comment is the customer's own
 * text. No inputs, no actions: nothing left to press.
 */
export function answeredCard(card: AnsweredCard): AdaptiveCard {
  return adaptiveCard([{ type: 'TextBlock', text: inertCardMarkdown(card.answer), weight: 'Bolder', wrap: true }, ...(card.detail ? [plainTextBlock(card.detail.slice(0, 3000))] : [])]);
}
