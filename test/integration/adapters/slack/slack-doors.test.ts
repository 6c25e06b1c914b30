// Real Bolt HTTPReceiver with signed requests, real PGlite, a local fake of slack.com/api.
import { beforeAll, describe, expect, it } from 'vitest';
import { mountHealthRoutes } from '../../../../src/http/health-routes.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { eventBody, nextTs, signedHeaders } from '../../../helpers/slack-requests.js';

const post = async (base: string, body: string, headers: Record<string, string>) => {
  const res = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
};

describe('Slack signed requests outside the five-minute window', () => {
  const desk = withSlackAdapter();

  it('refuses a correctly signed request dated more than 5 minutes in the future, as it refuses a stale one', async () => {
    const now = Math.floor(Date.now() / 1000);
    const complaint = (channel: string) => eventBody({ type: 'message', channel_type: 'im', channel, user: 'U0FUT', text: 'order 12345678 arrived broken', ts: nextTs() });
    const future = complaint('D0FUTURE');
    expect((await post(desk.base, future, signedHeaders(future, { timestamp: now + 6 * 60 }))).status).toBe(401);
    const stale = complaint('D0STALE');
    expect((await post(desk.base, stale, signedHeaders(stale, { timestamp: now - 6 * 60 }))).status).toBe(401);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(0);
    // Inside the window (clock skew between Slack and us), either way: accepted and stored.
    const skewed = complaint('D0SKEW');
    expect((await post(desk.base, skewed, signedHeaders(skewed, { timestamp: now + 4 * 60 }))).status).toBe(200);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(1);
  });
});

describe('Slack auth.test failing at start-up', () => {
  const waits: { ms: number; release: () => void }[] = [];
  let waited: () => void = () => {};
  const sleep = (ms: number) =>
    new Promise<void>((release) => {
      waits.push({ ms, release });
      waited();
    });
  const desk = withSlackAdapter({ failAuthTest: 3, sleep, waitUntilStarted: false });
  beforeAll(() => {
    mountHealthRoutes(desk.http, [{ name: 'slack (auth.test)', ready: () => desk.adapter.ready() }]);
  });

  /** Lets the adapter's current back-off wait end, and waits until it sleeps again or has succeeded. */
  const releaseWait = async () => {
    const next = new Promise<void>((r) => (waited = r));
    waits.at(-1)!.release();
    await Promise.race([next, desk.adapter.started]);
  };

  it('refuses events and stays unready until auth.test succeeds, retrying with back-off; then knows its own mentions', async () => {
    const mention = { type: 'message', channel: 'C0GENERAL', channel_type: 'channel', user: 'U0CUST', text: '<@U0BOT> my order 12345678 arrived broken', ts: nextTs() };
    const body = eventBody(mention);
    expect(desk.adapter.ready()).toBe(false);
    expect((await fetch(`${desk.base}/readyz`)).status).toBe(503);
    expect((await post(desk.base, body, signedHeaders(body))).status).toBe(503);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(0);

    await releaseWait();
    await releaseWait();
    expect(waits.map((w) => w.ms)).toEqual([1000, 2000, 4000]);
    expect((await fetch(`${desk.base}/readyz`)).status).toBe(503);
    await releaseWait();
    await desk.adapter.started;
    expect(desk.api.callsTo('auth.test')).toHaveLength(4);
    expect(desk.adapter.ready()).toBe(true);
    expect((await fetch(`${desk.base}/readyz`)).status).toBe(200);

    // Slack delivers the refused event again: now the bot's mention in a channel opens a case.
    expect((await post(desk.base, body, { ...signedHeaders(body), 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).status).toBe(200);
    const stored = await desk.h.runtime.db.prisma.inboxMessage.findMany();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored[0]!.message)).not.toContain('<@U0BOT>');
  });
});
