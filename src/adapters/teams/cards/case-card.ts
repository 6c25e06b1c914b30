import type { CaseView } from '../../../core/cases/case-view.js';
import { SOLUTION_TYPES, type CustomerActions } from '../../../core/ports.js';

export type AdaptiveCard = Record<string, unknown>;

export const CARD_VERBS = ['claim', 'ask', 'update', 'propose', 'resolve', 'escalate', 'reassign', 'reply', 'approve', 'accept', 'reject', 'survey'] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

/** Action.Execute (Universal Actions) with an Action.Submit fallback for older clients; both carry the same data. */
function action(title: string, verb: CardVerb, data: Record<string, unknown>, style?: 'positive' | 'destructive'): Record<string, unknown> {
  const payload = { verb, ...data };
  return { type: 'Action.Execute', title, verb, data: payload, ...(style ? { style } : {}), fallback: { type: 'Action.Submit', title, data: payload } };
}

function formAction(title: string, verb: CardVerb, caseId: string, inputs: Record<string, unknown>[]): Record<string, unknown> {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: inputs, actions: [action('Send', verb, { caseId })] } };
}

const text = (id: string, label: string, multiline = true) => ({ type: 'Input.Text', id, label, isMultiline: multiline });

/** The case card for a department channel: the same facts and actions as the Slack card; contact masked. */
export function caseCard(c: CaseView, staff: { id: string; name: string }[]): AdaptiveCard {
  const facts = [
    ['Status', c.status.replace(/_/g, ' ')],
    ['Category', c.category ?? '—'],
    ['Urgency', c.urgent ? '🔴 URGENT' : 'normal'],
    ['Owner', c.ownerName ?? 'unclaimed'],
    ['Order number', c.orderNumber ?? '—'],
    ['Customer wants', c.desiredOutcome ?? '—'],
    ['Customer', `${c.customerName}${c.customerContact ? ` · ${c.customerContact}` : ''}`],
    ['Evidence', c.evidencePresent.join('; ') || 'none yet'],
    ['Missing', c.evidenceMissing.join(', ') || '—'],
    ['Next due', c.dueTimes[0] ? `${c.dueTimes[0].clock.replace(/_/g, ' ')} ${c.dueTimes[0].dueAt.toISOString()}${c.dueTimes[0].overdue ? ' (overdue)' : ''}` : '—'],
  ].map(([title, value]) => ({ title, value }));
  const actions: Record<string, unknown>[] = [];
  if (c.status !== 'closed') {
    if (!c.ownerId) actions.push(action('Claim', 'claim', { caseId: c.id }, 'positive'));
    actions.push(
      formAction('Ask customer', 'ask', c.id, [text('text', 'Question for the customer')]),
      formAction('Post update', 'update', c.id, [text('text', 'Progress (sent to the customer)')]),
      formAction('Propose solution', 'propose', c.id, [
        { type: 'Input.ChoiceSet', id: 'type', label: 'Solution', choices: SOLUTION_TYPES.map((t) => ({ title: t, value: t })), value: 'refund' },
        text('amount', 'Amount (if money is involved)', false),
        text('effectiveBy', 'When it takes effect', false),
        text('text', 'Message to the customer'),
      ]),
      formAction('Resolve', 'resolve', c.id, [text('text', 'Result (sent to the customer)')]),
      formAction('Reply to customer', 'reply', c.id, [text('text', 'Message to the customer')]),
      action('Escalate', 'escalate', { caseId: c.id }, 'destructive'),
      formAction('Reassign', 'reassign', c.id, [{ type: 'Input.ChoiceSet', id: 'owner', label: 'New owner', choices: staff.map((s) => ({ title: s.name, value: s.id })) }]),
    );
  }
  if (c.pendingApproval) actions.push(action('Approve offer', 'approve', { solutionId: c.pendingApproval.solutionId }, 'positive'));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    refresh: { action: { type: 'Action.Execute', verb: 'refresh', data: { verb: 'refresh', caseId: c.id } } },
    body: [
      { type: 'TextBlock', text: `${c.number} · ${c.departmentName ?? ''}`, weight: 'Bolder', size: 'Large', wrap: true },
      { type: 'TextBlock', text: c.summary, wrap: true },
      { type: 'FactSet', facts },
      ...(c.lastToCustomer ? [{ type: 'TextBlock', text: `Customer was last told: “${c.lastToCustomer}”`, isSubtle: true, wrap: true }] : []),
      ...(c.pendingApproval ? [{ type: 'TextBlock', text: `💰 Waiting for supervisor approval: ${c.pendingApproval.description}`, wrap: true }] : []),
      { type: 'TextBlock', text: 'Replies in this thread are internal notes; use “Reply to customer” to write to the customer.', isSubtle: true, size: 'Small', wrap: true },
    ],
    actions,
  };
}

/** A message to the customer with Accept/Reject (and a reason box) or the 1–5 survey. */
export function customerCard(message: string, actions: CustomerActions, caseId: string | null): AdaptiveCard {
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: message, wrap: true }];
  if (actions.kind === 'solution_decision') {
    body.push({ type: 'Input.Text', id: 'reason', label: 'If you reject it, tell us why / 如不接受，请说明原因', isMultiline: true });
    return {
      type: 'AdaptiveCard',
      version: '1.5',
      body,
      actions: [action('Accept / 接受', 'accept', { solutionId: actions.solutionId }, 'positive'), action('Reject / 不接受', 'reject', { solutionId: actions.solutionId }, 'destructive')],
    };
  }
  body.push({ type: 'Input.Text', id: 'comment', label: 'Comment (optional) / 意见（可选）', isMultiline: true });
  return { type: 'AdaptiveCard', version: '1.5', body, actions: [1, 2, 3, 4, 5].map((n) => action('⭐'.repeat(n), 'survey', { caseId, score: n })) };
}

export const asAttachment = (card: AdaptiveCard) => ({ contentType: 'application/vnd.microsoft.card.adaptive', content: card });
