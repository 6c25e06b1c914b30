// Personal data and markup in a complaint, through the real Bolt HTTPReceiver with signed
// requests on PGlite; only Slack's Web API is a local fake. What staff channels are sent is
// read from the chat.postMessage / chat.update bodies.
import { beforeAll, describe, expect, it } from 'vitest';
import { complaintText, followUpText, leakedIn, ORDER, PERSONAL } from '../../../helpers/personal-data.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { nextTs } from '../../../helpers/slack-requests.js';

const DM = 'D0PRIVACY';
const CUSTOMER = 'U0CUSTPRIV';
const WANG = 'U0WANGFANG';
const MARKUP = '<!channel> <@U0CHENJIE> see <http://evil.example|bank.com>';

describe('Slack: personal data and markup in customer text', () => {
  // A machine shared with other runs: PGlite start-up can be slow.
  const desk = withSlackAdapter({ timeoutMs: 180_000 });
  let caseId = '';
  /** Everything posted or updated anywhere but the customer's own DM, as one string per call. */
  const staffSide = () =>
    [...desk.api.callsTo('chat.postMessage'), ...desk.api.callsTo('chat.update')].filter((p) => p.channel !== DM).map((p) => JSON.stringify({ text: p.text, blocks: p.blocks }));

  beforeAll(async () => {
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: DM, user: CUSTOMER, ts: nextTs(), text: complaintText(MARKUP), files: [{ id: 'F1', name: 'leak.jpg', mimetype: 'image/jpeg' }] });
    await desk.settle();
    caseId = (await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: DM } })).id;
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: DM, user: CUSTOMER, ts: nextTs(), text: followUpText('<!here>') });
    await desk.settle();
    await desk.h.runtime.desk.claimCase({ platform: 'slack', userId: WANG }, caseId);
    // A staff note quoting the customer reaches the supervisors and the escalation channel.
    await desk.h.runtime.desk.escalateCase({ platform: 'slack', userId: WANG }, caseId, `customer repeats ${PERSONAL.phone.raw} <!everyone>`);
    await desk.settle();
  });

  it('masks the case card: blocks and the message text, posted and updated', async () => {
    const card = desk.api.callsTo('chat.postMessage').find((p) => p.channel === 'C0QUALITY' && Array.isArray(p.blocks))!;
    expect(card).toBeTruthy();
    const posted = JSON.stringify({ text: card.text, blocks: card.blocks });
    expect(leakedIn(posted)).toEqual([]);
    for (const shown of [PERSONAL.phone.masked, PERSONAL.email.masked, PERSONAL.idCard.masked, PERSONAL.bankCard.masked, ORDER]) expect(posted).toContain(shown);
    expect(String(card.text)).toContain(PERSONAL.phone.masked);
    expect(desk.api.callsTo('chat.update').length).toBeGreaterThan(0);
    for (const update of desk.api.callsTo('chat.update')) expect(leakedIn(JSON.stringify(update))).toEqual([]);
  });

  it('makes the customer’s markup inert: no ping, no mention, no disguised link', () => {
    const all = staffSide().join('\n');
    for (const live of ['<!channel>', '<!here>', '<!everyone>', '<@U0CHENJIE>', '<http://evil.example|bank.com>']) expect(all).not.toContain(live);
    expect(all).toContain('&lt;!channel&gt;');
    expect(all).toContain('&lt;http://evil.example|bank.com&gt;');
  });

  it('masks the “💬 Customer:” note in the card thread, the supervisor DM and the escalation post', () => {
    const note = desk.api.callsTo('chat.postMessage').find((p) => String(p.text).startsWith('💬 Customer:'))!;
    expect(note.thread_ts).toBeTruthy();
    expect(String(note.text)).toContain(PERSONAL.followUpPhone.masked);
    expect(String(note.text)).toContain('&lt;!here&gt;');
    const escalations = desk.api.callsTo('chat.postMessage').filter((p) => String(p.text).startsWith('🚨'));
    expect(escalations.map((p) => p.channel)).toEqual(expect.arrayContaining(['C0ESCALATION']));
    expect(escalations.length).toBeGreaterThanOrEqual(3); // supervisor DM, escalation channel, card thread
    for (const e of escalations) expect(String(e.text)).toContain(`customer repeats ${PERSONAL.phone.masked} &lt;!everyone&gt;`);
    expect(leakedIn(staffSide().join('\n'))).toEqual([]);
  });

  it('leaves the customer’s own record unmasked', async () => {
    const inbound = await desk.h.runtime.db.prisma.caseMessage.findFirstOrThrow({ where: { caseId, direction: 'inbound' }, orderBy: { createdAt: 'asc' } });
    expect(inbound.text).toContain(PERSONAL.phone.raw);
    expect(inbound.text).toContain(PERSONAL.bankCard.raw);
  });
});
