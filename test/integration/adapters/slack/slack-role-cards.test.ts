// What staff see is what they can do (issue 16.3), through the real Bolt HTTPReceiver (signed
// requests), the real outbox and PGlite; only Slack's Web API is a local fake. A channel message
// looks the same to everyone, so the card offers what every member of the department may do,
// and "More actions" tells the clicker alone what they may do themselves.
import { describe, expect, it } from 'vitest';
import type { DeskConfig } from '../../../../src/config/desk-config.js';
import { exampleConfig } from '../../../helpers/desk-harness.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { buttonClick, nextTs } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG'; // agent, quality
const CHEN = 'U0CHENJIE'; // agent, quality
const LIU = 'U0LIUQIANG'; // supervisor
const QUALITY = 'C0QUALITY';

type Block = { type: string; block_id?: string; elements?: { action_id?: string; value?: string }[] };
const actionIds = (blocks: unknown): string[] => ((blocks ?? []) as Block[]).filter((b) => b.type === 'actions').flatMap((b) => (b.elements ?? []).map((e) => e.action_id ?? ''));

function config(): DeskConfig {
  const c = exampleConfig();
  // Quiet hours would hold the supervisor's message until morning; this test is about its buttons.
  c.sla.quietHours = undefined;
  return c;
}

describe('Slack: cards offer what the viewer may do', () => {
  const desk = withSlackAdapter({ config: config() });
  const card = (caseId: string) => {
    const posted = desk.api.callsTo('chat.postMessage').filter((p) => p.channel === QUALITY && JSON.stringify(p.blocks ?? []).includes(caseId));
    const updated = desk.api.callsTo('chat.update').filter((p) => p.channel === QUALITY && JSON.stringify(p.blocks ?? []).includes(caseId));
    return (updated.at(-1) ?? posted.at(-1))!;
  };
  const ephemeralsTo = (user: string) => desk.api.callsTo('chat.postEphemeral').filter((p) => p.user === user);

  async function routedCase(customer: string): Promise<{ id: string; number: string }> {
    const dm = `D0${customer}`;
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: dm, user: customer, ts: nextTs(), text: 'The kettle I bought leaks after two days, order K-20261. Phone 13812345678', files: [{ id: `F${customer}`, name: 'leak.jpg', mimetype: 'image/jpeg' }] });
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: dm } });
    expect(c.status).toBe('routed');
    return { id: c.id, number: c.number };
  }

  it('shows the channel what every staff member of the department may do plus the named owner’s work, never Reassign or Approve', async () => {
    const c = await routedCase('U0CUSTR1');
    const unclaimed = actionIds(card(c.id).blocks);
    expect(unclaimed).toEqual(['claim_case', 'escalate_case', 'change_category', 'mark_urgent', 'link_case', 'more_actions']);

    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'claim_case', c.id))).status).toBe(200);
    await desk.settle();
    // Claimed: the card names its owner and carries the owner's work (nobody else may do it); never Reassign.
    const claimed = actionIds(card(c.id).blocks);
    expect(claimed).toEqual(['ask_customer', 'post_update', 'propose_solution', 'reply_to_customer', 'escalate_case', 'change_category', 'mark_urgent', 'link_case', 'more_actions']);
    expect(claimed).not.toContain('reassign_case');
    expect(claimed).not.toContain('approve_solution');
  });

  it('answers "More actions" privately with exactly the clicker’s actions, whose buttons work like the card’s', async () => {
    const c = await routedCase('U0CUSTR2');
    expect((await desk.sendInteraction(buttonClick(CHEN, QUALITY, 'more_actions', c.id))).status).toBe(200);
    const forAgent = ephemeralsTo(CHEN).at(-1)!;
    expect(forAgent.channel).toBe(QUALITY);
    expect(actionIds(forAgent.blocks)).toEqual(['claim_case', 'escalate_case', 'change_category', 'mark_urgent', 'link_case']);

    expect((await desk.sendInteraction(buttonClick(LIU, QUALITY, 'more_actions', c.id))).status).toBe(200);
    expect(actionIds(ephemeralsTo(LIU).at(-1)!.blocks)).toEqual(['claim_case', 'escalate_case', 'reassign_case', 'change_category', 'mark_urgent', 'link_case']);

    // A click on the ephemeral's Claim claims the case, as the card's would.
    const fromEphemeral = buttonClick(WANG, QUALITY, 'claim_case', c.id, { container: { type: 'message', channel_id: QUALITY, message_ts: '1.2', is_ephemeral: true } });
    expect((await desk.sendInteraction(fromEphemeral)).status).toBe(200);
    await desk.settle();
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).ownerId).toBe('wang-fang');

    // Now the owner has the case's work; the other agent only what others may do.
    await desk.sendInteraction(buttonClick(WANG, QUALITY, 'more_actions', c.id));
    expect(actionIds(ephemeralsTo(WANG).at(-1)!.blocks)).toEqual(['ask_customer', 'post_update', 'propose_solution', 'reply_to_customer', 'escalate_case', 'change_category', 'mark_urgent', 'link_case']);
    await desk.sendInteraction(buttonClick(CHEN, QUALITY, 'more_actions', c.id));
    const other = ephemeralsTo(CHEN).at(-1)!;
    expect(actionIds(other.blocks)).toEqual(['escalate_case', 'change_category', 'mark_urgent', 'link_case']);
    // An internal note has no button: it is named, as a reply in the card's thread.
    expect(JSON.stringify(other.blocks)).toContain('Internal note');
  });

  it('gives the supervisor an escalation message with the supervisor’s buttons, Reassign included', async () => {
    const c = await routedCase('U0CUSTR3');
    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'escalate_case', c.id))).status).toBe(200);
    await desk.settle();
    const toLiu = desk.api.callsTo('chat.postMessage').filter((p) => p.channel === `D${LIU}` && String(p.text).includes(c.number));
    expect(toLiu.length).toBeGreaterThan(0);
    const ids = actionIds(toLiu.at(-1)!.blocks);
    expect(ids).toContain('reassign_case');
    expect(ids).toContain('claim_case');
    expect(ids).not.toContain('more_actions');
  });
});
