// A customer's answer replaces the card they clicked (updateActivity: PUT on the Bot Connector),
// in their own language and script. Real botbuilder CloudAdapter, real PGlite; only the Bot
// Connector at `serviceUrl` is a local fake.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const staff = { platform: 'teams' as const, userId: wang.aadObjectId };

describe('Teams customer cards once answered', () => {
  const desk = withTeamsAdapter();
  beforeAll(async () => {
    await desk.post(desk.activities.installedInTeam(wang, QUALITY));
  });

  const personal = (u: TeamsUser) => ({ id: desk.activities.personalChatId(u), conversationType: 'personal' });
  const lastTo = (u: TeamsUser) => desk.connector.sent(desk.activities.personalChatId(u)).at(-1)!;

  /** A complaint with its photo and phone number in the customer's personal chat, claimed by Wang Fang. */
  async function complaint(u: TeamsUser, text: string) {
    await desk.post(desk.activities.personal(u, text));
    await desk.settle();
    const photo = { contentType: 'image/jpeg', contentUrl: `https://smba.example/v3/attachments/${u.aadObjectId}/views/original`, name: 'leak.jpg' };
    await desk.post(desk.activities.personal(u, '13812345678', { attachments: [photo] }));
    await desk.settle();
    const c = (await desk.h.runtime.db.prisma.case.findMany({ where: { channelId: desk.activities.personalChatId(u) } }))[0]!;
    await desk.h.runtime.desk.claimCase(staff, c.id);
    return c;
  }

  it('replaces a zh-Hant solution card on Action.Execute with the answer in Traditional script; a second click is refused, no second update', async () => {
    const chan: TeamsUser = { id: '29:1chan', aadObjectId: 'aad-customer-chan', name: 'Chan Tai Man' };
    const c = await complaint(chan, '我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8871，希望換一個新的。');
    expect(c.language).toBe('zh-Hant');
    await desk.h.runtime.desk.proposeSolution(staff, c.id, { type: 'replacement', text: '為您免費更換新水壺' });
    await desk.settle();
    const offer = lastTo(chan);
    const offerId = String(offer.answer!.id);
    expect(JSON.stringify(offer.body.attachments)).toContain('"verb":"accept"');
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;

    // The click sends what the card's button carries, as Teams does.
    const buttons = (offer.body.attachments as { content: { actions: { verb: string; data: Record<string, unknown> }[] } }[])[0]!.content.actions;
    const accept = buttons.find((b) => b.verb === 'accept')!.data;
    expect(accept.solutionId).toBe(solutionId);
    const res = await desk.post(desk.activities.cardAction(chan, personal(chan), 'accept', accept, offerId));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { type: string; value: unknown };
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(answer.value)).toContain('您已接受該方案');

    const [edit, ...more] = desk.connector.updates().filter((u) => u.activityId === offerId);
    expect(more).toHaveLength(0);
    expect(edit!.conversationId).toBe(desk.activities.personalChatId(chan));
    const card = JSON.stringify(edit!.body.attachments);
    expect(card).toContain('您已接受該方案');
    expect(card).toContain('為您免費更換新水壺');
    // The update replaces the whole activity: the offer the customer read stays on the card, above the answer.
    const offerText = String(offer.body.text);
    expect(offerText.length).toBeGreaterThan(20);
    expect(card).toContain(JSON.stringify(offerText).slice(1, -1));
    expect(card.indexOf(JSON.stringify(offerText).slice(1, -1))).toBeLessThan(card.indexOf('您已接受該方案'));
    expect(JSON.stringify(answer.value)).toContain(JSON.stringify(offerText).slice(1, -1));
    expect(card).not.toMatch(/Action\.|Input\./);
    expect(JSON.stringify(desk.connector.activities.get(offerId))).not.toContain('"verb":"accept"');

    // The old card again (another device still shows it): refused in the customer's script, nothing twice.
    await desk.settle();
    const sent = desk.connector.sent(desk.activities.personalChatId(chan)).length;
    const again = await desk.post(desk.activities.cardAction(chan, personal(chan), 'accept', { solutionId }, offerId));
    expect(JSON.stringify(await again.json())).toContain('該方案已失效');
    await desk.settle();
    expect(desk.connector.updates().filter((u) => u.activityId === offerId)).toHaveLength(1);
    expect(desk.connector.sent(desk.activities.personalChatId(chan))).toHaveLength(sent);
    expect(await desk.h.runtime.db.prisma.caseEvent.count({ where: { caseId: c.id, type: 'solution_accepted' } })).toBe(1);
  });

  it('replaces an en survey card on Action.Submit (a message replying to the card) with the score given, and sends nothing else', async () => {
    const emma: TeamsUser = { id: '29:1emma', aadObjectId: 'aad-customer-emma', name: 'Emma Wong' };
    const c = await complaint(emma, 'The kettle I bought leaks after two days of use, order number 20261116-8872. I want a replacement.');
    expect(c.language).toBe('en');
    await desk.h.runtime.desk.proposeSolution(staff, c.id, { type: 'replacement', text: 'We will send you a new kettle' });
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;
    await desk.h.runtime.desk.respondToSolution({ platform: 'teams', userId: emma.aadObjectId }, solutionId, { accept: true });
    await desk.h.runtime.desk.resolveCase(staff, c.id, 'A new kettle was delivered');
    await desk.settle();
    const survey = lastTo(emma);
    const surveyId = String(survey.answer!.id);
    expect(JSON.stringify(survey.body.attachments)).toContain('"verb":"survey"');

    const sent = desk.connector.sent(desk.activities.personalChatId(emma)).length;
    expect((await desk.post(desk.activities.cardSubmit(emma, personal(emma), { verb: 'survey', caseId: c.id, score: '4', comment: 'quick' }, surveyId))).status).toBe(200);
    const edit = desk.connector.updates().find((u) => u.activityId === surveyId)!;
    const card = JSON.stringify(edit.body.attachments);
    expect(card).toContain('You rated us 4/5 ★★★★☆');
    expect(card).toContain('Comment: quick');
    expect(card).not.toMatch(/Action\.|Input\.|谢谢|简体/);
    // The updated card is the acknowledgement: no "Thank you, noted" message besides.
    expect(desk.connector.sent(desk.activities.personalChatId(emma))).toHaveLength(sent);
    expect(await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'closed', satisfactionScore: 4 });
  });

  it('asks for the reason of a rejection in the customer script when the box is empty', async () => {
    const leung: TeamsUser = { id: '29:1leung', aadObjectId: 'aad-customer-leung', name: 'Leung' };
    const c = await complaint(leung, '我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8873，希望換一個新的。');
    await desk.h.runtime.desk.proposeSolution(staff, c.id, { type: 'replacement', text: '為您免費更換新水壺' });
    await desk.settle();
    const offerId = String(lastTo(leung).answer!.id);
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;
    const res = await desk.post(desk.activities.cardAction(leung, personal(leung), 'reject', { solutionId, reason: ' ' }, offerId));
    const body = JSON.stringify(await res.json());
    expect(body).toContain('如不接受，請說明原因');
    expect(body).not.toContain('请说明');
    expect(desk.connector.updates().filter((u) => u.activityId === offerId)).toHaveLength(0);
    expect((await desk.h.runtime.db.prisma.solution.findUniqueOrThrow({ where: { id: solutionId } })).status).toBe('offered');
  });
});
