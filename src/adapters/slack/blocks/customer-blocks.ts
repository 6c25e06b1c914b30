import type { CustomerActions } from '../../../core/ports.js';
import type { AnsweredCard } from '../../../core/templates/customer-answers.js';
import { BILINGUAL_BUTTONS } from '../../../core/templates/customer-buttons.js';
import { ACTIONS } from '../slack-ids.js';

export type Block = { type: string; [key: string]: unknown };

export const COMMENT_BLOCK = 'customer_comment';
export const COMMENT_INPUT = 'comment';

/** A message to the customer, with Accept/Reject or the 1–5 survey when the core asks for a decision. */
export function customerMessageBlocks(text: string, actions: CustomerActions | undefined, caseId: string | null): Block[] | undefined {
  if (!actions) return undefined;
  const section = { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 2900) } };
  if (actions.kind === 'case_choice')
    return [
      section,
      {
        type: 'actions',
        elements: actions.options.slice(0, 25).map((o, i) => ({
          type: 'button',
          text: { type: 'plain_text', text: o.label.slice(0, 75) },
          action_id: `${ACTIONS.chooseCase}_${i}`,
          value: `${actions.unfiledId}:${o.caseId ?? 'new'}`,
          ...(o.caseId === null ? {} : { style: 'primary' }),
        })),
      },
    ];
  // An input in the message itself: its value arrives with the button click (state.values).
  const comment = (label: string) => ({
    type: 'input',
    block_id: COMMENT_BLOCK,
    optional: true,
    label: { type: 'plain_text', text: label },
    element: { type: 'plain_text_input', action_id: COMMENT_INPUT, multiline: true },
  });
  if (actions.kind === 'solution_decision') {
    const words = actions.labels ?? BILINGUAL_BUTTONS.decision;
    return [
      section,
      comment(words.reasonPrompt),
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: words.accept }, style: 'primary', action_id: ACTIONS.accept, value: actions.solutionId },
          { type: 'button', text: { type: 'plain_text', text: words.reject }, style: 'danger', action_id: ACTIONS.reject, value: actions.solutionId },
        ],
      },
    ];
  }
  return [
    section,
    comment((actions.labels ?? BILINGUAL_BUTTONS.survey).commentPrompt),
    {
      type: 'actions',
      elements: [1, 2, 3, 4, 5].map((n) => ({ type: 'button', text: { type: 'plain_text', text: '⭐'.repeat(n) }, action_id: `${ACTIONS.survey}_${n}`, value: `${caseId}:${n}` })),
    },
  ];
}

/**
 * The clicked message once answered: the sections the customer read (taken from the click's own
 * message), then the answer; the comment box and the buttons are gone. Without those sections
 * (a reason given in the modal) the answer's detail says what was proposed.
 */
export function answeredMessageBlocks(sections: Block[], card: AnsweredCard): { text: string; blocks: Block[] } {
  const kept = sections.filter((b) => b.type === 'section').slice(0, 40);
  const detail = kept.length === 0 && card.detail ? [{ type: 'section', text: { type: 'plain_text', text: card.detail.slice(0, 2900) } }] : [];
  return { text: card.answer, blocks: [...kept, ...detail, { type: 'section', text: { type: 'plain_text', text: card.answer.slice(0, 2900) } }] };
}
