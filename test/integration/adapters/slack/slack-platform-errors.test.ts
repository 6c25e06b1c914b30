// When a Slack Web API call fails under a listener or after it: the real Bolt HTTPReceiver with
// signed requests, real PGlite and outbox; the local fake of slack.com/api refuses calls as Slack does.
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogSink } from '../../../helpers/log-sink.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { buttonClick, nextTs } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';
const QUALITY = 'C0QUALITY';

describe('Slack: the platform call fails', () => {
  const log = createLogSink('info');
  const desk = withSlackAdapter({ logger: log.logger });
  const prisma = () => desk.h.runtime.db.prisma;
  const notSent = () => prisma().outboxMessage.findMany({ where: { status: { not: 'sent' } } });

  /** A routed case with its card in #quality, opened from a DM in `dm`. */
  const routedCase = async (dm: string) => {
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: dm, user: `U${dm}`, ts: nextTs(), text: 'The kettle I bought leaks, order K-20261. Phone 13812345678', files: [{ id: `F${dm}`, name: 'leak.jpg', mimetype: 'image/jpeg' }] });
    await desk.settle();
    const c = await prisma().case.findFirstOrThrow({ where: { channelId: dm } });
    expect(c.status).toBe('routed');
    return c;
  };
  const claimedNote = (dm: string) => desk.posts().filter((p) => p.channel === dm && String(p.text).includes('王芳'));

  beforeAll(async () => {
    // Nothing left over from start-up: each test counts its own deliveries.
    await desk.settle();
  });

  it('keeps a claim whose deliveries Slack refuses (ok: false), and the outbox sends them once Slack answers again', async () => {
    const c = await routedCase('D0REFUSED');
    desk.api.failNext('chat.postMessage', 'internal_error', 2);
    desk.api.failNext('chat.update', 'internal_error');
    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'claim_case', c.id))).status).toBe(200);
    expect((await prisma().case.findUniqueOrThrow({ where: { id: c.id } })).ownerId).not.toBeNull();

    const first = await desk.h.runtime.outbox.drainOnce();
    expect(first).toMatchObject({ sent: 0, failed: 3 });
    expect(claimedNote('D0REFUSED')).toHaveLength(0);
    const waiting = await notSent();
    expect(waiting).toHaveLength(3);
    expect(waiting.every((w) => w.status === 'pending' && w.attempts === 1 && String(w.lastError).includes('internal_error'))).toBe(true);

    // The retry comes after a back-off on the outbox clock.
    desk.h.clock.advanceMinutes(1);
    await desk.settle();
    expect(claimedNote('D0REFUSED')).toHaveLength(1);
    const card = (await desk.h.runtime.cards.get(c.id, 'slack'))!;
    expect(desk.posts().some((p) => p.channel === QUALITY && p.thread_ts === card.messageId && String(p.text).includes('Claimed by 王芳'))).toBe(true);
    expect(JSON.stringify(desk.api.callsTo('chat.update').filter((u) => u.ts === card.messageId).at(-1)!.blocks)).toContain('王芳');
    expect(await notSent()).toEqual([]);
    expect(await prisma().caseEvent.count({ where: { caseId: c.id, type: 'claimed' } })).toBe(1);
  });

  it('waits out HTTP 429 on chat.postMessage during a claim and delivers after Retry-After, in order', async () => {
    const c = await routedCase('D0RATED');
    const before = desk.posts().length;
    desk.api.rateLimit(1, 5, 'chat.postMessage');
    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'claim_case', c.id))).status).toBe(200);
    const first = await desk.h.runtime.outbox.drainOnce();
    expect(first.rateLimited).toBe(1);
    expect(desk.api.calls.filter((k) => k.method === 'chat.postMessage (429)')).toHaveLength(1);
    const postponed = await notSent();
    expect(postponed.length).toBeGreaterThanOrEqual(1);
    expect(postponed.every((w) => w.availableAt.getTime() === desk.h.clock.now().getTime() + 5000 && w.attempts === 0)).toBe(true);

    desk.h.clock.advance(4_900);
    await desk.h.runtime.outbox.drainOnce();
    const early = desk.posts().length;
    desk.h.clock.advance(100);
    await desk.settle();
    expect(desk.posts().length).toBeGreaterThan(early);
    expect(desk.posts().length - before).toBe(2); // the customer's "claimed" message and the card-thread note
    expect(claimedNote('D0RATED')).toHaveLength(1);
    expect(await notSent()).toEqual([]);
  });

  it('answers 500 to a 🎫 whose message Slack would not fetch, so Slack delivers it again, and the redelivery opens the case once', async () => {
    const ts = nextTs();
    desk.api.messages.set('C0GENERAL', [{ ts, user: 'U0AUTHOR9', text: 'The courier left my parcel in the rain and the box is soaked, tracking SF5544332211' }]);
    desk.api.failNext('conversations.history', 'internal_error');
    const reaction = { type: 'reaction_added', user: WANG, reaction: 'ticket', item: { type: 'message', channel: 'C0GENERAL', ts }, event_ts: nextTs() };
    expect((await desk.sendEvent(reaction, { eventId: 'Ev-ticket-1' })).status).toBe(500);
    await desk.settle();
    expect(await prisma().case.count({ where: { customer: { platformUserId: 'U0AUTHOR9' } } })).toBe(0);
    expect(log.lines.some((l) => l.msg === 'slack listener failed' && l.code === 'slack_webapi_platform_error')).toBe(true);

    expect((await desk.sendEvent(reaction, { eventId: 'Ev-ticket-1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    expect((await desk.sendEvent(reaction, { eventId: 'Ev-ticket-1', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    await desk.settle();
    expect(await prisma().case.count({ where: { customer: { platformUserId: 'U0AUTHOR9' } } })).toBe(1);
  });

  it('answers 500 to a click whose form Slack will not open (views.open refused), records nothing, and opens it on the next click', async () => {
    const c = await routedCase('D0MODAL');
    const events = () => prisma().caseEvent.count({ where: { caseId: c.id } });
    const before = await events();
    desk.api.failNext('views.open', 'expired_trigger_id');
    // Slack never redelivers a click: the 500 is what marks the button as failed for the clicker.
    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'ask_customer', c.id))).status).toBe(500);
    expect(log.lines.filter((l) => l.msg === 'slack listener failed' && l.err === 'An API error occurred: expired_trigger_id')).toHaveLength(1);
    expect(await events()).toBe(before);

    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'ask_customer', c.id))).status).toBe(200);
    expect(JSON.stringify(desk.api.callsTo('views.open').at(-1)!.view)).toContain('ask_customer_view');
  });
});
