import { STATUS_LABEL, type CaseView } from '../../../core/cases/case-view.js';
import { SOLUTION_TYPES } from '../../../core/ports.js';
import { adaptiveCard, executeAction, formAction, textInput, type AdaptiveCard, type CardElement } from './adaptive-card.js';


// Teams refuses activities over ~28 KB; the summary and the last message are the long parts.
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface ReassignCandidate {
  id: string;
  name: string;
}

function staffActions(c: CaseView, candidates: ReassignCandidate[]): CardElement[] {
  const caseId = { caseId: c.id };
  const escalate = executeAction('Escalate', 'escalate', caseId, 'destructive');
  const reassign = formAction('Reassign', 'reassign', caseId, [
    { type: 'Input.ChoiceSet', id: 'reassignOwner', label: 'New owner', isRequired: true, errorMessage: 'Choose the new owner', choices: candidates.map((s) => ({ title: s.name, value: s.id })) },
  ]);
  if (c.ownerId === null) return [executeAction('Claim', 'claim', caseId, 'positive'), escalate, reassign];
  return [
    formAction('Ask customer', 'ask', caseId, [textInput('askText', 'Question for the customer', { required: 'Write the question first' })]),
    formAction('Post update', 'update', caseId, [textInput('updateText', 'Progress (sent to the customer)', { required: 'Write the update first' })]),
    formAction('Propose solution', 'propose', caseId, [
      { type: 'Input.ChoiceSet', id: 'proposeType', label: 'Solution', value: c.desiredOutcome && SOLUTION_TYPES.includes(c.desiredOutcome as never) ? c.desiredOutcome : 'refund', choices: SOLUTION_TYPES.map((t) => ({ title: t, value: t })) },
      textInput('proposeAmount', 'Amount, if money is involved', { multiline: false, maxLength: 20 }),
      textInput('proposeEffectiveBy', 'When it takes effect (e.g. refund arrives in 3 working days)', { multiline: false, maxLength: 200 }),
      textInput('proposeText', 'Message to the customer', { required: 'Write the message to the customer' }),
    ]),
    formAction('Resolve', 'resolve', caseId, [textInput('resolveText', 'Result (sent to the customer)', { required: 'Write the result first' })], 'positive'),
    formAction('Reply to customer', 'reply', caseId, [textInput('replyText', 'Message to the customer', { required: 'Write the message first' })]),
    escalate,
    reassign,
  ];
}

/**
 * The case card in a department channel: the same facts and buttons as the Slack card.
 * Contact details arrive masked in the CaseView. Buttons sit in two ActionSets because Teams
 * shows at most six actions in a row.
 */
export function caseCard(c: CaseView, candidates: ReassignCandidate[]): AdaptiveCard {
  const urgency = c.urgent ? '🔴 URGENT' : '⚪ normal';
  const escalated = c.escalationLevel > 0 ? ` · ⬆️ escalated (level ${c.escalationLevel})` : '';
  const due = c.dueTimes.slice(0, 4).map((d) => `${d.overdue ? '🔥' : '⏰'} ${d.clock.replace(/_/g, ' ')}: ${d.dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const facts = [
    ['Status', STATUS_LABEL[c.status]],
    ['Category', c.category ?? '—'],
    ['Urgency', urgency + escalated],
    ['Owner', c.ownerName ?? 'unclaimed'],
    ['Order number', c.orderNumber ?? '—'],
    ['Customer wants', c.desiredOutcome ?? '—'],
    ['Customer', `${c.customerName}${c.customerContact ? ` · ${c.customerContact}` : ''}`],
    ['Amount', c.amount === null ? '—' : String(c.amount)],
    ['Evidence', clip(c.evidencePresent.join('; ') || 'none yet', 1000)],
    ['Missing', c.evidenceMissing.join(', ') || '—'],
    ['Due', due.join(' · ') || '—'],
  ].map(([title, value]) => ({ title, value }));
  const body: CardElement[] = [
    { type: 'TextBlock', text: `${c.number} · ${c.departmentName ?? 'unrouted'}`, weight: 'Bolder', size: 'Large', wrap: true, ...(c.urgent ? { color: 'Attention' } : {}) },
    { type: 'TextBlock', text: clip(c.summary, 1500), wrap: true },
    ...(c.needsHuman ? [{ type: 'TextBlock', text: `⚠️ **${c.needsHuman}**`, color: 'Warning', wrap: true }] : []),
    { type: 'FactSet', facts },
  ];
  if (c.lastToCustomer) body.push({ type: 'TextBlock', text: clip(`Customer was last told: “${c.lastToCustomer}”`, 600), isSubtle: true, wrap: true });
  if (c.pendingApproval) {
    body.push(
      { type: 'TextBlock', text: `💰 **Waiting for supervisor approval**: ${c.pendingApproval.description}`, wrap: true },
      { type: 'ActionSet', actions: [executeAction('Approve offer', 'approve', { solutionId: c.pendingApproval.solutionId }, 'positive')] },
    );
  }
  if (c.status !== 'closed') {
    const actions = staffActions(c, candidates);
    body.push({ type: 'ActionSet', actions: actions.slice(0, 4) });
    if (actions.length > 4) body.push({ type: 'ActionSet', actions: actions.slice(4) });
  }
  body.push({
    type: 'TextBlock',
    text: 'Replies in this thread are internal notes and never reach the customer. To answer the customer, use **Reply to customer** or write “@Complaint Desk reply …” here.',
    isSubtle: true,
    size: 'Small',
    wrap: true,
  });
  return adaptiveCard(body);
}
