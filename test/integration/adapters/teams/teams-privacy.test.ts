// Personal data and markup in a complaint, through the real botbuilder CloudAdapter behind the
// bot's HTTP server on PGlite; only the Bot Connector at `serviceUrl` is a local fake, and what
// staff channels are sent is read from the activities posted to it.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { complaintText, followUpText, leakedIn, ORDER, PERSONAL } from '../../../helpers/personal-data.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-priv', aadObjectId: 'aad-customer-priv', name: 'Zhang Li' };
const wang = { platform: 'teams' as const, userId: 'aad-wang-fang' };
const MARKUP = '<at>General</at> see [bank.com](http://evil.example) and <a href="http://evil.example">bank.com</a>';

describe('Teams: personal data, markup and customer identity in staff channels', () => {
  // A machine shared with other runs: PGlite start-up can be slow.
  const desk = withTeamsAdapter({ timeoutMs: 180_000 });
  /** Every activity sent or updated outside the customer's personal chat. */
  const staffSide = () => desk.connector.calls.filter((c) => c.conversationId !== desk.activities.personalChatId(customer) && c.conversationId !== '');

  beforeAll(async () => {
    // The department channel was never heard from: the bot addresses it with the last reference
    // it stored, which is the customer's personal chat.
    const photo = { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://smba.example/v3/attachments/leak/views/original', name: 'leak.jpg' }] };
    expect((await desk.post(desk.activities.personal(customer, complaintText(MARKUP), photo))).status).toBe(200);
    await desk.settle();
    expect((await desk.post(desk.activities.personal(customer, followUpText('<at>Everyone</at>')))).status).toBe(200);
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow();
    await desk.h.runtime.desk.claimCase(wang, c.id);
    // A staff note quoting the customer goes to the card thread, the supervisors and the escalation channel.
    await desk.h.runtime.desk.escalateCase(wang, c.id, `customer repeats ${PERSONAL.phone.raw} [click](http://evil.example)`);
    await desk.settle();
  });

  it('masks the case card and the activity summary', () => {
    const [card] = desk.connector.sent(QUALITY);
    expect(card).toBeTruthy();
    const json = JSON.stringify(card!.body);
    expect(leakedIn(json)).toEqual([]);
    for (const shown of [PERSONAL.phone.masked, PERSONAL.email.masked, PERSONAL.idCard.masked, PERSONAL.bankCard.masked, ORDER]) expect(json).toContain(shown);
    expect(String(card!.body.summary)).toContain(PERSONAL.phone.masked);
    expect(desk.connector.updates().length).toBeGreaterThan(0);
    for (const u of desk.connector.updates()) expect(leakedIn(JSON.stringify(u.body))).toEqual([]);
  });

  it('shows the complaint as a plain TextRun and leaves no link form in any Markdown text', () => {
    const [card] = desk.connector.sent(QUALITY);
    const content = (card!.body.attachments as { content: { body: { type: string; inlines?: { type: string; text: string }[] }[] } }[])[0]!.content;
    const rich = content.body.find((e) => e.type === 'RichTextBlock')!;
    expect(rich.inlines![0]).toMatchObject({ type: 'TextRun' });
    expect(rich.inlines![0]!.text).toContain('[bank.com](http://evil.example)'); // plain text: shown as typed
    const markdownTexts = JSON.stringify(staffSide().map((c) => ({ text: c.body.text, facts: JSON.stringify(c.body.attachments ?? []).match(/"value":"[^"]*"/g) })));
    expect(markdownTexts).not.toMatch(/\]\(http/);
  });

  it('makes thread notes inert and masked: no <at> mention, no link, no phone number', () => {
    const notes = desk.connector.sent().filter((c) => c.conversationId.startsWith(`${QUALITY};messageid=`)).map((c) => String(c.body.text));
    const customerNote = notes.find((t) => t.startsWith('💬 Customer:'))!;
    expect(customerNote).toContain(PERSONAL.followUpPhone.masked);
    expect(customerNote).toContain('&lt;at&gt;Everyone&lt;/at&gt;');
    expect(customerNote).not.toContain('<at>');
    const staffNote = notes.find((t) => t.includes('customer repeats'))!;
    expect(staffNote).toContain(PERSONAL.phone.masked);
    expect(staffNote).toContain('[click]\u200B(http://evil.example)');
    expect(leakedIn(notes.join('\n'))).toEqual([]);
    const escalationPost = desk.connector.sent('19:escalation@thread.tacv2').map((c) => String(c.body.text));
    expect(escalationPost).toHaveLength(1);
    expect(escalationPost[0]).toContain(`customer repeats ${PERSONAL.phone.masked} [click]\u200B(http://evil.example)`);
  });

  it('posts to the department channel without the customer’s identity', () => {
    const posts = staffSide();
    expect(posts.length).toBeGreaterThan(2);
    for (const p of posts) {
      const json = JSON.stringify(p.body);
      expect(json).not.toContain(customer.aadObjectId);
      expect(json).not.toContain(customer.id);
      expect(json).not.toContain('Zhang Li');
    }
  });

  it('leaves the customer’s own record unmasked', async () => {
    const inbound = await desk.h.runtime.db.prisma.caseMessage.findFirstOrThrow({ where: { direction: 'inbound' }, orderBy: { createdAt: 'asc' } });
    expect(inbound.text).toContain(PERSONAL.idCard.raw);
  });
});
