// Real botbuilder CloudAdapter behind the bot's HTTP server, real PGlite; the Bot Connector is a local fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { activity, FakeBotConnector } from '../../../helpers/fake-bot-connector.js';

const QUALITY = '19:quality@thread.tacv2';
const wang = { id: '29:wang', aadObjectId: 'aad-wang-fang', name: '王芳' };

describe('Teams adapter', () => {
  let h: DeskHarness;
  let connector: FakeBotConnector;
  let http: HttpServer;
  let base = '';
  let serviceUrl = '';

  beforeAll(async () => {
    h = await createHarness();
    connector = new FakeBotConnector();
    serviceUrl = await connector.start();
    http = new HttpServer();
    attachTeams(h.runtime, http, { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'));
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    await http.close();
    await connector.stop();
    await h.close();
  });

  const post = (body: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  async function settle() {
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    await h.deliver();
  }
  const toCustomer = () => connector.sent().filter((c) => c.conversationId === 'a:personal-customer');

  it('rejects what is not an activity with a clear 400', async () => {
    const bad = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(bad.status).toBe(400);
    expect((await post([1, 2])).status).toBe(400);
  });

  it('walks one case end to end through Teams', async () => {
    // The bot is installed in the quality team and the owner has chatted with it: references stored.
    expect((await post(activity(serviceUrl, { type: 'conversationUpdate', conversation: { id: QUALITY, conversationType: 'channel', tenantId: 'tenant-1' }, membersAdded: [{ id: '28:desk-bot' }] }))).status).toBeLessThan(300);
    await post(activity(serviceUrl, { type: 'conversationUpdate', from: wang, conversation: { id: 'a:personal-wang', conversationType: 'personal' }, membersAdded: [{ id: '28:desk-bot' }] }));

    const complaint = activity(serviceUrl, { text: 'The kettle I bought leaks after two days, order number 20261116-8871. I would like a replacement.' });
    expect((await post(complaint)).status).toBe(200);
    expect((await post(complaint)).status).toBe(200); // redelivered: still one case
    await settle();
    expect(await h.runtime.db.prisma.case.count()).toBe(1);
    expect(String(toCustomer()[0]!.body.text)).toMatch(/CMP-\d{8}-\d{4}/);
    expect(String(toCustomer().at(-1)!.body.text)).toContain('photo');

    await post(activity(serviceUrl, { text: 'here it is', attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://files.example/leak.jpg', name: 'leak.jpg' }] }));
    await settle();
    await post(activity(serviceUrl, { text: 'call me on 13812345678' }));
    await settle();
    const c = await h.runtime.db.prisma.case.findFirstOrThrow();
    expect(c.status).toBe('routed');
    expect(await h.runtime.db.prisma.evidence.findFirst({ where: { caseId: c.id, fileName: 'leak.jpg' } })).toBeTruthy();
    const card = connector.sent().find((x) => x.conversationId === QUALITY);
    expect(card).toBeTruthy();
    expect(JSON.stringify(card!.body.attachments)).toContain(c.number);
    expect(JSON.stringify(card!.body.attachments)).not.toContain('13812345678');

    const invoke = (verb: string, data: Record<string, unknown>, from = wang, conversation = { id: QUALITY, conversationType: 'channel' }) =>
      post(activity(serviceUrl, { type: 'invoke', name: 'adaptiveCard/action', from, conversation, value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } } } }));
    const claim = await invoke('claim', { caseId: c.id });
    expect(claim.status).toBe(200);
    expect(JSON.stringify(await claim.json())).toContain('claimed');
    await invoke('update', { caseId: c.id, text: 'Checking the batch in the warehouse.' });
    await invoke('propose', { caseId: c.id, type: 'replacement', effectiveBy: 'ships within 3 days', text: 'A new kettle, shipping on us.' });
    await settle();
    expect(connector.updates().length).toBeGreaterThan(0);
    const offer = toCustomer().at(-1)!;
    expect(JSON.stringify(offer.body.attachments)).toContain('accept');
    const solutionId = (await h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;

    const customer = { id: '29:customer', aadObjectId: 'aad-customer', name: 'Zhang Li' };
    const personal = { id: 'a:personal-customer', conversationType: 'personal' };
    await invoke('accept', { solutionId }, wang, personal);
    expect((await h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('solution_proposed');
    await invoke('accept', { solutionId }, customer, personal);
    await invoke('resolve', { caseId: c.id, text: 'The new kettle was delivered.' });
    await settle();
    expect(JSON.stringify(toCustomer().at(-1)!.body.attachments)).toContain('survey');
    // Older clients: Action.Submit arrives as a message with the card data in `value`.
    await post(activity(serviceUrl, { from: customer, value: { verb: 'survey', caseId: c.id, score: 5, comment: 'quick' } }));
    expect(await h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'closed', satisfactionScore: 5 });
    const staffEvents = await h.runtime.db.prisma.caseEvent.findMany({ where: { caseId: c.id, actorKind: 'staff' } });
    expect(staffEvents.every((e) => e.platform === 'teams' && e.actorId === 'wang-fang')).toBe(true);
  });

  it('messages people later from stored references, and waits out 429 without dropping anything', async () => {
    // The supervisor chatted with the bot once; from then on any replica can reach him.
    await post(activity(serviceUrl, { type: 'conversationUpdate', from: { id: '29:liu', aadObjectId: 'aad-liu-qiang' }, conversation: { id: 'a:personal-liu', conversationType: 'personal' }, membersAdded: [{ id: '28:desk-bot' }] }));
    connector.rateLimit(2);
    await post(activity(serviceUrl, { text: 'The heater sparks when switched on! order H-2026-7788', from: { id: '29:other', aadObjectId: 'aad-other' }, conversation: { id: 'a:personal-other', conversationType: 'personal' } }));
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    for (let i = 0; i < 5; i++) {
      await h.runtime.outbox.drainOnce();
      h.clock.advance(2_000);
    }
    expect(connector.sent().some((x) => x.conversationId === 'a:personal-other')).toBe(true);
    // The urgent case pinged the supervisor in his personal chat, proactively.
    expect(connector.sent().some((x) => x.conversationId === 'a:personal-liu' && String(x.body.text).includes('escalated'))).toBe(true);
    expect(await h.runtime.db.prisma.outboxMessage.count({ where: { status: { not: 'sent' } } })).toBe(0);
  });
});
