import type { App } from '@slack/bolt';
import { slackActor, type SlackContext } from '../slack-context.js';

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
    const member = ctx.runtime.ctx.staff.byActor(actor);
    const reply = (text: string) => ack({ response_type: 'ephemeral', text });
    switch (sub.toLowerCase()) {
      case 'new':
        return reply('Send me a direct message describing what went wrong (the order number and a photo help). I will open a case and keep you updated in that thread.');
      case 'status': {
        const c = rest[0] ? await ctx.runtime.desk.findCase(rest[0]) : null;
        if (!c) return reply(`No case found for "${rest[0] ?? ''}". Use the number from your acknowledgement, e.g. CMP-20261123-0042.`);
        const customer = await ctx.runtime.ctx.store.getCustomer(c.customerId);
        const own = customer?.platform === 'slack' && customer.platformUserId === command.user_id;
        if (!member && !own) return reply('You can only look up your own cases.');
        const owner = c.ownerId ? (ctx.runtime.ctx.staff.get(c.ownerId)?.name ?? c.ownerId) : 'not yet assigned';
        return reply(`*${c.number}* — ${c.status.replace(/_/g, ' ')} · handled by ${owner}${c.urgent ? ' · urgent' : ''}`);
      }
      case 'mine': {
        if (!member) return reply('`/complaint mine` lists the cases you own; it is for desk staff.');
        const cases = await ctx.runtime.desk.openCasesOwnedBy(actor);
        if (!cases.length) return reply('You have no open cases. 🎉');
        return reply(cases.map((c) => `• *${c.number}* ${c.status.replace(/_/g, ' ')}${c.urgent ? ' 🔴' : ''} — ${c.summary.slice(0, 80)}`).join('\n'));
      }
      default:
        return reply(HELP);
    }
  });
}
