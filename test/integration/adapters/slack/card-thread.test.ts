// Staff messages in a case card's thread through the real Bolt HTTPReceiver with signed requests,
// on PGlite; only Slack's Web API is a local fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../../src/adapters/slack/slack-app.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeSlackApi } from '../../../helpers/fake-slack-api.js';
import { nextTs, sendEvent, SIGNING_SECRET } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';
const QUALITY = 'C0QUALITY';

/** A desk whose Slack adapter started with `failAuthTest` failed auth.test calls, and one claimed case with its card. */
async function slackDesk(failAuthTest: number) {
  const h = await createHarness();
  const api = new FakeSlackApi();
  api.failAuthTest = failAuthTest;
  await api.start();
  const http = new HttpServer();
  // The back-off between auth.test retries ends at once: the adapter handles events only after it succeeded.
  const slack = await createSlackAdapter(h.runtime.application, http, { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: api.url, sleep: async () => {} }, createLogger('silent'));
  await slack.started;
  const base = `http://127.0.0.1:${await http.listen(0)}`;
  const settle = async () => {
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    await h.deliver();
  };
  const dm = `D0C${failAuthTest}`;
  await sendEvent(base, { type: 'message', channel_type: 'im', channel: dm, user: 'U0CUST', ts: nextTs(), text: 'The kettle I bought leaks, order K-20261. Phone 13812345678', files: [{ id: 'F1', name: 'leak.jpg', mimetype: 'image/jpeg' }] });
  await settle();
  const c = await h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: dm } });
  await h.runtime.desk.claimCase({ platform: 'slack', userId: WANG }, c.id);
  await settle();
  const cardTs = (await h.runtime.db.prisma.caseCard.findFirstOrThrow({ where: { caseId: c.id } })).messageId;
  const toCustomer = () => api.callsTo('chat.postMessage').filter((p) => p.channel === dm).map((p) => String(p.text));
  const internal = () => h.runtime.db.prisma.caseMessage.count({ where: { caseId: c.id, direction: 'internal' } });
  const replies = () => h.runtime.db.prisma.caseEvent.count({ where: { caseId: c.id, type: 'replied_to_customer' } });
  const close = async () => {
    await http.close();
    await api.stop();
    await h.close();
  };
  return { h, api, base, settle, caseId: c.id, cardTs, toCustomer, internal, replies, close };
}

describe('Slack card thread', () => {
  let d: Awaited<ReturnType<typeof slackDesk>>;
  beforeAll(async () => {
    d = await slackDesk(0);
  });
  afterAll(() => d.close());

  it('sends a mentioned reply once although Slack delivers it as message and app_mention', async () => {
    const ts = nextTs();
    const event = { channel: QUALITY, channel_type: 'channel', user: WANG, ts, thread_ts: d.cardTs, text: '<@U0BOT> reply 我们会额外赠送一张优惠券' };
    expect((await sendEvent(d.base, { type: 'message', ...event }, { eventId: 'Ev-msg-1' })).status).toBe(200);
    expect((await sendEvent(d.base, { type: 'app_mention', ...event }, { eventId: 'Ev-mention-1' })).status).toBe(200);
    await d.settle();
    expect(d.toCustomer().filter((t) => t.includes('优惠券'))).toHaveLength(1);
    expect(await d.replies()).toBe(1);
  });

  it('answers the second copy of a mentioned internal note with 200 and records it once', async () => {
    const before = await d.internal();
    const ts = nextTs();
    const event = { channel: QUALITY, channel_type: 'channel', user: WANG, ts, thread_ts: d.cardTs, text: '<@U0BOT> same batch as last week, check with the supplier' };
    expect((await sendEvent(d.base, { type: 'message', ...event }, { eventId: 'Ev-msg-2' })).status).toBe(200);
    expect((await sendEvent(d.base, { type: 'app_mention', ...event }, { eventId: 'Ev-mention-2' })).status).toBe(200);
    expect(await d.internal()).toBe(before + 1);
  });

  it('keeps "reply …" without a mention internal', async () => {
    const before = d.toCustomer().length;
    await sendEvent(d.base, { type: 'message', channel: QUALITY, channel_type: 'channel', user: WANG, ts: nextTs(), thread_ts: d.cardTs, text: 'Reply from supplier QA: batch B-7732 has the same defect, hold off' });
    await d.settle();
    expect(d.toCustomer()).toHaveLength(before);
  });
});

describe('Slack card thread when auth.test failed at start-up', () => {
  let d: Awaited<ReturnType<typeof slackDesk>>;
  beforeAll(async () => {
    // The start-up auth.test fails once: events wait (503) until the retry learned the bot's user id.
    d = await slackDesk(1);
  });
  afterAll(() => d.close());

  it('never sends an unmentioned "reply …" to the customer', async () => {
    const before = d.toCustomer().length;
    const notes = await d.internal();
    await sendEvent(d.base, { type: 'message', channel: QUALITY, channel_type: 'channel', user: WANG, ts: nextTs(), thread_ts: d.cardTs, text: 'reply from supplier QA: batch B-7732 has the same defect, hold off' });
    await d.settle();
    expect(d.toCustomer()).toHaveLength(before);
    expect(await d.internal()).toBe(notes + 1);
    expect(await d.replies()).toBe(0);
  });
});
