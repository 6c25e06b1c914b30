// Issue 16: a multi-case conversation in a Teams personal chat and corrections from the card, through the real
// botbuilder CloudAdapter; only the Bot Connector is a local fake. The desk clock is a manual clock.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const LOGISTICS = '19:logistics@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-he', aadObjectId: 'aad-customer-he', name: 'He Jun' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const boss: TeamsUser = { id: '29:1liu', aadObjectId: 'aad-liu-qiang', name: '刘强' };
const photo = { contentType: 'image/jpeg', contentUrl: 'https://smba.example/v3/attachments/jug/views/original', name: 'jug.jpg' };

describe('Teams: multi-case personal chat and corrections from the card', () => {
  const desk = withTeamsAdapter();
  beforeAll(async () => {
    await desk.post(desk.activities.installedInTeam(wang, QUALITY));
    await desk.post(desk.activities.installedInTeam(wang, LOGISTICS));
  });

  const personal = () => ({ id: desk.activities.personalChatId(customer), conversationType: 'personal' });
  const toCustomer = () => desk.connector.sent(desk.activities.personalChatId(customer));
  const say = async (text: string, over: Record<string, unknown> = {}) => {
    expect((await desk.post(desk.activities.personal(customer, text, over))).status).toBe(200);
    await desk.settle();
  };
  const caseOf = (summary: string) => desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { summary: { contains: summary } } });
  const inbound = async (caseId: string) => (await desk.h.runtime.db.prisma.caseMessage.findMany({ where: { caseId, direction: 'inbound' } })).map((m) => m.text);
  const channelOf = async (caseId: string) => {
    const at = (await desk.h.runtime.cards.get(caseId, 'teams'))!;
    return { conversation: { id: `${at.channelId};messageid=${at.messageId}`, conversationType: 'channel' }, messageId: at.messageId, channelId: at.channelId };
  };

  it('files a late answer to a staff question into its case, not into the newer one, and tells the asker', async () => {
    await say('The blender jug arrived cracked, order number ORD-30001. Phone 13812345678. I want a replacement.', { attachments: [photo] });
    const a = await caseOf('blender jug');
    expect(a.status).toBe('routed');
    const card = await channelOf(a.id);
    await desk.invoke(wang, card.conversation, 'claim', { caseId: a.id });
    await desk.invoke(wang, card.conversation, 'ask', { caseId: a.id, askText: 'Is the motor base damaged too?' });
    await desk.settle();
    desk.h.clock.advanceMinutes(10);
    await say('I was charged twice for order 77120001, please refund the double charge! Phone 13812345678');
    const b = await caseOf('charged twice');
    expect(b.id).not.toBe(a.id);
    desk.h.clock.advanceHours(3);
    await say('No, only the jug');
    expect(await inbound(a.id)).toContain('No, only the jug');
    expect(await inbound(b.id)).not.toContain('No, only the jug');
    expect(toCustomer().map((c) => String(c.body.text)).join('\n')).not.toContain('If something went wrong');
    const thread = desk.connector.sent(card.conversation.id).map((c) => String(c.body.text));
    expect(thread.some((t) => t.includes('replied to 王芳\'s question “Is the motor base damaged too?”: No, only the jug'))).toBe(true);
    // The asker is told in their personal chat (opened by the bot).
    expect(desk.connector.calls.some((c) => c.method === 'POST' && String(c.body.text ?? '').includes('No, only the jug') && String(c.body.text).includes('your question'))).toBe(true);
  });

  it('routes by a case number, and asks which case when the text does not say', async () => {
    const a = await caseOf('blender jug');
    const b = await caseOf('charged twice');
    desk.h.clock.advanceMinutes(5);
    await say(`Regarding ${b.number}: the second charge is still on my card`);
    expect(await inbound(b.id)).toContain(`Regarding ${b.number}: the second charge is still on my card`);
    desk.h.clock.advanceMinutes(5);
    await say('any news?');
    const question = toCustomer().at(-1)!.body;
    const card = JSON.stringify(question.attachments);
    expect(card).toContain('"verb":"choose_case"');
    expect(card).toContain(a.number);
    expect(card).toContain(b.number);
    expect(card).toContain('A new problem');
    const unfiled = await desk.h.runtime.db.prisma.unfiledMessage.findFirstOrThrow({ where: { text: 'any news?' } });
    expect(unfiled.state).toBe('pending_choice');
    await desk.invoke(customer, personal(), 'choose_case', { unfiledId: unfiled.id, caseId: a.id });
    await desk.settle();
    expect(await inbound(a.id)).toContain('any news?');
    expect(await inbound(b.id)).not.toContain('any news?');
  });

  it('lets staff move the case to another department, mark it urgent and merge a duplicate from the card', async () => {
    const a = await caseOf('blender jug');
    const old = await channelOf(a.id);
    const moved = await desk.invoke(wang, old.conversation, 'recategorize', { caseId: a.id, category: 'logistics', department: '' });
    expect(moved.type).toBe('application/vnd.microsoft.card.adaptive');
    await desk.settle();
    const edit = desk.connector.updates().filter((u) => u.activityId === old.messageId).at(-1)!;
    expect(JSON.stringify(edit.body.attachments)).toContain('moved to Logistics (#19:logistics@thread.tacv2)');
    const now = await channelOf(a.id);
    expect(now.channelId).toBe(LOGISTICS);
    expect(JSON.stringify(desk.connector.sent(LOGISTICS).at(-1)!.body.attachments)).toContain(a.number);
    expect(await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ departmentKey: 'logistics', ownerId: null, category: 'logistics' });

    await desk.invoke(boss, now.conversation, 'mark_urgent', { caseId: a.id, urgent: true });
    await desk.settle();
    const urgent = await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    expect(urgent.urgent).toBe(true);
    expect(urgent.urgentDueAt!.getTime()).toBe(urgent.createdAt.getTime() + 2 * 3_600_000);

    const b = await caseOf('charged twice');
    const bCard = await channelOf(b.id);
    const merged = await desk.invoke(boss, bCard.conversation, 'link', { caseId: b.id, linkOther: a.number, linkMode: 'merge' });
    expect(JSON.stringify(merged.value)).toContain(`Merged into ${a.number}`);
    await desk.settle();
    expect(toCustomer().filter((c) => String(c.body.text).includes(b.number) && String(c.body.text).includes(a.number) && /merged/.test(String(c.body.text)))).toHaveLength(1);
    const audit = await desk.h.runtime.db.prisma.caseEvent.findMany({ where: { caseId: a.id, type: { in: ['department_moved', 'marked_urgent'] } } });
    expect(audit.map((e) => [e.type, e.platform])).toEqual([['department_moved', 'teams'], ['marked_urgent', 'teams']]);
    expect(await desk.h.runtime.db.prisma.triageCorrection.count({ where: { caseId: a.id } })).toBe(2);
  });
});
