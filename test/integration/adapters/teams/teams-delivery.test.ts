// Real botbuilder CloudAdapter and real outbox on PGlite, two replicas sharing one database;
// the Bot Connector at `serviceUrl` is a local fake that can answer 429/502 like Teams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createDeskRuntime, type DeskRuntime } from '../../../../src/app/desk-runtime.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, exampleConfig, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeBotConnector, TeamsActivities, TENANT, type TeamsUser } from '../../../helpers/fake-bot-connector.js';

const noSettings = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true } as const;
const ESCALATION = '19:escalation@thread.tacv2';

describe('Teams delivery from stored conversation references', () => {
  let h: DeskHarness;
  let replicaB: DeskRuntime;
  let connector: FakeBotConnector;
  let httpA: HttpServer;
  let teams: TeamsActivities;
  let base = '';

  beforeAll(async () => {
    h = await createHarness();
    connector = new FakeBotConnector();
    teams = new TeamsActivities(await connector.start());
    httpA = new HttpServer();
    attachTeams(h.runtime.application, httpA, noSettings, createLogger('silent'));
    base = `http://127.0.0.1:${await httpA.listen(0)}`;
    // Replica B shares the database and nothing else: no memory of what A has seen.
    replicaB = await createDeskRuntime({ config: exampleConfig(), database: h.runtime.db, clock: h.clock, minIntervalMs: {}, workerId: 'replica-b' });
    attachTeams(replicaB.application, new HttpServer(), noSettings, createLogger('silent'));
  });
  afterAll(async () => {
    await httpA.close();
    await connector.stop();
    await replicaB.outbox.stop();
    await h.close();
  });

  const post = (activity: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const intake = async () => {
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
  };
  const deliverOn = async (runtime: DeskRuntime) => {
    while ((await runtime.outbox.drainOnce()).sent > 0);
  };

  it('lets another replica message the customer, open a chat with a supervisor it never met, and post to an unseen channel', async () => {
    const zhao: TeamsUser = { id: '29:1zhao', aadObjectId: 'aad-customer-zhao', name: '赵敏' };
    await post(teams.personal(zhao, '电暖器一开就冒火花还有烟味，太危险了！订单号 H-2026-7788'));
    await intake();
    const c = await h.runtime.db.prisma.case.findFirstOrThrow({ where: { customer: { platformUserId: zhao.aadObjectId } } });
    expect(c.urgent).toBe(true);

    await deliverOn(replicaB);
    expect(String(connector.sent(teams.personalChatId(zhao))[0]?.body.text)).toContain(c.number);
    // The supervisor never wrote to the bot: B opens a personal chat with his AAD id, in the tenant it knows.
    const [opened] = connector.conversationsCreated();
    expect(opened?.body).toMatchObject({ isGroup: false, members: [{ id: 'aad-liu-qiang' }], tenantId: TENANT, bot: { id: '28:complaint-desk-bot' } });
    const chatId = String(opened!.answer!.id);
    expect(connector.sent(chatId).some((s) => String(s.body.text).includes(c.number))).toBe(true);
    // The escalation channel never sent the bot anything; it is addressed with the known service URL.
    expect(connector.sent(ESCALATION).some((s) => String(s.body.text).includes(c.number))).toBe(true);
    expect(await h.runtime.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);

    // The opened chat is stored: the next escalation reuses it on the other replica, no second conversation.
    const before = connector.sent(chatId).length;
    await h.runtime.desk.escalateCase({ platform: 'teams', userId: 'aad-wang-fang' }, c.id, 'customer called again');
    await deliverOn(h.runtime);
    expect(connector.conversationsCreated()).toHaveLength(1);
    expect(connector.sent(chatId).length).toBeGreaterThan(before);
  });

  it('waits out 429 with its Retry-After on the outbox clock, in order, with no retry inside the HTTP call', async () => {
    const qian: TeamsUser = { id: '29:1qian', aadObjectId: 'aad-customer-qian', name: 'Qian Wei' };
    const chat = teams.personalChatId(qian);
    await post(teams.personal(qian, 'My parcel for order 20261120-5521 is a week late and nobody answers.'));
    await intake();
    connector.refuseNext(1, 429, 7);
    const first = await h.runtime.outbox.drainOnce();
    expect(first.rateLimited).toBe(1);
    expect(connector.refused).toHaveLength(1);
    expect(connector.sent(chat)).toHaveLength(0); // one refused attempt, not retried inside the call
    const waiting = await h.runtime.db.prisma.outboxMessage.findMany({ where: { status: 'pending', rateKey: `teams:${chat}` }, orderBy: { id: 'asc' } });
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    expect(waiting.every((w) => w.availableAt.getTime() === h.clock.now().getTime() + 7000 && w.attempts === 0)).toBe(true);

    h.clock.advance(6_900);
    await h.runtime.outbox.drainOnce();
    expect(connector.sent(chat)).toHaveLength(0);
    h.clock.advance(100);
    await deliverOn(h.runtime);
    const delivered = connector.sent(chat);
    expect(delivered).toHaveLength(waiting.length);
    expect(String(delivered[0]!.body.text)).toMatch(/CMP-\d{8}-\d{4}/); // the acknowledgement still comes first

    // 502 without Retry-After: retried a moment later, never dropped.
    await post(teams.personal(qian, 'Any news on my parcel?'));
    await intake();
    connector.refuseNext(1, 502);
    expect((await h.runtime.outbox.drainOnce()).rateLimited).toBe(1);
    h.clock.advance(2_000);
    await deliverOn(h.runtime);
    expect(await h.runtime.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    expect(connector.sent(chat).length).toBeGreaterThan(delivered.length);
  });
});
