import type { DecisionLabels } from '../../../core/ports/messages.js';
import type { StaffMember } from '../../../core/staff-directory.js';
import { DESIRED_OUTCOMES as SOLUTION_TYPES } from '../../../core/triage/index.js';
import { CATEGORIES } from '../../../core/triage/index.js';
import { VIEWS } from '../slack-ids.js';
import { staffText } from '../../../core/staff-text/staff-text-catalog.js';
import type { Language } from '../../../core/triage/index.js';

type View = Record<string, unknown>;

const textInput = (blockId: string, label: string, opts: { multiline?: boolean; optional?: boolean; hint?: string } = {}) => ({
  type: 'input',
  block_id: blockId,
  optional: opts.optional ?? false,
  label: { type: 'plain_text', text: label },
  ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint.slice(0, 1900) } } : {}),
  element: { type: 'plain_text_input', action_id: 'value', multiline: opts.multiline ?? true },
});

// Slack allows at most 100 options of at most 75 characters each.
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

function modal(callbackId: string, title: string, submit: string, privateMetadata: string, blocks: unknown[], language: Language = 'en'): View {
  return {
    type: 'modal',
    callback_id: callbackId,
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: title.slice(0, 24) },
    submit: { type: 'plain_text', text: submit },
    close: { type: 'plain_text', text: staffText('form_cancel', language) },
    blocks,
  };
}

// Staff forms are written in the language of the person who opened them; the customer's reject form below is bilingual.
export const askCustomerModal = (l: Language, caseId: string, number: string) =>
  modal(VIEWS.ask, staffText('form_ask_title', l), staffText('form_send', l), caseId, [textInput('text', staffText('form_question', l, { number }))], l);

export const postUpdateModal = (l: Language, caseId: string, number: string) =>
  modal(VIEWS.update, staffText('form_update_title', l), staffText('form_send', l), caseId, [textInput('text', staffText('form_progress', l, { number }))], l);

export const replyModal = (l: Language, caseId: string, number: string) =>
  modal(VIEWS.reply, staffText('button_reply', l), staffText('form_send', l), caseId, [textInput('text', staffText('form_message', l, { number }))], l);

export const resolveModal = (l: Language, caseId: string, number: string) =>
  modal(VIEWS.resolve, staffText('form_resolve_title', l), staffText('button_resolve', l), caseId, [textInput('text', staffText('form_result', l, { number }))], l);

/** Asked of the customer, so in their words (the core's decision labels); `metadata` says which solution and which message to update. */
export const rejectReasonModal = (metadata: string, words: DecisionLabels) =>
  modal(VIEWS.reject, words.reject, words.reject, metadata, [textInput('text', words.reasonPrompt)]);

export function proposeSolutionModal(l: Language, caseId: string, number: string, guidance: string | null): View {
  return modal(VIEWS.propose, staffText('form_propose_title', l), staffText('form_propose_submit', l), caseId, [
    select('type', staffText('form_solution_type', l, { number }), SOLUTION_TYPES.map((t) => ({ text: t, value: t }))),
    textInput('amount', staffText('form_amount', l), { multiline: false, optional: true, ...(guidance ? { hint: guidance } : {}) }),
    textInput('effective', staffText('form_effective_by', l), { multiline: false, optional: true }),
    textInput('text', staffText('form_offer_message', l)),
  ], l);
}

export function reassignModal(l: Language, caseId: string, number: string, candidates: Pick<StaffMember, 'id' | 'name'>[]): View {
  return modal(VIEWS.reassign, staffText('button_reassign', l), staffText('button_reassign', l), caseId, [
    select('owner', staffText('form_new_owner', l, { number }), candidates.map((s) => ({ text: s.name, value: s.id }))),
  ], l);
}

/** Change category / move to department: the department defaults to where the routing table sends the category. */
export function changeCategoryModal(l: Language, caseId: string, number: string, current: string | null, departments: { key: string; name: string }[]): View {
  return modal(VIEWS.recategorize, staffText('button_recategorize', l), staffText('form_change', l), caseId, [
    select('category', staffText('form_category', l, { number }), CATEGORIES.map((c) => ({ text: c, value: c })), { initial: current }),
    select('department', staffText('form_move_department', l), departments.map((d) => ({ text: d.name, value: d.key })), { optional: true }),
  ], l);
}

/** Link a related case, or merge this one into the case that carries on. */
export function linkCaseModal(l: Language, caseId: string, number: string): View {
  return modal(VIEWS.link, staffText('form_link_title', l), staffText('form_save', l), caseId, [
    textInput('other', staffText('form_other_case', l, { number }), { multiline: false }),
    select('mode', staffText('form_link_mode', l), [
      { text: staffText('form_link_option', l), value: 'link' },
      { text: staffText('form_merge_option', l, { number }), value: 'merge' },
    ], { initial: 'link' }),
  ], l);
}
