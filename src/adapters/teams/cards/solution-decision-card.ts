import { adaptiveCard, executeAction, textInput, type AdaptiveCard } from './adaptive-card.js';

/**
 * Sent under the proposal text: Accept, or Reject with a reason. The customer's language is
 * not known here, so labels are bilingual, as in the Slack buttons.
 */
export function solutionDecisionCard(solutionId: string): AdaptiveCard {
  return adaptiveCard(
    [
      { type: 'TextBlock', text: 'Does this solution work for you? / 这个方案您接受吗？', weight: 'Bolder', wrap: true },
      textInput('reason', 'If not, tell us why / 如不接受，请说明原因', { maxLength: 2000 }),
    ],
    [executeAction('Accept / 接受', 'accept', { solutionId }, 'positive'), executeAction('Reject / 不接受', 'reject', { solutionId }, 'destructive')],
  );
}
