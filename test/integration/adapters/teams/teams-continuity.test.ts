// Issue 16: a multi-case conversation in a Teams personal chat and corrections from the card, through the real
// botbuilder CloudAdapter; only the Bot Connector is a local fake. The desk clock is a manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeBotConnector, TeamsActivities, type TeamsUser } from '../../../helpers/fake-bot-connector.js';

const QUALITY = '19:quality@thread.tacv2';
const LOGISTICS = '19:logistics@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-he', aadObjectId: 'aad-customer-he', name: 'He Jun' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const boss: TeamsUser = { id: '29:1liu', aadObjectId: 'aad-liu-qiang', name: '刘强' };
const photo = { contentType: 'image/jpeg', contentUrl: 'https://smba.example/v3/attachments/jug/views/original', name: 'jug.jpg' };

describe('Teams: multi-case personal chat and corrections from the card', () => {
  let h: DeskHarness;
  let connector: FakeBotConnector;
  let http: HttpServer;
  let teams: TeamsActivities;
  let base = '';

  beforeAll(async () => {
    h = await createHarness();
    connector = new FakeBotConnector();
    teams = new TeamsActivities(await connector.start());
    http = new HttpServer();
    attachTeams(h.runtime.application, http, { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true }, createLogger('silent'));
    base = `http://127.0.0.1:${await http.listen(0)}`;
    await post(teams.installedInTeam(wang, QUALITY));
    await post(teams.installedInTeam(wang, LOGISTICS));
  });
  afterAll(async () => {
    await http.close();
    await connector.stop();
    await h.close();
  });

  const post = (activity: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const invoke = async (...args: Parameters<TeamsActivities['cardAction']>) => {
    const res = await post(teams.cardAction(...args));
    expect(res.status).toBe(200);
    return (await res.json()) as { statusCode: number; type: string; value: unknown };
  };
  async function settle() {
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    await h.deliver();
  }
  const personal = () => ({ id: teams.personalChatId(customer), conversationType: 'personal' });
  const toCustomer = () => connector.sent(teams.personalChatId(customer));
  const say = async (text: string, over: Record<string, unknown> = {}) => {
    expect((await post(teams.personal(customer, text, over))).status).toBe(200);
    await settle();
  };
  const caseOf = (summary: string) => h.runtime.db.prisma.case.findFirstOrThrow({ where: { summary: { contains: summary } } });
  const inbound = async (caseId: string) => (await h.runtime.db.prisma.caseMessage.findMany({ where: { caseId, direction: 'inbound' } })).map((m) => m.text);
  const channelOf = async (caseId: string) => {
    const at = (await h.runtime.cards.get(caseId, 'teams'))!;
    return { conversation: { id: `${at.channelId};messageid=${at.messageId}`, conversationType: 'channel' }, messageId: at.messageId, channelId: at.channelId };
  };

  it('files a late answer to a staff question into its case, not into the newer one, and tells the asker', async () => {
    await say('The blender jug arrived cracked, order number ORD-30001. Phone 13812345678. I want a replacement.', { attachments: [photo] });
    const a = await caseOf('blender jug');
    expect(a.status).toBe('routed');
    const card = await channelOf(a.id);
    await invoke(wang, card.conversation, 'claim', { caseId: a.id });
    await invoke(wang, card.conversation, 'ask', { caseId: a.id, askText: 'Is the motor base damaged too?' });
    await settle();
    h.clock.advanceMinutes(10);
    await say('I was charged twice for order 77120001, please refund the double charge! Phone 13812345678');
    const b = await caseOf('charged twice');
    expect(b.id).not.toBe(a.id);
    h.clock.advanceHours(3);
    await say('No, only the jug');
    expect(await inbound(a.id)).toContain('No, only the jug');
    expect(await inbound(b.id)).not.toContain('No, only the jug');
    expect(toCustomer().map((c) => String(c.body.text)).join('\n')).not.toContain('If something went wrong');
    const thread = connector.sent(card.conversation.id).map((c) => String(c.body.text));
    expect(thread.some((t) => t.includes('replied to 王芳\'s question “Is the motor base damaged too?”: No, only the jug'))).toBe(true);
    // The asker is told in their personal chat (opened by the bot).
    expect(connector.calls.some((c) => c.method === 'POST' && String(c.body.text ?? '').includes('No, only the jug') && String(c.body.text).includes('your question'))).toBe(true);
  });

  it('routes by a case number, and asks which case when the text does not say', async () => {
    const a = await caseOf('blender jug');
    const b = await caseOf('charged twice');
    h.clock.advanceMinutes(5);
    await say(`Regarding ${b.number}: the second charge is still on my card`);
    expect(await inbound(b.id)).toContain(`Regarding ${b.number}: the second charge is still on my card`);
    h.clock.advanceMinutes(5);
    await say('any news?');
    const question = toCustomer().at(-1)!.body;
    const card = JSON.stringify(question.attachments);
    expect(card).toContain('"verb":"choose_case"');
    expect(card).toContain(a.number);
    expect(card).toContain(b.number);
    expect(card).toContain('A new problem');
    const unfiled = await h.runtime.db.prisma.unfiledMessage.findFirstOrThrow({ where: { text: 'any news?' } });
    expect(unfiled.state).toBe('pending_choice');
    await invoke(customer, personal(), 'choose_case', { unfiledId: unfiled.id, caseId: a.id });
    await settle();
    expect(await inbound(a.id)).toContain('any news?');
    expect(await inbound(b.id)).not.toContain('any news?');
  });

  it('lets staff move the case to another department, mark it urgent and merge a duplicate from the card', async () => {
    const a = await caseOf('blender jug');
    const old = await channelOf(a.id);
    const moved = await invoke(wang, old.conversation, 'recategorize', { caseId: a.id, category: 'logistics', department: '' });
    expect(moved.type).toBe('application/vnd.microsoft.card.adaptive');
    await settle();
    const edit = connector.updates().filter((u) => u.activityId === old.messageId).at(-1)!;
    expect(JSON.stringify(edit.body.attachments)).toContain('moved to Logistics (#19:logistics@thread.tacv2)');
    const now = await channelOf(a.id);
    expect(now.channelId).toBe(LOGISTICS);
    expect(JSON.stringify(connector.sent(LOGISTICS).at(-1)!.body.attachments)).toContain(a.number);
    expect(await h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ departmentKey: 'logistics', ownerId: null, category: 'logistics' });

    await invoke(boss, now.conversation, 'mark_urgent', { caseId: a.id, urgent: true });
    await settle();
    const urgent = await h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    expect(urgent.urgent).toBe(true);
    expect(urgent.urgentDueAt!.getTime()).toBe(urgent.createdAt.getTime() + 2 * 3_600_000);

    const b = await caseOf('charged twice');
    const bCard = await channelOf(b.id);
    const merged = await invoke(boss, bCard.conversation, 'link', { caseId: b.id, linkOther: a.number, linkMode: 'merge' });
    expect(JSON.stringify(merged.value)).toContain(`Merged into ${a.number}`);
    await settle();
    expect(toCustomer().filter((c) => String(c.body.text).includes(b.number) && String(c.body.text).includes(a.number) && /merged/.test(String(c.body.text)))).toHaveLength(1);
    const audit = await h.runtime.db.prisma.caseEvent.findMany({ where: { caseId: a.id, type: { in: ['department_moved', 'marked_urgent'] } } });
    expect(audit.map((e) => [e.type, e.platform])).toEqual([['department_moved', 'teams'], ['marked_urgent', 'teams']]);
    expect(await h.runtime.db.prisma.triageCorrection.count({ where: { caseId: a.id } })).toBe(2);
  });
});
