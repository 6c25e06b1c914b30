// Real botbuilder CloudAdapter behind the bot's HTTP server, real PGlite, real outbox and inbox
// workers; only the Bot Connector at `serviceUrl` is a local fake (test/helpers/fake-bot-connector.ts).
import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-zhang', aadObjectId: 'aad-customer-zhang', name: 'Zhang Li' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const chen: TeamsUser = { id: '29:1chen', aadObjectId: 'aad-chen-jie', name: '陈杰' };

describe('Teams adapter: one case end to end', () => {
  const desk = withTeamsAdapter();
  const customerChat = () => desk.activities.personalChatId(customer);
  const toCustomer = () => desk.connector.sent(customerChat());
  const lastToCustomer = () => toCustomer().at(-1)!.body;

  it('answers what is not an activity with a clear 4xx', async () => {
    expect((await fetch(`${desk.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' })).status).toBe(400);
    expect((await desk.post([1, 2])).status).toBe(400);
    expect((await fetch(`${desk.base}/api/messages`)).status).toBe(405);
    expect((await desk.post({ text: 'no type' })).status).toBe(400);
  });

  it('takes a complaint from personal chat to a resolved, rated case', async () => {
    // The app is installed in the quality team: Teams announces it with conversationUpdate.
    expect((await desk.post(desk.activities.installedInTeam(wang, QUALITY))).status).toBe(200);

    const complaint = desk.activities.personal(customer, 'The kettle I bought leaks after two days, order number 20261116-8871. I would like a replacement.');
    expect((await desk.post(complaint)).status).toBe(200);
    expect((await desk.post(complaint)).status).toBe(200); // the channel redelivers: still one message
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(1); // stored before the 200
    await desk.settle();
    expect(await desk.h.runtime.db.prisma.case.count()).toBe(1);
    const c0 = await desk.h.runtime.db.prisma.case.findFirstOrThrow();
    expect(String(toCustomer()[0]!.body.text)).toContain(c0.number);
    // The evidence question, proactively in the same personal chat, as a new message (not a reply to a made-up id).
    expect(String(lastToCustomer().text)).toMatch(/photo/i);
    expect(toCustomer().every((call) => call.activityId === undefined && (call.body.from as { id: string }).id === '28:complaint-desk-bot')).toBe(true);
    expect(desk.connector.sent(QUALITY)).toHaveLength(0); // not routed while evidence is missing

    // The answer carries the photo: recorded as evidence.
    await desk.post(desk.activities.personal(customer, 'here it is, call me on 13812345678', { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://smba.example/v3/attachments/leak/views/original', name: 'leak.jpg' }] }));
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow();
    expect(c.status).toBe('routed');
    expect(await desk.h.runtime.db.prisma.evidence.findFirst({ where: { caseId: c.id, fileName: 'leak.jpg', url: 'https://smba.example/v3/attachments/leak/views/original' } })).toBeTruthy();

    // The case card: an Adaptive Card posted to the department channel, contact masked.
    const [cardPost] = desk.connector.sent(QUALITY);
    expect(cardPost).toBeTruthy();
    const card = JSON.stringify(cardPost!.body.attachments);
    expect(card).toContain('application/vnd.microsoft.card.adaptive');
    expect(card).toContain(c.number);
    expect(card).not.toContain('13812345678');
    expect(card).toContain('138****5678');
    expect(card).toMatch(/"verb":"claim"/);
    const location = await desk.h.runtime.cards.get(c.id, 'teams');
    expect(location?.channelId).toBe(QUALITY);

    // Permissions: only desk staff of the case may act; the first claim wins.
    const channel = { id: `${QUALITY};messageid=${location!.messageId}`, conversationType: 'channel' };
    expect(JSON.stringify(await desk.invoke(customer, { id: customerChat(), conversationType: 'personal' }, 'claim', { caseId: c.id }))).toContain('⚠️');
    const claimed = await desk.invoke(wang, channel, 'claim', { caseId: c.id }, location!.messageId);
    expect(claimed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(claimed.value)).toContain('王芳');
    expect(JSON.stringify(await desk.invoke(chen, channel, 'claim', { caseId: c.id }))).toContain('already claimed by 王芳');
    await desk.settle();
    // Updated in place: PUT on the card's own activity id.
    const edits = desk.connector.updates().filter((u) => u.activityId === location!.messageId);
    expect(edits.length).toBeGreaterThan(0);
    expect(JSON.stringify(edits.at(-1)!.body.attachments)).toContain('王芳');
    expect(desk.connector.sent(QUALITY)).toHaveLength(1); // never a second card

    // Ask with an empty form: told what is missing, nothing happens.
    expect(JSON.stringify(await desk.invoke(wang, channel, 'update', { caseId: c.id, updateText: '  ' }))).toContain('Write the update first');
    await desk.invoke(wang, channel, 'update', { caseId: c.id, updateText: 'Checking the batch in the warehouse.' });
    await desk.settle();
    expect(String(lastToCustomer().text)).toContain('Checking the batch in the warehouse.');

    // Staff talk in the card's thread: an internal note; "reply …" reaches the customer.
    const sentBefore = toCustomer().length;
    expect((await desk.post(desk.activities.channelMention(wang, QUALITY, 'Batch 42 had a bad seal.', location!.messageId))).status).toBe(200);
    await desk.settle();
    expect(toCustomer()).toHaveLength(sentBefore);
    expect(await desk.h.runtime.db.prisma.caseMessage.findFirst({ where: { caseId: c.id, direction: 'internal', text: { contains: 'Batch 42' } } })).toBeTruthy();

    await desk.invoke(wang, channel, 'propose', { caseId: c.id, proposeType: 'replacement', proposeAmount: '', proposeEffectiveBy: 'ships within 3 days', proposeText: 'A new kettle, shipping on us.' });
    await desk.settle();
    const offer = lastToCustomer();
    expect(String(offer.text)).toContain('A new kettle');
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;
    expect(JSON.stringify(offer.attachments)).toContain(`"verb":"accept"`);
    expect(JSON.stringify(offer.attachments)).toContain(solutionId);

    // Only the customer may decide on the offer.
    const personal = { id: customerChat(), conversationType: 'personal' };
    expect(JSON.stringify(await desk.invoke(wang, personal, 'accept', { solutionId }))).toContain('⚠️');
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('solution_proposed');
    const accepted = await desk.invoke(customer, personal, 'accept', { solutionId });
    // The clicker gets the answered card back, in the customer's language.
    expect(accepted.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(accepted.value)).toContain('You accepted the proposed solution');
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).not.toBe('solution_proposed');

    await desk.invoke(wang, channel, 'resolve', { caseId: c.id, resolveText: 'The new kettle was delivered.' });
    await desk.settle();
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('resolved');
    const survey = lastToCustomer();
    expect(JSON.stringify(survey.attachments)).toContain(`"verb":"survey"`);

    // A client without Universal Actions: Action.Submit arrives as a message carrying the card data.
    expect((await desk.post(desk.activities.cardSubmit(customer, personal, { verb: 'survey', caseId: c.id, score: '5', comment: 'quick' }))).status).toBe(200);
    expect(await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'closed', satisfactionScore: 5, satisfactionComment: 'quick' });
    // No card activity to update (no replyToId): the answer comes back as a message, in the customer's language.
    expect(String(lastToCustomer().text)).toBe('You rated us 5/5 ★★★★★');

    // Audit: every step recorded with the Teams identity of who did it.
    const events = await desk.h.runtime.db.prisma.caseEvent.findMany({ where: { caseId: c.id } });
    const staffEvents = events.filter((e) => e.actorKind === 'staff');
    expect(staffEvents.length).toBeGreaterThanOrEqual(5);
    expect(staffEvents.every((e) => e.platform === 'teams' && e.actorId === 'wang-fang')).toBe(true);
    expect(events.filter((e) => e.actorKind === 'customer').every((e) => e.actorId === customer.aadObjectId)).toBe(true);
  });

  it('takes a complaint from a channel message that mentions the bot and answers in that thread', async () => {
    const GENERAL = '19:general@thread.tacv2';
    const li: TeamsUser = { id: '29:1li', aadObjectId: 'aad-customer-li', name: 'Li Wei' };
    // Without a mention the bot stays out of the conversation.
    await desk.post({ ...desk.activities.channelMention(li, GENERAL, 'just chatting'), entities: [] });
    const mention = desk.activities.channelMention(li, GENERAL, 'I was charged twice for order 20261118-7777, please refund the second charge.');
    expect((await desk.post(mention)).status).toBe(200);
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { customer: { platformUserId: li.aadObjectId } } });
    expect(c.summary).not.toContain('<at>');
    const thread = desk.connector.sent(`${GENERAL};messageid=${String(mention.id)}`);
    expect(String(thread[0]?.body.text)).toContain(c.number);
    expect(desk.connector.sent(GENERAL)).toHaveLength(0); // nothing as a new top-level post
    expect(await desk.h.runtime.db.prisma.case.count({ where: { summary: { contains: 'just chatting' } } })).toBe(0);
  });
});
