import type { App } from '@slack/bolt';
import { STATUS_LABELS } from '../../../core/staff-text/status-labels.js';
import { bilingualReply, COMMAND_REPLIES, type CommandReplies } from '../../../core/templates/command-replies.js';
import { slackActor, type SlackContext } from '../slack-context.js';
import { escapeMrkdwn } from '../blocks/escape-mrkdwn.js';

/** `/complaint new | status <number> | mine | help`; answers are ephemeral. */
export function registerCommands(app: App, ctx: SlackContext): void {
  app.command('/complaint', async ({ command, ack }) => {
    const [sub = 'help', ...rest] = command.text.trim().split(/\s+/);
    const actor = slackActor(command.user_id);
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });
    // Staff read their own language; a customer's is not known before a case, so they get both.
    const isStaff = Boolean(ctx.app.staffMember(actor));
    const words = (pick: (r: CommandReplies) => string) => (isStaff ? pick(COMMAND_REPLIES[ctx.app.languageOf(actor)]) : bilingualReply(pick));
    switch (sub.toLowerCase()) {
      case 'new':
        return reply(words((r) => r.howToFile));
      case 'status': {
        const answer = rest[0] ? await ctx.app.caseStatusFor(actor, rest[0]) : ({ kind: 'not_found' } as const);
        if (answer.kind === 'not_found') return reply(words((r) => r.notFound(rest[0] ?? '')));
        if (answer.kind === 'not_yours') return reply(words((r) => r.notYours));
        return reply(answer.text);
      }
      case 'mine': {
        if (!isStaff) return reply(words((r) => r.mineStaffOnly));
        const cases = await ctx.app.desk.openCasesOwnedBy(actor);
        if (!cases.length) return reply(words((r) => r.noOpenCases));
        const labels = STATUS_LABELS[ctx.app.languageOf(actor)];
        return reply(cases.map((c) => `• *${c.number}* ${labels[c.status]}${c.urgent ? ' 🔴' : ''} — ${escapeMrkdwn(c.summary.slice(0, 80))}`).join('\n'));
      }
      default:
        return reply(words((r) => r.help));
    }
  });
}
