// Staff messages under a case card and intake during an outage, through botbuilder's real
// CloudAdapter on PGlite; only the Bot Connector is a local fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeBotConnector, TeamsActivities, type TeamsUser } from '../../../helpers/fake-bot-connector.js';

const QUALITY = '19:quality@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-thread', aadObjectId: 'aad-customer-thread', name: 'Lee Mei' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };

describe('Teams card thread', () => {
  let h: DeskHarness;
  let connector: FakeBotConnector;
  let http: HttpServer;
  let teams: TeamsActivities;
  let base = '';
  let cardId = '';

  const post = (activity: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  async function settle() {
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    await h.deliver();
  }
  const toCustomer = () => connector.sent(teams.personalChatId(customer)).map((c) => String(c.body.text ?? ''));

  beforeAll(async () => {
    h = await createHarness();
    connector = new FakeBotConnector();
    teams = new TeamsActivities(await connector.start());
    http = new HttpServer();
    attachTeams(h.runtime.application, http, { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true }, createLogger('silent'));
    base = `http://127.0.0.1:${await http.listen(0)}`;
    await post(teams.installedInTeam(wang, QUALITY));
    await post(teams.personal(customer, 'The kettle I bought leaks, order 20261116-8871, call me on 13812345678', { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://smba.example/leak.jpg', name: 'leak.jpg' }] }));
    await settle();
    const c = await h.runtime.db.prisma.case.findFirstOrThrow();
    await h.runtime.desk.claimCase({ platform: 'teams', userId: 'aad-wang-fang' }, c.id);
    await settle();
    cardId = (await h.runtime.cards.get(c.id, 'teams'))!.messageId;
  });
  afterAll(async () => {
    await http.close();
    await connector.stop();
    await h.close();
  });

  it('keeps a thread message that merely begins with "reply" internal', async () => {
    const before = toCustomer().length;
    expect((await post(teams.channelMessage(wang, QUALITY, 'Reply from supplier QA: batch B-7732 has the same defect, hold off', cardId))).status).toBe(200);
    await settle();
    expect(toCustomer()).toHaveLength(before);
    expect(await h.runtime.db.prisma.caseMessage.findFirst({ where: { direction: 'internal', text: { contains: 'supplier QA' } } })).toBeTruthy();
  });

  it('keeps a mention that does not open the message internal, and sends "@bot reply …" once', async () => {
    const before = toCustomer().length;
    const mentionLater = teams.channelMention(wang, QUALITY, 'x', cardId) as { text: string };
    mentionLater.text = 'reply later, <at>Complaint Desk</at> will wait';
    await post(mentionLater);
    await settle();
    expect(toCustomer()).toHaveLength(before);
    const reply = teams.channelMention(wang, QUALITY, 'reply We will send a courier tomorrow.', cardId);
    expect((await post(reply)).status).toBe(200);
    expect((await post(reply)).status).toBe(200); // redelivered by the channel
    await settle();
    expect(toCustomer().slice(before).filter((t) => t.includes('courier tomorrow'))).toHaveLength(1);
  });

  it('answers 503, not 500, when the inbox cannot store a customer message, so the channel delivers it again', async () => {
    const inbox = h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      const res = await post(teams.personal(customer, 'Also the lid is cracked'));
      expect(res.status).toBe(503);
      expect(await res.text()).not.toMatch(/ECONNREFUSED|at \w+ \(/);
    } finally {
      inbox.accept = realAccept;
    }
  });
});
