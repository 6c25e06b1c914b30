// Real Bolt HTTPReceiver on the bot's HTTP server, real PGlite; only Slack's Web API is a local fake.
import { describe, expect, it } from 'vitest';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { buttonClick, eventBody, nextTs, signedHeaders, viewSubmission } from '../../../helpers/slack-requests.js';

const CUSTOMER = 'U0CUSTOMER';
const DM = 'D0CUSTOMER';
const WANG = 'U0WANGFANG';
const QUALITY = 'C0QUALITY';

describe('Slack adapter', () => {
  const desk = withSlackAdapter();
  const caseCount = () => desk.h.runtime.db.prisma.case.count();

  it('answers the URL verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const res = await desk.post(body, 'application/json');
    expect(res.status).toBe(200);
    expect(res.body).toContain('abc123');
  });

  it('refuses bad and stale signatures with 401 and stores nothing', async () => {
    const before = await desk.h.runtime.db.prisma.inboxMessage.count();
    const body = eventBody({ type: 'message', channel_type: 'im', channel: DM, user: CUSTOMER, text: 'My kettle is broken', ts: nextTs() });
    const forged = await desk.post(body, 'application/json', { 'x-slack-signature': 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    const stale = await fetch(`${desk.base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders(body, { timestamp: old }) }, body });
    expect(stale.status).toBe(401);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(before);
  });

  it('walks one case end to end: DM → evidence → card → claim → update → solution → accept → resolved → survey', async () => {
    const rootTs = nextTs();
    const complaint = { type: 'message', channel_type: 'im', channel: DM, user: CUSTOMER, ts: rootTs, text: '我买的电水壶用了两天就漏水了，订单号 20261116-8871，希望换一个新的。' };
    const eventId = 'Ev-kettle-1';
    expect((await desk.sendEvent(complaint, { eventId })).status).toBe(200);
    // Slack retries the same event: nothing new.
    expect((await desk.sendEvent(complaint, { eventId, headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await desk.settle();
    expect(await caseCount()).toBe(1);
    const toCustomer = desk.posts().filter((p) => p.channel === DM);
    expect(toCustomer.every((p) => p.thread_ts === rootTs)).toBe(true);
    expect(String(toCustomer[0]!.text)).toMatch(/CMP-\d{8}-\d{4}/);
    expect(String(toCustomer[1]!.text)).toContain('照片');

    // The customer answers in the thread with a photo, then a phone number.
    await desk.sendEvent({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: DM,
      user: CUSTOMER,
      ts: nextTs(),
      thread_ts: rootTs,
      text: '照片',
      files: [{ id: 'F0LEAK', name: 'leak.jpg', mimetype: 'image/jpeg', permalink: 'https://acme.slack.com/files/U0CUSTOMER/F0LEAK/leak.jpg' }],
    });
    await desk.settle();
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: DM, user: CUSTOMER, ts: nextTs(), thread_ts: rootTs, text: '电话 13812345678' });
    await desk.settle();
    const [c] = await desk.h.runtime.db.prisma.case.findMany();
    expect(c!.status).toBe('routed');
    const evidence = await desk.h.runtime.db.prisma.evidence.findMany({ where: { caseId: c!.id } });
    expect(evidence.find((e) => e.fileId === 'F0LEAK')).toMatchObject({ fileName: 'leak.jpg', mimeType: 'image/jpeg', url: expect.stringContaining('F0LEAK') });
    const card = desk.posts().find((p) => p.channel === QUALITY && Array.isArray(p.blocks));
    expect(card).toBeTruthy();
    expect(JSON.stringify(card!.blocks)).toContain(c!.number);
    expect(JSON.stringify(card!.blocks)).toContain('138****5678');
    expect(JSON.stringify(card!.blocks)).not.toContain('13812345678');

    // Staff act on the card.
    expect((await desk.sendInteraction(buttonClick(WANG, QUALITY, 'claim_case', c!.id))).status).toBe(200);
    await desk.settle();
    expect(desk.api.callsTo('chat.update').at(-1)!.blocks).toBeTruthy();
    await desk.sendInteraction(viewSubmission(WANG, 'post_update_view', c!.id, { text: { value: { type: 'plain_text_input', value: '已联系仓库核对同批次产品' } } }));
    await desk.sendInteraction(
      viewSubmission(WANG, 'propose_solution_view', c!.id, {
        type: { value: { type: 'static_select', selected_option: { value: 'replacement' } } },
        amount: { value: { type: 'plain_text_input', value: '' } },
        effective: { value: { type: 'plain_text_input', value: '3 天内寄出' } },
        text: { value: { type: 'plain_text_input', value: '为您免费更换新水壶' } },
      }),
    );
    await desk.settle();
    const offer = desk.posts().filter((p) => p.channel === DM).at(-1)!;
    expect(String(offer.text)).toContain('为您免费更换新水壶');
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c!.id } })).id;
    expect(JSON.stringify(offer.blocks)).toContain(solutionId);

    // Only the customer can accept; staff clicking it are refused.
    await desk.sendInteraction(buttonClick(WANG, DM, 'accept_solution', solutionId));
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c!.id } })).status).toBe('solution_proposed');
    await desk.sendInteraction(buttonClick(CUSTOMER, DM, 'accept_solution', solutionId));
    await desk.sendInteraction(viewSubmission(WANG, 'resolve_case_view', c!.id, { text: { value: { type: 'plain_text_input', value: '新水壶已签收' } } }));
    await desk.settle();
    const survey = desk.posts().filter((p) => p.channel === DM).at(-1)!;
    expect(JSON.stringify(survey.blocks)).toContain('survey_score_5');
    await desk.sendInteraction(buttonClick(CUSTOMER, DM, 'survey_score_5', `${c!.id}:5`, { state: { values: { customer_comment: { comment: { type: 'plain_text_input', value: '很快' } } } } }));
    const closed = await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c!.id } });
    expect(closed).toMatchObject({ status: 'closed', satisfactionScore: 5, satisfactionComment: '很快' });

    const audit = await desk.h.runtime.db.prisma.caseEvent.findMany({ where: { caseId: c!.id, actorKind: 'staff' } });
    expect(audit.every((e) => e.platform === 'slack' && e.actorId === 'wang-fang')).toBe(true);
    expect(audit.map((e) => e.type)).toEqual(expect.arrayContaining(['claimed', 'update_posted', 'solution_proposed', 'resolved']));
  });

  it('keeps card-thread chatter internal and sends only explicit replies to the customer', async () => {
    const [c] = await desk.h.runtime.db.prisma.case.findMany();
    const cardTs = (await desk.h.runtime.db.prisma.caseCard.findFirstOrThrow({ where: { caseId: c!.id } })).messageId;
    await desk.settle();
    const before = desk.posts().filter((p) => p.channel === DM).length;
    await desk.sendEvent({ type: 'message', channel: QUALITY, channel_type: 'channel', user: WANG, ts: nextTs(), thread_ts: cardTs, text: '客户之前也投诉过同一批次' });
    await desk.settle();
    expect(desk.posts().filter((p) => p.channel === DM)).toHaveLength(before);
    expect(await desk.h.runtime.db.prisma.caseMessage.count({ where: { caseId: c!.id, direction: 'internal' } })).toBe(1);
    await desk.sendEvent({ type: 'message', channel: QUALITY, channel_type: 'channel', user: WANG, ts: nextTs(), thread_ts: cardTs, text: '<@U0BOT> reply 我们会额外赠送一张优惠券' });
    await desk.settle();
    expect(String(desk.posts().filter((p) => p.channel === DM).at(-1)!.text)).toContain('优惠券');
  });

  it('does not let someone outside the department claim a card', async () => {
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: 'D0OTHER', user: 'U0OTHER', ts: nextTs(), text: 'The toaster sparks when I switch it on! order T-55661' });
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'D0OTHER' } });
    await desk.sendInteraction(buttonClick('U0LINA', QUALITY, 'claim_case', c.id));
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).ownerId).toBeNull();
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ user: 'U0LINA', channel: QUALITY });
  });

  it('answers /complaint help, status and mine', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: DM } });
    const cmd = (user: string, text: string) =>
      desk.post(new URLSearchParams({ command: '/complaint', text, user_id: user, channel_id: DM, team_id: 'T0ACME', trigger_id: 't', response_url: 'http://127.0.0.1:9/r', token: 'x' }).toString(), 'application/x-www-form-urlencoded');
    expect((await cmd(CUSTOMER, 'help')).body).toContain('/complaint status');
    expect((await cmd(CUSTOMER, `status ${c.number}`)).body).toContain(c.number);
    expect((await cmd('U0STRANGER', `status ${c.number}`)).body).toContain('only look up your own');
    expect((await cmd(WANG, 'mine')).body).toBeTruthy();
  });

  it('waits out HTTP 429 and delivers later, dropping nothing', async () => {
    desk.api.rateLimit(1, 2);
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: 'D0RATE', user: 'U0RATE', ts: nextTs(), text: 'My parcel never arrived, tracking SF9988776655' });
    while ((await desk.h.runtime.inboxWorker.drainOnce()) > 0);
    const first = await desk.h.runtime.outbox.drainOnce();
    expect(first.rateLimited).toBe(1);
    expect(desk.api.calls.some((c) => c.method === 'chat.postMessage (429)')).toBe(true);
    expect(desk.posts().filter((p) => p.channel === 'D0RATE')).toHaveLength(0);
    desk.h.clock.advance(2_100);
    await desk.h.deliver();
    expect(desk.posts().filter((p) => p.channel === 'D0RATE').length).toBeGreaterThanOrEqual(2);
  });
  it('lets staff turn a message into a case with 🎫 or the message shortcut, for its author', async () => {
    const ts = nextTs();
    desk.api.messages.set('C0GENERAL', [{ ts, user: 'U0AUTHOR', text: 'The courier threw my parcel over the fence and the box was crushed, tracking SF1234509876' }]);
    await desk.sendEvent({ type: 'reaction_added', user: 'U0NOBODY', reaction: 'ticket', item: { type: 'message', channel: 'C0GENERAL', ts }, event_ts: nextTs() });
    await desk.settle();
    expect(await desk.h.runtime.db.prisma.case.count({ where: { channelId: 'C0GENERAL' } })).toBe(0);
    await desk.sendEvent({ type: 'reaction_added', user: WANG, reaction: 'ticket', item: { type: 'message', channel: 'C0GENERAL', ts }, event_ts: nextTs() });
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'C0GENERAL' }, include: { customer: true } });
    expect(c.customer.platformUserId).toBe('U0AUTHOR');
    expect(c.category).toBe('logistics');

    const shortcut = { type: 'message_action', callback_id: 'create_complaint_case', trigger_id: 't', user: { id: WANG }, team: { id: 'T0ACME' }, channel: { id: 'C0GENERAL' }, message: { type: 'message', ts: nextTs(), user: 'U0AUTHOR2', text: 'I was charged twice for order 77120345!' }, token: 'x', action_ts: '1.1', response_url: 'http://127.0.0.1:9/r' };
    expect((await desk.sendInteraction(shortcut)).status).toBe(200);
    await desk.settle();
    const second = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'C0GENERAL', customer: { platformUserId: 'U0AUTHOR2' } } });
    expect(second.category).toBe('billing');
  });
});
