// A private PostgreSQL cluster (never the shared server) stopped hard and started again under
// the real runtime: Bolt's HTTPReceiver, the inbox and outbox worker loops, pg's pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivatePostgres, privatePostgresUnavailableReason, type PrivatePostgres } from '../../../support/chaos/private-postgres.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-app.js';
import { createDeskRuntime, type DeskRuntime } from '../../../src/app/desk-runtime.js';
import { HttpServer } from '../../../src/http/http-server.js';
import { exampleConfig } from '../../helpers/desk-harness.js';
import { FakeSlackApi } from '../../../support/fake-slack-api.js';
import { createLogSink } from '../../helpers/log-sink.js';
import { nextTs, sendEvent, SIGNING_SECRET } from '../../helpers/slack-requests.js';
import { until } from '../../helpers/wait.js';

const skipReason = await privatePostgresUnavailableReason();
if (skipReason) console.warn(`[skip] database outage test: cannot create a private PostgreSQL cluster (${skipReason})`);

const dm = (who: string, text: string) => ({ type: 'message', channel_type: 'im', channel: `D${who}`, user: `U${who}`, text, ts: nextTs() });

(skipReason ? describe.skip : describe)('PostgreSQL restarted under the running bot', () => {
  let database: PrivatePostgres;
  let runtime: DeskRuntime;
  let api: FakeSlackApi;
  let http: HttpServer;
  let base = '';
  const log = createLogSink('info');
  const messages = () => log.messages();

  beforeAll(async () => {
    database = await createPrivatePostgres();
    runtime = await createDeskRuntime({ config: exampleConfig(), database: { url: database.url, poolSize: 5 }, minIntervalMs: {}, logger: log.logger });
    api = new FakeSlackApi();
    await api.start();
    http = new HttpServer();
    await createSlackAdapter(runtime.application, http, { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: api.url }, log.logger);
    base = `http://127.0.0.1:${await http.listen(0)}`;
    runtime.inboxWorker.start(200);
    runtime.outbox.start(200);
  }, 60_000);

  afterAll(async () => {
    await http?.close();
    await runtime?.close();
    await api?.stop();
    await database?.remove();
  });

  const casesFor = (messageId: string) => runtime.db.prisma.caseMessage.count({ where: { platform: 'slack', platformMessageId: messageId } });
  const inboxRows = (messageId: string) => runtime.db.prisma.inboxMessage.count({ where: { dedupeKey: `slack:${messageId}` } });

  it('refuses events while the database is away, then stores the retried event and resumes stored work, each exactly once', async () => {
    // Normal service first, so the pool holds connections that the stop will cut.
    const before = dm('BEFORE', 'My kettle leaks, order K-1001, please replace it');
    expect((await sendEvent(base, before)).status).toBe(200);
    await until('the first complaint is a case', async () => (await casesFor(`DBEFORE:${before.ts}`)) === 1);

    // Work stored but not yet processed when the database goes: the inbox worker is paused for it.
    await runtime.inboxWorker.stop();
    const stored = dm('STORED', 'The blender arrived broken, order B-2002, I want a refund');
    expect((await sendEvent(base, stored)).status).toBe(200);

    await database.stop();
    runtime.inboxWorker.start(200);
    const refused = dm('REFUSED', 'The courier threw my parcel P-3003 over the fence and it broke');
    const first = await sendEvent(base, refused, { eventId: 'Ev-refused' });
    expect(first.status).toBeGreaterThanOrEqual(500);
    const retry = await sendEvent(base, refused, { eventId: 'Ev-refused', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } });
    expect(retry.status).toBeGreaterThanOrEqual(500);
    await expect(runtime.db.query('SELECT 1')).rejects.toThrow();
    await until('the inbox worker reports the outage', () => messages().some((m) => m.startsWith('inbox worker: database unavailable')));

    await database.start();
    const retried = await sendEvent(base, refused, { eventId: 'Ev-refused', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } });
    expect(retried.status).toBe(200);
    // No manual draining: the worker loops find their own way back.
    await until('the stored and the retried complaints are cases', async () => (await casesFor(`DSTORED:${stored.ts}`)) === 1 && (await casesFor(`DREFUSED:${refused.ts}`)) === 1, { timeoutMs: 30_000 });
    await until('the outbox is delivered', async () => (await runtime.outboxQueue.pendingCount()) === 0, { timeoutMs: 20_000 });

    for (const m of [`DBEFORE:${before.ts}`, `DSTORED:${stored.ts}`, `DREFUSED:${refused.ts}`]) {
      expect(await inboxRows(m)).toBe(1);
      expect(await casesFor(m)).toBe(1);
    }
    const customers = await runtime.db.prisma.customer.findMany({ where: { platformUserId: { in: ['UBEFORE', 'USTORED', 'UREFUSED'] } }, select: { _count: { select: { cases: true } } } });
    expect(customers.map((c) => c._count.cases)).toEqual([1, 1, 1]);
    expect(api.callsTo('chat.postMessage').filter((p) => p.channel === 'DREFUSED').length).toBeGreaterThan(0);

    // Once down, once back, per component: no line per refused event.
    const outageLines = messages().filter((m) => /database (unavailable|available again)/.test(m));
    expect(outageLines.filter((m) => m.startsWith('intake'))).toEqual([
      'intake: database unavailable, refusing messages with 503 (not acknowledged) so the platform delivers them again',
      'intake: database available again',
    ]);
    expect(outageLines.filter((m) => m.startsWith('inbox worker'))).toHaveLength(2);
    expect(log.lines.filter((l) => l.msg === 'slack listener failed')).toHaveLength(0);
  }, 60_000);
});
