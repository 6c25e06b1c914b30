import type { App } from '@slack/bolt';
import { STATUS_LABELS } from '../../../core/staff-text/status-labels.js';
import { slackActor, type SlackContext } from '../slack-context.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';

const HELP = [
  '*/complaint* — the complaint desk',
  '• `/complaint new` — how to file a complaint',
  '• `/complaint status CMP-20261123-0042` — where a case stands',
  '• `/complaint mine` — your open cases (staff)',
  '• `/complaint help` — this list',
].join('\n');

/** `/complaint new | status <number> | mine | help`; answers are ephemeral. */
export function registerCommands(app: App, ctx: SlackContext): void {
  app.command('/complaint', async ({ command, ack }) => {
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/);
    const actor = slackActor(command.user_id);
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });
    switch (sub.toLowerCase()) {
      case 'new':
        return reply('Send me a direct message describing what went wrong (the order number and a photo help). I will open a case and keep you updated in that thread.');
      case 'status': {
        const answer = rest[0] ? await ctx.app.caseStatusFor(actor, rest[0]) : ({ kind: 'not_found' } as const);
        if (answer.kind === 'not_found') return reply(`No case found for "${rest[0] ?? ''}". Use the number from your acknowledgement, e.g. CMP-20261123-0042.`);
        if (answer.kind === 'not_yours') return reply('You can only look up your own cases.');
        return reply(answer.text);
      }
      case 'mine': {
        if (!ctx.app.staffMember(actor)) return reply('`/complaint mine` lists the cases you own; it is for desk staff.');
        const cases = await ctx.app.desk.openCasesOwnedBy(actor);
        if (!cases.length) return reply('You have no open cases. 🎉');
        const labels = STATUS_LABELS[ctx.app.languageOf(actor)];
        return reply(cases.map((c) => `• *${c.number}* ${labels[c.status]}${c.urgent ? ' 🔴' : ''} — ${escapeMrkdwn(c.summary.slice(0, 80))}`).join('\n'));
      }
      default:
        return reply(HELP);
    }
  });
}
