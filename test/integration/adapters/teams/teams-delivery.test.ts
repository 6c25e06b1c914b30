// Real botbuilder CloudAdapter and real outbox on PGlite, two replicas sharing one database;
// the Bot Connector at `serviceUrl` is a local fake that can answer 429/502 like Teams.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createDeskRuntime, type DeskRuntime } from '../../../../src/app/desk-runtime.js';
import { createLogger } from '../../../../src/shared/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { exampleConfig } from '../../../helpers/desk-harness.js';
import { TENANT, type TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { UNAUTHENTICATED_TEAMS, withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const ESCALATION = '19:escalation@thread.tacv2';

describe('Teams delivery from stored conversation references', () => {
  const desk = withTeamsAdapter();
  let replicaB: DeskRuntime;

  beforeAll(async () => {
    // Replica B shares the database and nothing else: no memory of what A has seen.
    replicaB = await createDeskRuntime({ config: exampleConfig(), database: desk.h.runtime.db, clock: desk.h.clock, minIntervalMs: {}, workerId: 'replica-b' });
    attachTeams(replicaB.application, new HttpServer(), UNAUTHENTICATED_TEAMS, createLogger('silent'));
  });
  // Registered after the fixture, so it runs before the fixture closes the shared database.
  afterAll(() => replicaB.outbox.stop());

  const intake = async () => {
    while ((await desk.h.runtime.inboxWorker.drainOnce()) > 0);
  };
  const deliverOn = async (runtime: DeskRuntime) => {
    while ((await runtime.outbox.drainOnce()).sent > 0);
  };

  it('lets another replica message the customer, open a chat with a supervisor it never met, and post to an unseen channel', async () => {
    const zhao: TeamsUser = { id: '29:1zhao', aadObjectId: 'aad-customer-zhao', name: '赵敏' };
    await desk.post(desk.activities.personal(zhao, '电暖器一开就冒火花还有烟味，太危险了！订单号 H-2026-7788'));
    await intake();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { customer: { platformUserId: zhao.aadObjectId } } });
    expect(c.urgent).toBe(true);

    await deliverOn(replicaB);
    expect(String(desk.connector.sent(desk.activities.personalChatId(zhao))[0]?.body.text)).toContain(c.number);
    // The supervisor never wrote to the bot: B opens a personal chat with his AAD id, in the tenant it knows.
    const [opened] = desk.connector.conversationsCreated();
    expect(opened?.body).toMatchObject({ isGroup: false, members: [{ id: 'aad-liu-qiang' }], tenantId: TENANT, bot: { id: '28:complaint-desk-bot' } });
    const chatId = String(opened!.answer!.id);
    expect(desk.connector.sent(chatId).some((s) => String(s.body.text).includes(c.number))).toBe(true);
    // The escalation channel never sent the bot anything; it is addressed with the known service URL.
    expect(desk.connector.sent(ESCALATION).some((s) => String(s.body.text).includes(c.number))).toBe(true);
    expect(await desk.h.runtime.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);

    // The opened chat is stored: the next escalation reuses it on the other replica, no second conversation.
    const before = desk.connector.sent(chatId).length;
    await desk.h.runtime.desk.escalateCase({ platform: 'teams', userId: 'aad-wang-fang' }, c.id, 'customer called again');
    await deliverOn(desk.h.runtime);
    expect(desk.connector.conversationsCreated()).toHaveLength(1);
    expect(desk.connector.sent(chatId).length).toBeGreaterThan(before);
  });

  it('waits out 429 with its Retry-After on the outbox clock, in order, with no retry inside the HTTP call', async () => {
    const qian: TeamsUser = { id: '29:1qian', aadObjectId: 'aad-customer-qian', name: 'Qian Wei' };
    const chat = desk.activities.personalChatId(qian);
    await desk.post(desk.activities.personal(qian, 'My parcel for order 20261120-5521 is a week late and nobody answers.'));
    await intake();
    desk.connector.refuseNext(1, 429, 7);
    const first = await desk.h.runtime.outbox.drainOnce();
    expect(first.rateLimited).toBe(1);
    expect(desk.connector.refused).toHaveLength(1);
    expect(desk.connector.sent(chat)).toHaveLength(0); // one refused attempt, not retried inside the call
    const waiting = await desk.h.runtime.db.prisma.outboxMessage.findMany({ where: { status: 'pending', rateKey: `teams:${chat}` }, orderBy: { id: 'asc' } });
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    expect(waiting.every((w) => w.availableAt.getTime() === desk.h.clock.now().getTime() + 7000 && w.attempts === 0)).toBe(true);

    desk.h.clock.advance(6_900);
    await desk.h.runtime.outbox.drainOnce();
    expect(desk.connector.sent(chat)).toHaveLength(0);
    desk.h.clock.advance(100);
    await deliverOn(desk.h.runtime);
    const delivered = desk.connector.sent(chat);
    expect(delivered).toHaveLength(waiting.length);
    expect(String(delivered[0]!.body.text)).toMatch(/CMP-\d{8}-\d{4}/); // the acknowledgement still comes first

    // 502 without Retry-After: retried a moment later, never dropped.
    await desk.post(desk.activities.personal(qian, 'Any news on my parcel?'));
    await intake();
    desk.connector.refuseNext(1, 502);
    expect((await desk.h.runtime.outbox.drainOnce()).rateLimited).toBe(1);
    desk.h.clock.advance(2_000);
    await deliverOn(desk.h.runtime);
    expect(await desk.h.runtime.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
    expect(desk.connector.sent(chat).length).toBeGreaterThan(delivered.length);
  });
});
