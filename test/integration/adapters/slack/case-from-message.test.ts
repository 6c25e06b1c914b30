// The 🎫 / message-shortcut path: staff only, a case opened at once whatever triage makes of the message, counted like intake's.
import { describe, expect, it } from 'vitest';
import { exampleConfig } from '../../../helpers/desk-harness.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { nextTs } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';

describe('a Slack message turned into a case', () => {
  const desk = withSlackAdapter();
  const shortcut = (user: string, author: string) => ({
    type: 'message_action',
    callback_id: 'create_complaint_case',
    trigger_id: 't',
    user: { id: user },
    team: { id: 'T0ACME' },
    channel: { id: 'C0GENERAL' },
    message: { type: 'message', ts: nextTs(), user: author, text: 'I was charged twice for order 77120345!' },
    token: 'x',
    action_ts: nextTs(),
    response_url: 'http://127.0.0.1:9/r',
  });

  it('is refused to someone who is not desk staff, with nothing stored', async () => {
    expect((await desk.sendInteraction(shortcut('U0NOBODY', 'U0AUTHOR9'))).status).toBe(200);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(0);
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ user: 'U0NOBODY', text: 'Only desk staff can turn a message into a complaint case.' });
  });

  it('by staff through the shortcut opens the case at once and is counted as a case opened, as intake counts one', async () => {
    const opened = async () => /desk_cases_created_total\{platform="slack"\} (\d+)/.exec(await desk.h.runtime.metrics.registry.metrics())?.[1] ?? '0';
    expect(await opened()).toBe('0');
    expect((await desk.sendInteraction(shortcut(WANG, 'U0AUTHOR2'))).status).toBe(200);
    expect(await opened()).toBe('1');
    expect(await desk.h.runtime.db.prisma.case.count({ where: { customer: { platformUserId: 'U0AUTHOR2' } } })).toBe(1);
  });
});

describe('a Slack message triage did not take for a complaint, opened as a case by staff', () => {
  const SUPPORT = 'C0SUPPORT';
  const CUSTOMER = 'U0QUIETONE';
  const config = exampleConfig();
  config.intake.supportChannels = { slack: [SUPPORT], teams: [] };
  const desk = withSlackAdapter({ config });
  const prisma = () => desk.h.runtime.db.prisma;
  const say = async (ts: string, text: string) => {
    expect((await desk.sendEvent({ type: 'message', channel_type: 'channel', channel: SUPPORT, user: CUSTOMER, ts, text })).status).toBe(200);
    await desk.settle();
  };
  const openByShortcut = async (ts: string, text: string) => {
    const payload = { type: 'message_action', callback_id: 'create_complaint_case', trigger_id: 't', user: { id: WANG }, team: { id: 'T0ACME' }, channel: { id: SUPPORT }, message: { type: 'message', ts, user: CUSTOMER, text }, token: 'x', action_ts: nextTs(), response_url: 'http://127.0.0.1:9/r' };
    expect((await desk.sendInteraction(payload)).status).toBe(200);
    await desk.settle();
    return desk.api.callsTo('chat.postEphemeral').at(-1);
  };

  it('opens the case through the shortcut, with the earlier message of the channel on it, and names the case when asked again', async () => {
    const [greeting, question] = [nextTs(), nextTs()];
    await say(greeting, 'hello, is anyone there?');
    desk.h.clock.advanceMinutes(5);
    await say(question, 'hi, quick question about order 77120345');
    expect(await prisma().unfiledMessage.count({ where: { state: 'unfiled' } })).toBe(2);
    expect(await prisma().case.count()).toBe(0);

    const reply = await openByShortcut(question, 'hi, quick question about order 77120345');
    const c = await prisma().case.findFirstOrThrow({ where: { customer: { platformUserId: CUSTOMER } }, include: { messages: true, events: true } });
    expect(reply).toMatchObject({ user: WANG, text: `Opened case ${c.number} for that message.` });
    expect(c).toMatchObject({ category: null, orderNumber: '77120345', departmentKey: 'customer_service' });
    expect(c.messages.filter((m) => m.direction === 'inbound').map((m) => m.text).sort()).toEqual(['hello, is anyone there?', 'hi, quick question about order 77120345']);
    expect(c.events.find((e) => e.type === 'staff_opened')).toMatchObject({ actorKind: 'staff', actorId: 'wang-fang' });
    // The customer is told in the thread of their message (contact details asked for in private).
    expect(desk.posts().some((p) => p.channel === SUPPORT && p.thread_ts === question && String(p.text).includes(c.number))).toBe(true);

    expect(await openByShortcut(question, 'hi, quick question about order 77120345')).toMatchObject({ user: WANG, text: `That message is already case ${c.number}.` });
    // The earlier message went into the case too: a 🎫 on it opens nothing more.
    desk.api.messages.set(SUPPORT, [{ ts: greeting, user: CUSTOMER, text: 'hello, is anyone there?' }]);
    await desk.sendEvent({ type: 'reaction_added', user: WANG, reaction: 'ticket', item: { type: 'message', channel: SUPPORT, ts: greeting }, event_ts: nextTs() });
    await desk.settle();
    expect(await prisma().case.count()).toBe(1);
  });
});
