import { cardLabel, caseCardNotices, movedNotice, type CaseView } from '../../../core/cases/case-view.js';
import { staffText } from '../../../core/staff-text/staff-text-catalog.js';
import type { StaffAction } from '../../../core/cases/staff-permissions.js';
import { ACTIONS } from '../slack-ids.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';

type Block = { type: string; [key: string]: unknown };


const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** Text from the case (the customer's words, names) inside mrkdwn: clipped, then made inert. */
const esc = (s: string, n = 1800) => escapeMrkdwn(clip(s, n));
const when = (d: Date) => `<!date^${Math.floor(d.getTime() / 1000)}^{date_short_pretty} {time}|${d.toISOString()}>`;
const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger') => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

/**
 * The case card in a department channel (Block Kit, within Slack's size limits). `actions`: what
 * the core offers everyone in the channel (Desk.departmentCaseCard). The view's texts are already
 * masked; every one of them is escaped here before it enters mrkdwn.
 */
export function caseCardBlocks(c: CaseView, actions: readonly StaffAction[], botUserId?: string, evidenceLink?: (storedFileId: string) => string): { text: string; blocks: Block[] } {
  const w = c.words;
  const label = (key: Parameters<typeof cardLabel>[1]) => cardLabel(c, key);
  const escalated = w.escalated ? `  ·  ${w.escalated}` : '';
  const fields = [
    `*${label('card_status')}*\n${w.status}`,
    `*${label('card_category')}*\n${esc(c.category ?? '—')}`,
    `*${label('card_urgency')}*\n${w.urgency}`,
    `*${label('card_owner')}*\n${esc(w.owner)}`,
    `*${label('card_order_number')}*\n${esc(c.orderNumber ?? '—')}`,
    `*${label('card_customer_wants')}*\n${esc(c.desiredOutcome ?? '—')}`,
    `*${label('card_customer')}*\n${esc(c.customerName, 900)}${c.customerContact ? ` · ${esc(c.customerContact, 900)}` : ''}`,
    `*${label('card_amount')}*\n${esc(c.amountText ?? '—')}`,
  ].map((text) => ({ type: 'mrkdwn', text: clip(text, 1900) }));
  const due = c.dueTimes.slice(0, 4).map((d) => `${d.overdue ? '🔥' : '⏰'} ${d.name}: ${d.timeLeft} · ${when(d.dueAt)}`);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${c.number} · ${c.departmentName ?? ''}`, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(`*${w.urgency}*${escalated}\n>${esc(c.summary, 2000).replace(/\n/g, '\n>')}`, 2900) } },
    ...(c.needsHuman ? [{ type: 'section', text: { type: 'mrkdwn', text: `⚠️ *${c.needsHuman}*` } }] : []),
    { type: 'section', fields },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(
          `*${label('card_evidence')}*: ${esc(w.evidence, 2000)}` +
            (c.evidenceMissing.length ? `\n*${label('card_missing')}*: ${esc(c.evidenceMissing.join(', '), 600)}` : '') +
            (due.length ? `\n*${label('card_due')}*: ${due.join('  ·  ')}` : ''),
          2900,
        ),
      },
    },
  ];
  const files = evidenceLink ? fileLinks(c, evidenceLink) : null;
  if (files) blocks.push(files);
  const notices = caseCardNotices(c);
  // Notices quote the customer (earlier messages, the pending question): escaped like the summary.
  if (notices.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(notices.map((line) => escapeMrkdwn(line)).join('\n'), 2900) } });
  if (w.lastTold) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: esc(w.lastTold, 2000) }] });
  if (c.pendingApproval) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `💰 *${label('card_awaiting_approval')}*: ${esc(c.pendingApproval.description, 2000)}` } });
  // Everyone in the channel sees this message alike: only what every one of them may do, and a
  // "More actions" button that shows the clicker, privately, what they may do themselves.
  if (c.status !== 'closed') {
    const more = button(label('button_more_actions'), ACTIONS.moreActions, c.id);
    blocks.push({ type: 'actions', block_id: 'case_actions', elements: [...staffActionButtons(c, actions), more] });
  }
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: staffText('card_thread_hint', c.staffLanguage, { button: `*${label('button_reply')}*`, command: `\`${botUserId ? `<@${botUserId}>` : '@bot'} reply …\`` }),
      },
    ],
  });
  return { text: `${c.needsHuman ? `⚠️ ${label('card_needs_human')} · ` : ''}${c.number} ${w.status} — ${esc(c.summary, 120)}`, blocks };
}

/**
 * The customer's files, each linked to the bot's own signed download (staff cannot open the
 * customer's chat). Whole links only: one that would not fit in the block is left out and counted.
 */
function fileLinks(c: CaseView, evidenceLink: (storedFileId: string) => string): Block | null {
  if (c.evidenceFiles.length === 0) return null;
  let text = `*${staffText('card_files', c.staffLanguage)}*:`;
  let shown = 0;
  for (const f of c.evidenceFiles) {
    const link = ` <${escapeMrkdwn(evidenceLink(f.storedFileId))}|📎 ${esc(f.name.replace(/\|/g, '¦'), 120)}>`;
    if (text.length + link.length > 2800) break;
    text += link;
    shown++;
  }
  if (shown < c.evidenceFiles.length) text += ` (+${staffText('card_files_more', c.staffLanguage, { count: c.evidenceFiles.length - shown })})`;
  return { type: 'section', block_id: 'evidence_files', text: { type: 'mrkdwn', text } };
}

/**
 * The buttons for exactly these actions (the core decided them for whoever reads the message), in
 * the card's order. Each carries the action id its listener answers, wherever the message is: the
 * channel card, a "More actions" ephemeral or a direct message.
 */
export function staffActionButtons(c: CaseView, actions: readonly StaffAction[]): ReturnType<typeof button>[] {
  const may = new Set(actions);
  const label = (key: Parameters<typeof cardLabel>[1]) => cardLabel(c, key);
  const id = c.id;
  const offered: [StaffAction, ReturnType<typeof button> | null][] = [
    ['claim', button(label('button_claim'), ACTIONS.claim, id, 'primary')],
    ['approve', c.pendingApproval ? button(label('button_approve'), ACTIONS.approve, c.pendingApproval.solutionId, 'primary') : null],
    ['ask', button(label('button_ask'), ACTIONS.ask, id)],
    ['update', button(label('button_update'), ACTIONS.update, id)],
    ['propose', button(label('button_propose'), ACTIONS.propose, id)],
    ['resolve', button(label('button_resolve'), ACTIONS.resolve, id, 'primary')],
    ['reply', button(label('button_reply'), ACTIONS.reply, id)],
    ['escalate', button(label('button_escalate'), ACTIONS.escalate, id, 'danger')],
    ['reassign', button(label('button_reassign'), ACTIONS.reassign, id)],
    ['recategorize', button(label('button_recategorize'), ACTIONS.recategorize, id)],
    ['mark_urgent', !c.urgent || c.possibleUrgent ? button(label('button_mark_urgent'), ACTIONS.markUrgent, id, 'danger') : null],
    ['mark_urgent', c.urgent || c.possibleUrgent ? button(label('button_not_urgent'), ACTIONS.markNotUrgent, id) : null],
    ['link', button(label('button_link'), ACTIONS.link, id)],
  ];
  return offered.flatMap(([action, b]) => (b && may.has(action) ? [b] : []));
}

/** Actions that have no button of their own on Slack, with how to take them, for a per-person list. */
const WITHOUT_BUTTON: Partial<Record<StaffAction, Parameters<typeof cardLabel>[1]>> = { note: 'button_note', close: 'button_close' };

/**
 * What one staff member may do on a case, for them alone (the "More actions" ephemeral, a direct
 * message): a line naming the case, a button for each action `actions` holds, and the actions
 * taken elsewhere (an internal note is a reply in the card's thread) named below.
 */
export function staffActionsBlocks(c: CaseView, actions: readonly StaffAction[], intro?: string): { text: string; blocks: Block[] } {
  const buttons = staffActionButtons(c, actions);
  const elsewhere = actions.flatMap((a) => (WITHOUT_BUTTON[a] ? [cardLabel(c, WITHOUT_BUTTON[a])] : []));
  const heading = actions.length ? staffText('more_actions_intro', c.staffLanguage, { number: c.number }) : staffText('more_actions_none', c.staffLanguage, { number: c.number });
  // The notification text is the message itself; the list of actions is in the blocks.
  const text = intro ? escapeMrkdwn(intro) : heading;
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(intro ? `${escapeMrkdwn(intro)}\n*${heading}*` : `*${heading}*`, 2900) } }];
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'my_case_actions', elements: buttons });
  if (elsewhere.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: elsewhere.join(' · ') }] });
  return { text: clip(text, 3000), blocks };
}

/** The old card once its case moved to another department: where it went, no buttons. */
export function movedCardBlocks(c: CaseView): { text: string; blocks: Block[] } {
  const text = movedNotice(c, 'slack');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(`*${c.number}* — ${text}`, 2900) } }] };
}
