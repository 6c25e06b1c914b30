import type { DecisionLabels } from '../../../core/templates/customer-buttons.js';
import type { StaffMember } from '../../../core/staff-directory.js';
import { SOLUTION_TYPES } from '../../../core/ports.js';
import { CATEGORIES } from '../../../core/triage/index.js';
import { VIEWS } from '../slack-ids.js';

type View = Record<string, unknown>;

const textInput = (blockId: string, label: string, opts: { multiline?: boolean; optional?: boolean; hint?: string } = {}) => ({
  type: 'input',
  block_id: blockId,
  optional: opts.optional ?? false,
  label: { type: 'plain_text', text: label },
  ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint.slice(0, 1900) } } : {}),
  element: { type: 'plain_text_input', action_id: 'value', multiline: opts.multiline ?? true },
});

function modal(callbackId: string, title: string, submit: string, privateMetadata: string, blocks: unknown[]): View {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: title.slice(0, 24) },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

export const askCustomerModal = (caseId: string, number: string) =>
  modal(VIEWS.ask, 'Ask the customer', 'Send', caseId, [textInput('text', `Question for the customer of ${number}`)]);

export const postUpdateModal = (caseId: string, number: string) =>
  modal(VIEWS.update, 'Post an update', 'Send', caseId, [textInput('text', `Progress on ${number} (sent to the customer)`)]);

export const replyModal = (caseId: string, number: string) =>
  modal(VIEWS.reply, 'Reply to customer', 'Send', caseId, [textInput('text', `Message to the customer of ${number}`)]);

export const resolveModal = (caseId: string, number: string) =>
  modal(VIEWS.resolve, 'Resolve the case', 'Resolve', caseId, [textInput('text', `Result for ${number} (sent to the customer)`)]);

/** Asked of the customer, so in their words (the core's decision labels); `metadata` says which solution and which message to update. */
export const rejectReasonModal = (metadata: string, words: DecisionLabels) =>
  modal(VIEWS.reject, words.reject, words.reject, metadata, [textInput('text', words.reasonPrompt)]);

export function proposeSolutionModal(caseId: string, number: string, guidance: string | null): View {
  return modal(VIEWS.propose, 'Propose a solution', 'Propose', caseId, [
    {
      type: 'input',
      block_id: 'type',
      label: { type: 'plain_text', text: `Solution for ${number}` },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: SOLUTION_TYPES.map((t) => ({ text: { type: 'plain_text', text: t }, value: t })),
      },
    },
    textInput('amount', 'Amount (if money is involved)', { multiline: false, optional: true, ...(guidance ? { hint: guidance } : {}) }),
    textInput('effective', 'When it takes effect (e.g. refund arrives by 28 Nov, repair within 5 days)', { multiline: false, optional: true }),
    textInput('text', 'Message to the customer'),
  ]);
}

export function reassignModal(caseId: string, number: string, candidates: Pick<StaffMember, 'id' | 'name'>[]): View {
  return modal(VIEWS.reassign, 'Reassign', 'Reassign', caseId, [
    {
      type: 'input',
      block_id: 'owner',
      label: { type: 'plain_text', text: `New owner for ${number}` },
      element: {
        type: 'static_select',
        action_id: 'value',
        options: candidates.slice(0, 100).map((s) => ({ text: { type: 'plain_text', text: s.name }, value: s.id })),
      },
    },
  ]);
}

const select = (blockId: string, label: string, options: { text: string; value: string }[], opts: { optional?: boolean; initial?: string | null } = {}) => {
  const initial = options.find((o) => o.value === opts.initial);
  return {
    type: 'input',
    block_id: blockId,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'static_select',
      action_id: 'value',
      options: options.slice(0, 100).map((o) => ({ text: { type: 'plain_text', text: o.text.slice(0, 75) }, value: o.value })),
      ...(initial ? { initial_option: { text: { type: 'plain_text', text: initial.text.slice(0, 75) }, value: initial.value } } : {}),
    },
  };
};

/** Change category / move to department: the department defaults to where the routing table sends the category. */
export function changeCategoryModal(caseId: string, number: string, current: string | null, departments: { key: string; name: string }[]): View {
  return modal(VIEWS.recategorize, 'Change category', 'Change', caseId, [
    select('category', `Category of ${number}`, CATEGORIES.map((c) => ({ text: c, value: c })), { initial: current }),
    select('department', 'Move to department (optional: by default where the category is routed)', departments.map((d) => ({ text: d.name, value: d.key })), { optional: true }),
  ]);
}

/** Link a related case, or merge this one into the case that carries on. */
export function linkCaseModal(caseId: string, number: string): View {
  return modal(VIEWS.link, 'Link or merge', 'Save', caseId, [
    textInput('other', `The other case (CMP-…) for ${number}`, { multiline: false }),
    select('mode', 'What to do', [
      { text: 'Link: related cases, both stay open', value: 'link' },
      { text: `Merge: ${number} is a duplicate of the other case`, value: 'merge' },
    ], { initial: 'link' }),
  ]);
}
