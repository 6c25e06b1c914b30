// Real Bolt HTTPReceiver with signed requests, real PGlite, a local fake of slack.com/api.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../../src/adapters/slack/slack-app.js';
import { createLogger } from '../../../../src/app/logger.js';
import { mountHealthRoutes } from '../../../../src/http/health-routes.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeSlackApi } from '../../../helpers/fake-slack-api.js';
import { eventBody, nextTs, signedHeaders } from '../../../helpers/slack-requests.js';

const post = async (base: string, body: string, headers: Record<string, string>) => {
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
};

describe('Slack signed requests outside the five-minute window', () => {
  let h: DeskHarness;
  let api: FakeSlackApi;
  let http: HttpServer;
  let base = '';

  beforeAll(async () => {
    h = await createHarness();
    api = new FakeSlackApi();
    await api.start();
    http = new HttpServer();
    await createSlackAdapter(h.runtime.application, http, { botToken: 'xoxb-test', signingSecret: 'test-signing-secret', apiUrl: api.url }, createLogger('silent'));
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    await http.close();
    await api.stop();
    await h.close();
  });

  it('refuses a correctly signed request dated more than 5 minutes in the future, as it refuses a stale one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const complaint = (channel: string) => eventBody({ type: 'message', channel_type: 'im', channel, user: 'U0FUT', text: 'order 12345678 arrived broken', ts: nextTs() });
    const future = complaint('D0FUTURE');
    expect((await post(base, future, signedHeaders(future, { timestamp: now + 6 * 60 }))).status).toBe(401);
    const stale = complaint('D0STALE');
    expect((await post(base, stale, signedHeaders(stale, { timestamp: now - 6 * 60 }))).status).toBe(401);
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);
    // Inside the window (clock skew between Slack and us), either way: accepted and stored.
    const skewed = complaint('D0SKEW');
    expect((await post(base, skewed, signedHeaders(skewed, { timestamp: now + 4 * 60 }))).status).toBe(200);
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(1);
  });
});

describe('Slack auth.test failing at start-up', () => {
  let h: DeskHarness;
  let api: FakeSlackApi;
  let http: HttpServer;
  let slack: SlackAdapter;
  let base = '';
  const waits: { ms: number; release: () => void }[] = [];
  let waited: () => void = () => {};

  beforeAll(async () => {
    h = await createHarness();
    api = new FakeSlackApi();
    api.failAuthTest = 3;
    await api.start();
    http = new HttpServer();
    const sleep = (ms: number) =>
      new Promise<void>((release) => {
        waits.push({ ms, release });
        waited();
      });
    slack = await createSlackAdapter(h.runtime.application, http, { botToken: 'xoxb-test', signingSecret: 'test-signing-secret', apiUrl: api.url, sleep }, createLogger('silent'));
    mountHealthRoutes(http, [{ name: 'slack (auth.test)', ready: () => slack.ready() }]);
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    await slack.stop();
    await http.close();
    await api.stop();
    await h.close();
  });

  /** Lets the adapter's current back-off wait end, and waits until it sleeps again or has succeeded. */
  const releaseWait = async () => {
    const next = new Promise<void>((r) => (waited = r));
    waits.at(-1)!.release();
    await Promise.race([next, slack.started]);
  };

  it('refuses events and stays unready until auth.test succeeds, retrying with back-off; then knows its own mentions', async () => {
    const mention = { type: 'message', channel: 'C0GENERAL', channel_type: 'channel', user: 'U0CUST', text: '<@U0BOT> my order 12345678 arrived broken', ts: nextTs() };
    const body = eventBody(mention);
    expect(slack.ready()).toBe(false);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect((await post(base, body, signedHeaders(body))).status).toBe(503);
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);

    await releaseWait();
    await releaseWait();
    expect(waits.map((w) => w.ms)).toEqual([1000, 2000, 4000]);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    await releaseWait();
    await slack.started;
    expect(api.callsTo('auth.test')).toHaveLength(4);
    expect(slack.ready()).toBe(true);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    // Slack delivers the refused event again: now the bot's mention in a channel opens a case.
    expect((await post(base, body, { ...signedHeaders(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).status).toBe(200);
    const stored = await h.runtime.db.prisma.inboxMessage.findMany();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored[0]!.message)).not.toContain('<@U0BOT>');
  });
});
