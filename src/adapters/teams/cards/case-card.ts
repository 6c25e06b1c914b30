import type { StaffAction } from '../../../core/cases/staff-permissions.js';
import { cardLabel, caseCardNotices, movedNotice, type CaseView } from '../../../core/cases/case-view.js';
import { staffText, type StaffTextKey } from '../../../core/staff-text/staff-text-catalog.js';
import { CATEGORIES } from '../../../core/triage/index.js';
import { DESIRED_OUTCOMES as SOLUTION_TYPES } from '../../../core/triage/index.js';
import { adaptiveCard, executeAction, formAction, textInput, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { inertCardMarkdown, plainTextBlock } from '../inert-markup.js';


// Teams refuses activities over ~28 KB; the summary and the last message are the long parts.
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface ReassignCandidate {
  id: string;
  name: string;
}

/** A form's words on the card, in the card's staff language. */
const formText =
  (c: CaseView) =>
  (key: StaffTextKey, values: Record<string, string> = {}): string =>
    (staffText as (k: StaffTextKey, l: CaseView['staffLanguage'], v: Record<string, string>) => string)(key, c.staffLanguage, values);

/** Corrections of the triage (issue 16.2), among the actions the card offers. */
function corrections(c: CaseView, departments: { key: string; name: string }[]): CardElement[] {
  const caseId = { caseId: c.id };
  const form = formText(c);
  return [
    formAction(cardLabel(c, 'button_recategorize'), 'recategorize', caseId, [
      { type: 'Input.ChoiceSet', id: 'category', label: form('form_category', { number: c.number }), isRequired: true, errorMessage: form('form_required_category'), value: c.category ?? undefined, choices: CATEGORIES.map((k) => ({ title: k, value: k })) },
      { type: 'Input.ChoiceSet', id: 'department', label: form('form_move_department'), choices: departments.map((d) => ({ title: d.name, value: d.key })) },
    ]),
    ...(!c.urgent || c.possibleUrgent ? [executeAction(cardLabel(c, 'button_mark_urgent'), 'mark_urgent', { ...caseId, urgent: true }, 'destructive')] : []),
    ...(c.urgent || c.possibleUrgent ? [executeAction(cardLabel(c, 'button_not_urgent'), 'mark_urgent', { ...caseId, urgent: false })] : []),
    formAction(cardLabel(c, 'button_link'), 'link', caseId, [
      textInput('linkOther', form('form_other_case', { number: c.number }), { multiline: false, maxLength: 40, required: form('form_required_other') }),
      {
        type: 'Input.ChoiceSet',
        id: 'linkMode',
        label: form('form_link_mode'),
        value: 'link',
        choices: [
          { title: form('form_link_option'), value: 'link' },
          { title: form('form_merge_option', { number: c.number }), value: 'merge' },
        ],
      },
    ]),
  ];
}

function staffActions(c: CaseView, candidates: ReassignCandidate[]): CardElement[] {
  const caseId = { caseId: c.id };
  const form = formText(c);
  const escalate = executeAction(cardLabel(c, 'button_escalate'), 'escalate', caseId, 'destructive');
  const reassign = formAction(cardLabel(c, 'button_reassign'), 'reassign', caseId, [
    { type: 'Input.ChoiceSet', id: 'reassignOwner', label: form('form_new_owner', { number: c.number }), isRequired: true, errorMessage: form('form_required_owner'), choices: candidates.map((s) => ({ title: s.name, value: s.id })) },
  ]);
  return [
    executeAction(cardLabel(c, 'button_claim'), 'claim', caseId, 'positive'),
    formAction(cardLabel(c, 'button_ask'), 'ask', caseId, [textInput('askText', form('form_question', { number: c.number }), { required: form('form_required_question') })]),
    formAction(cardLabel(c, 'button_update'), 'update', caseId, [textInput('updateText', form('form_progress', { number: c.number }), { required: form('form_required_update') })]),
    formAction(cardLabel(c, 'button_propose'), 'propose', caseId, [
      { type: 'Input.ChoiceSet', id: 'proposeType', label: form('form_solution_type', { number: c.number }), value: c.desiredOutcome && SOLUTION_TYPES.includes(c.desiredOutcome as never) ? c.desiredOutcome : 'refund', choices: SOLUTION_TYPES.map((t) => ({ title: t, value: t })) },
      textInput('proposeAmount', form('form_amount'), { multiline: false, maxLength: 20 }),
      textInput('proposeEffectiveBy', form('form_effective_by'), { multiline: false, maxLength: 200 }),
      textInput('proposeText', form('form_offer_message'), { required: form('form_required_offer') }),
    ]),
    formAction(cardLabel(c, 'button_resolve'), 'resolve', caseId, [textInput('resolveText', form('form_result', { number: c.number }), { required: form('form_required_result') })], 'positive'),
    formAction(cardLabel(c, 'button_reply'), 'reply', caseId, [textInput('replyText', form('form_message', { number: c.number }), { required: form('form_required_message') })]),
    escalate,
    reassign,
  ];
}

/** The desk action a card button takes (its Execute verb, or its form's). */
function verbOf(action: CardElement): string | undefined {
  return (action.verb as string | undefined) ?? (action.card as { actions?: { verb?: string }[] } | undefined)?.actions?.[0]?.verb;
}

/** The verb of the card's refresh: Teams invokes it for each listed person who views the card, and the bot answers with their own card. */
export const REFRESH_VERB = 'refresh_case';

/** Teams refreshes a card automatically for at most 60 listed people; the rest refresh it by hand. */
export const REFRESH_MAX_USERS = 60;

export interface CaseCardOptions {
  evidenceLink?: (storedFileId: string) => string;
  /** The Teams ids (MRIs) the card refreshes itself for, into their own card (a user-specific view); no refresh when absent. */
  refreshFor?: readonly string[];
}

/**
 * The case card in a department channel: the same facts and buttons as the Slack card, offering
 * exactly `actions` (the core's: for everyone in the channel, or for the one person the card was
 * refreshed or answered for). With `refreshFor`, Teams asks the bot for each of those people's own card.
 * The CaseView's texts arrive masked; the customer's words go in as plain TextRuns and every
 * Fact value is made inert (inert-markup.ts). Buttons sit in two ActionSets because Teams
 * shows at most six actions in a row.
 */
export function caseCard(c: CaseView, actions: readonly StaffAction[], candidates: ReassignCandidate[], departments: { key: string; name: string }[] = [], options: CaseCardOptions = {}): AdaptiveCard {
  const { evidenceLink, refreshFor } = options;
  const w = c.words;
  const label = (key: Parameters<typeof cardLabel>[1]) => cardLabel(c, key);
  const due = c.dueTimes.slice(0, 4).map((d) => `${d.overdue ? '🔥' : '⏰'} ${d.name}: ${d.label}`);
  const facts = [
    [label('card_status'), w.status],
    [label('card_category'), c.category ?? '—'],
    [label('card_urgency'), w.escalated ? `${w.urgency} · ${w.escalated}` : w.urgency],
    [label('card_owner'), w.owner],
    [label('card_order_number'), c.orderNumber ?? '—'],
    [label('card_customer_wants'), c.desiredOutcome ?? '—'],
    [label('card_customer'), `${c.customerName}${c.customerContact ? ` · ${c.customerContact}` : ''}`],
    [label('card_amount'), c.amountText ?? '—'],
    [label('card_evidence'), clip(w.evidence, 1000)],
    [label('card_missing'), c.evidenceMissing.join(', ') || '—'],
    [label('card_due'), due.join(' · ') || '—'],
  ].map(([title, value]) => ({ title, value: inertCardMarkdown(value!) }));
  const body: CardElement[] = [
    { type: 'TextBlock', text: inertCardMarkdown(`${c.number} · ${w.department}`), weight: 'Bolder', size: 'Large', wrap: true, ...(c.urgent ? { color: 'Attention' } : {}) },
    plainTextBlock(clip(c.summary, 1500)),
    ...(c.needsHuman ? [{ type: 'TextBlock', text: `⚠️ **${c.needsHuman}**`, color: 'Warning', wrap: true }] : []),
    { type: 'FactSet', facts },
  ];
  // The customer's files, each a download from the bot itself (OpenUrl titles are plain text).
  if (evidenceLink && c.evidenceFiles.length) {
    const files = c.evidenceFiles.slice(0, 12);
    body.push({ type: 'TextBlock', text: `**${label('card_files')}**${c.evidenceFiles.length > files.length ? ` — ${staffText('card_files_more', c.staffLanguage, { count: c.evidenceFiles.length - files.length })}` : ''}`, wrap: true });
    for (let i = 0; i < files.length; i += 4)
      body.push({ type: 'ActionSet', actions: files.slice(i, i + 4).map((f) => ({ type: 'Action.OpenUrl', title: clip(`📎 ${f.name}`, 80), url: evidenceLink(f.storedFileId) })) });
  }
  // Notices quote the customer (earlier messages, the pending question): plain text runs, never markdown.
  for (const line of caseCardNotices(c)) body.push(line.startsWith('⚠️') ? { type: 'TextBlock', text: inertCardMarkdown(clip(line, 1500)), wrap: true, color: 'Attention', weight: 'Bolder' } : plainTextBlock(clip(line, 1500)));
  if (w.lastTold) body.push(plainTextBlock(clip(w.lastTold, 600), { subtle: true }));
  if (c.pendingApproval) body.push({ type: 'TextBlock', text: `💰 **${label('card_awaiting_approval')}**: ${inertCardMarkdown(c.pendingApproval.description)}`, wrap: true });
  body.push(...actionSets(c, actions, candidates, departments));
  body.push({
    type: 'TextBlock',
    text: staffText('card_thread_hint', c.staffLanguage, { button: `**${label('button_reply')}**`, command: '“@Complaint Desk reply …”' }),
    isSubtle: true,
    size: 'Small',
    wrap: true,
  });
  const card = adaptiveCard(body);
  if (!refreshFor) return card;
  return { ...card, refresh: { action: { type: 'Action.Execute', title: label('card_refresh'), verb: REFRESH_VERB, data: { verb: REFRESH_VERB, caseId: c.id } }, userIds: refreshFor.slice(0, REFRESH_MAX_USERS) } };
}

/** The buttons for exactly `actions`, in the card's order, four to a row (Teams shows at most six). */
function actionSets(c: CaseView, actions: readonly StaffAction[], candidates: ReassignCandidate[], departments: { key: string; name: string }[]): CardElement[] {
  const may = new Set<string>(actions);
  const sets: CardElement[] = [];
  if (c.pendingApproval && may.has('approve')) sets.push({ type: 'ActionSet', actions: [executeAction(cardLabel(c, 'button_approve'), 'approve', { solutionId: c.pendingApproval.solutionId }, 'positive')] });
  if (c.status === 'closed') return sets;
  const buttons = [...staffActions(c, candidates), ...corrections(c, departments)].filter((b) => may.has(verbOf(b) ?? ''));
  for (let i = 0; i < buttons.length; i += 4) sets.push({ type: 'ActionSet', actions: buttons.slice(i, i + 4) });
  return sets;
}

/**
 * A message to one staff member about a case (a nudge, an escalation, an approval request) with
 * the buttons for what they may do on it now; null when they may do nothing, so the text goes alone.
 */
export function staffMessageCard(text: string, c: CaseView, actions: readonly StaffAction[], candidates: ReassignCandidate[], departments: { key: string; name: string }[] = []): AdaptiveCard | null {
  const sets = actionSets(c, actions, candidates, departments);
  if (sets.length === 0) return null;
  return adaptiveCard([plainTextBlock(clip(text, 1500)), ...sets]);
}

/** The old card once its case moved to another department: where it went, no buttons. */
export function movedCard(c: CaseView): AdaptiveCard {
  return adaptiveCard([
    { type: 'TextBlock', text: c.number, weight: 'Bolder', size: 'Large', wrap: true },
    { type: 'TextBlock', text: movedNotice(c, 'teams'), wrap: true },
  ]);
}
