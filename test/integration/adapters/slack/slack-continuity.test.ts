// Issue 16: a multi-case conversation in a Slack DM (the customer never uses the thread) and corrections from the
// card, through the real Bolt receiver with signed requests; only Slack's Web API is a local fake. Manual clock.
import { describe, expect, it } from 'vitest';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { buttonClick, nextTs, viewSubmission } from '../../../helpers/slack-requests.js';

const CUSTOMER = 'U0CUSTHE';
const DM = 'D0CUSTHE';
const WANG = 'U0WANGFANG';
const BOSS = 'U0LIUQIANG';
const QUALITY = 'C0QUALITY';
const LOGISTICS = 'C0LOGISTICS';

describe('Slack: multi-case DM and corrections from the card', () => {
  const desk = withSlackAdapter();
  /** A DM that does not use the thread: every message is a new top-level message. */
  const say = async (text: string, extra: Record<string, unknown> = {}) => {
    expect((await desk.sendEvent({ type: 'message', channel_type: 'im', channel: DM, user: CUSTOMER, ts: nextTs(), text, ...extra })).status).toBe(200);
    await desk.settle();
  };
  const caseOf = (summary: string) => desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { summary: { contains: summary } } });
  const inbound = async (caseId: string) => (await desk.h.runtime.db.prisma.caseMessage.findMany({ where: { caseId, direction: 'inbound' } })).map((m) => m.text);
  const card = async (caseId: string) => (await desk.h.runtime.cards.get(caseId, 'slack'))!;
  const select = (value: string | null) => ({ value: { type: 'static_select', selected_option: value === null ? null : { value } } });
  const input = (value: string) => ({ value: { type: 'plain_text_input', value } });

  it('files a late answer to a staff question into its case, not into the newer one, and tells the asker', async () => {
    await say('The blender jug arrived cracked, order number ORD-40001. Phone 13812345678. I want a replacement.', {
      subtype: 'file_share',
      files: [{ id: 'F0JUG', name: 'jug.jpg', mimetype: 'image/jpeg', permalink: 'https://acme.slack.com/files/U0CUSTHE/F0JUG/jug.jpg' }],
    });
    const a = await caseOf('blender jug');
    expect(a.status).toBe('routed');
    await desk.sendInteraction(buttonClick(WANG, QUALITY, 'claim_case', a.id));
    await desk.sendInteraction(viewSubmission(WANG, 'ask_customer_view', a.id, { text: input('Is the motor base damaged too?') }));
    await desk.settle();
    desk.h.clock.advanceMinutes(10);
    await say('I was charged twice for order 77120002, please refund the double charge! Phone 13812345678');
    const b = await caseOf('charged twice');
    expect(b.id).not.toBe(a.id);
    desk.h.clock.advanceHours(3);
    await say('No, only the jug');
    expect(await inbound(a.id)).toContain('No, only the jug');
    expect(await inbound(b.id)).not.toContain('No, only the jug');
    expect(desk.posts().filter((p) => p.channel === DM).map((p) => String(p.text)).join('\n')).not.toContain('If something went wrong');
    const cardTs = (await card(a.id)).messageId;
    expect(desk.posts().some((p) => p.channel === QUALITY && p.thread_ts === cardTs && String(p.text).includes('replied to 王芳\'s question “Is the motor base damaged too?”: No, only the jug'))).toBe(true);
    expect(desk.posts().some((p) => p.channel === `D${WANG}` && String(p.text).includes('No, only the jug'))).toBe(true);
  });

  it('routes by a case number, and asks which case when the text does not say', async () => {
    const a = await caseOf('blender jug');
    const b = await caseOf('charged twice');
    desk.h.clock.advanceMinutes(5);
    await say(`Regarding ${b.number}: the second charge is still on my card`);
    expect(await inbound(b.id)).toContain(`Regarding ${b.number}: the second charge is still on my card`);
    desk.h.clock.advanceMinutes(5);
    await say('any news?');
    const question = desk.posts().filter((p) => p.channel === DM).at(-1)!;
    const blocks = JSON.stringify(question.blocks);
    expect(blocks).toContain('choose_case_0');
    expect(blocks).toContain(a.number);
    expect(blocks).toContain(b.number);
    expect(blocks).toContain('A new problem');
    const unfiled = await desk.h.runtime.db.prisma.unfiledMessage.findFirstOrThrow({ where: { text: 'any news?' } });
    // Someone else pressing the button changes nothing.
    await desk.sendInteraction(buttonClick('U0STRANGER', DM, 'choose_case_1', `${unfiled.id}:${a.id}`));
    expect((await desk.h.runtime.db.prisma.unfiledMessage.findUniqueOrThrow({ where: { id: unfiled.id } })).state).toBe('pending_choice');
    expect((await desk.sendInteraction(buttonClick(CUSTOMER, DM, 'choose_case_1', `${unfiled.id}:${a.id}`))).status).toBe(200);
    await desk.settle();
    expect(await inbound(a.id)).toContain('any news?');
    expect(await inbound(b.id)).not.toContain('any news?');
  });

  it('lets staff move the case to another department, mark it urgent and merge a duplicate from the card', async () => {
    const a = await caseOf('blender jug');
    const old = await card(a.id);
    await desk.sendInteraction(buttonClick(WANG, QUALITY, 'change_category', a.id));
    expect(JSON.stringify(desk.api.callsTo('views.open').at(-1)!.view)).toContain('change_category_view');
    await desk.sendInteraction(viewSubmission(WANG, 'change_category_view', a.id, { category: select('logistics'), department: select(null) }));
    await desk.settle();
    const edit = desk.api.callsTo('chat.update').filter((u) => u.ts === old.messageId).at(-1)!;
    expect(String(edit.text)).toContain('moved to Logistics (#C0LOGISTICS)');
    const now = await card(a.id);
    expect(now.channelId).toBe(LOGISTICS);
    expect(JSON.stringify(desk.posts().filter((p) => p.channel === LOGISTICS).at(-1)!.blocks)).toContain(a.number);
    expect(await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ departmentKey: 'logistics', ownerId: null });

    // An agent of another department is refused, in words, privately.
    const b = await caseOf('charged twice');
    await desk.sendInteraction(buttonClick(WANG, 'C0FINANCE', 'mark_urgent', b.id));
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ user: WANG, channel: 'C0FINANCE' });
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: b.id } })).urgent).toBe(false);

    await desk.sendInteraction(buttonClick(BOSS, LOGISTICS, 'mark_urgent', a.id));
    await desk.settle();
    const urgent = await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    expect(urgent.urgent).toBe(true);
    expect(urgent.urgentDueAt!.getTime()).toBe(urgent.createdAt.getTime() + 2 * 3_600_000);

    await desk.sendInteraction(viewSubmission(BOSS, 'link_case_view', b.id, { other: input(a.number), mode: select('merge') }));
    await desk.settle();
    expect(await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'closed', mergedIntoCaseId: a.id });
    expect(desk.posts().filter((p) => p.channel === DM && String(p.text).includes(b.number) && String(p.text).includes(a.number) && /merged/.test(String(p.text)))).toHaveLength(1);
    const audit = await desk.h.runtime.db.prisma.caseEvent.findMany({ where: { caseId: a.id, type: { in: ['department_moved', 'marked_urgent'] } } });
    expect(audit.map((e) => [e.type, e.platform, e.actorId])).toEqual([['department_moved', 'slack', 'wang-fang'], ['marked_urgent', 'slack', 'liu-qiang']]);
  });
});
