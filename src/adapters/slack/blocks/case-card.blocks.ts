import { STATUS_LABEL, type CaseView } from '../../../core/cases/case-view.js';
import { ACTIONS } from '../slack-ids.js';

type Block = { type: string; [key: string]: unknown };


const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const when = (d: Date) => `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time}|${d.toISOString()}>`;
const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/** The case card in a department channel (Block Kit, within Slack's size limits); contact is already masked. */
export function caseCardBlocks(c: CaseView, botUserId?: string): { text: string; blocks: Block[] } {
  const urgency = c.urgent ? '🔴 URGENT' : '⚪ normal';
  const escalated = c.escalationLevel > 0 ? `  ·  ⬆️ escalated (level ${c.escalationLevel})` : '';
  const fields = [
    `*Status*\n${STATUS_LABEL[c.status]}`,
    `*Category*\n${c.category ?? '—'}`,
    `*Urgency*\n${urgency}`,
    `*Owner*\n${c.ownerName ?? 'unclaimed'}`,
    `*Order number*\n${c.orderNumber ?? '—'}`,
    `*Customer wants*\n${c.desiredOutcome ?? '—'}`,
    `*Customer*\n${c.customerName}${c.customerContact ? ` · ${c.customerContact}` : ''}`,
    `*Amount*\n${c.amount ?? '—'}`,
  ].map((text) => ({ type: 'mrkdwn', text: clip(text, 1900) }));
  const due = c.dueTimes.slice(0, 4).map((d) => `${d.overdue ? '🔥' : '⏰'} ${d.clock.replace(/_/g, ' ')}: ${when(d.dueAt)}`);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${c.number} · ${c.departmentName ?? ''}`, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*${urgency}*${escalated}\n>${c.summary.replace(/\n/g, '\n>')}`, 2900) } },
    ...(c.needsHuman ? [{ type: 'section', text: { type: 'mrkdwn', text: `⚠️ *${c.needsHuman}*` } }] : []),
    { type: 'section', fields },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*Evidence*: ${c.evidencePresent.join('; ') || 'none yet'}` +
            (c.evidenceMissing.length ? `\n*Missing*: ${c.evidenceMissing.join(', ')}` : '') +
            (due.length ? `\n*Due*: ${due.join('  ·  ')}` : ''),
          2900,
        ),
      },
    },
  ];
  if (c.lastToCustomer) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(`Customer was last told: “${c.lastToCustomer}”`, 2900) }] });
  if (c.pendingApproval)
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: clip(`💰 *Waiting for supervisor approval*: ${c.pendingApproval.description}`, 2900) } },
      { type: 'actions', elements: [button('Approve offer', ACTIONS.approve, c.pendingApproval.solutionId, 'primary')] },
    );
  if (c.status !== 'closed') {
    const id = c.id;
    const staffButtons =
      c.ownerId === null
        ? [button('Claim', ACTIONS.claim, id, 'primary'), button('Escalate', ACTIONS.escalate, id, 'danger'), button('Reassign', ACTIONS.reassign, id)]
        : [
            button('Ask customer', ACTIONS.ask, id),
            button('Post update', ACTIONS.update, id),
            button('Propose solution', ACTIONS.propose, id),
            button('Resolve', ACTIONS.resolve, id, 'primary'),
            button('Reply to customer', ACTIONS.reply, id),
            button('Escalate', ACTIONS.escalate, id, 'danger'),
            button('Reassign', ACTIONS.reassign, id),
          ];
    blocks.push({ type: 'actions', block_id: `case_actions`, elements: staffButtons });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: `Replies in this thread are internal notes and never reach the customer. To answer the customer, use *Reply to customer* or write \`${botUserId ? `<@${botUserId}>` : '@bot'} reply …\` here.`,
      },
    ],
  });
  return { text: `${c.needsHuman ? '⚠️ needs a human · ' : ''}${c.number} ${STATUS_LABEL[c.status]} — ${clip(c.summary, 120)}`, blocks };
}
