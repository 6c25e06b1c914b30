// Nudges and escalations reach each staff member in their own staff[].language, through the real
// Bolt HTTPReceiver (signed requests) and the real outbox, on PGlite; only Slack's Web API is a fake.
import { describe, expect, it } from 'vitest';
import type { DeskConfig } from '../../../../src/config/desk-config.js';
import { exampleConfig } from '../../../helpers/desk-harness.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { buttonClick, nextTs, viewSubmission } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';
const CHEN = 'U0CHENJIE';
const LIU = 'U0LIUQIANG';
const EMMA = 'U0EMMA';
const QUALITY = 'C0QUALITY';

/** Wang Fang and Liu Qiang read Chinese, Chen Jie and a second supervisor English; the update cadence is 12 h, not the default 24. */
function config(): DeskConfig {
  const c = exampleConfig();
  c.sla.updateCadenceHours = 12;
  // Quiet hours would hold the evening nudges until morning; this test is about their words.
  c.sla.quietHours = undefined;
  c.staff = c.staff.map((s) => (s.id === 'wang-fang' || s.id === 'liu-qiang' ? { ...s, language: 'zh-Hans' } : s.id === 'chen-jie' ? { ...s, language: 'en' } : s));
  c.staff.push({ id: 'emma-clark', name: 'Emma Clark', role: 'supervisor', identities: { slack: EMMA }, aliases: [], conflicts: [], compensationLimit: 5000, language: 'en' });
  return c;
}

describe('Slack: staff messages in each staff member’s language', () => {
  const desk = withSlackAdapter({ config: config() });
  /** What the bot wrote to one person in private (the fake opens DM channel `D<user id>`). */
  const dmsTo = (user: string) =>
    desk.api
      .callsTo('chat.postMessage')
      .filter((p) => p.channel === `D${user}`)
      .map((p) => String(p.text));

  async function claimedCase(customer: string, owner: string): Promise<string> {
    const dm = `D0${customer}`;
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: dm, user: customer, ts: nextTs(), text: 'The kettle I bought leaks after two days, order K-20261. Phone 13812345678', files: [{ id: `F${customer}`, name: 'leak.jpg', mimetype: 'image/jpeg' }] });
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: dm } });
    expect((await desk.sendInteraction(buttonClick(owner, QUALITY, 'claim_case', c.id))).status).toBe(200);
    await desk.settle();
    expect((await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).ownerId).not.toBeNull();
    return c.number;
  }

  it('warns, nudges and escalates each person in their language, with the configured cadence hours', async () => {
    desk.h.clock.set('2026-11-23T02:00:00Z'); // Mon 10:00 in Shanghai
    const forWang = await claimedCase('U0CUSTA', WANG);
    const forChen = await claimedCase('U0CUSTB', CHEN);

    desk.h.clock.advanceHours(9); // 75 % of the 12 h cadence
    await desk.h.runtime.scheduler.tick();
    await desk.settle();
    expect(dmsTo(WANG).find((t) => t.includes(forWang) && t.startsWith('⏳'))).toContain('12 小时进度更新');
    expect(dmsTo(CHEN).find((t) => t.includes(forChen) && t.startsWith('⏳'))).toContain('12-hour progress update');

    desk.h.clock.advanceHours(3); // the update is due
    await desk.h.runtime.scheduler.tick();
    await desk.settle();
    expect(dmsTo(WANG).some((t) => t.includes(forWang) && t.includes('需要发送进度更新'))).toBe(true);
    expect(dmsTo(CHEN).some((t) => t.includes(forChen) && t.includes('needs its progress update'))).toBe(true);
    expect(dmsTo(WANG).some((t) => t.includes('needs its progress update'))).toBe(false);

    desk.h.clock.advanceHours(desk.h.runtime.ctx.settings.sla.nudgeGraceHours); // no update: the supervisors hear of it
    await desk.h.runtime.scheduler.tick();
    await desk.settle();
    const toLiu = dmsTo(LIU).filter((t) => t.startsWith('🚨') && t.includes(forWang));
    const toEmma = dmsTo(EMMA).filter((t) => t.startsWith('🚨') && t.includes(forWang));
    expect(toLiu).toHaveLength(1);
    expect(toLiu[0]).toContain('已升级');
    expect(toLiu[0]).toContain('负责人未按时发送 12 小时进度更新');
    expect(toEmma).toHaveLength(1);
    expect(toEmma[0]).toContain('escalated (level 1): owner missed the 12 h update');
    expect(toEmma.join('\n')).not.toMatch(/24/);
  });

  it('opens a staff form in the language of the person who pressed the button', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'D0U0CUSTA' } });
    await desk.sendInteraction(buttonClick(WANG, QUALITY, 'post_update', c.id));
    await desk.sendInteraction(buttonClick(CHEN, QUALITY, 'post_update', c.id));
    const [zh, en] = desk.api.callsTo('views.open').slice(-2).map((call) => JSON.stringify(call.view));
    expect(zh).toContain('发送进度更新');
    expect(zh).toContain(`${c.number} 的进展（将发给客户）`);
    expect(zh).toContain('"取消"');
    expect(en).toContain('Post an update');
    expect(en).toContain(`Progress on ${c.number} (sent to the customer)`);
  });

  it('tells a person a case is now theirs, and a supervisor that it was marked urgent, each in their language', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'D0U0CUSTB' } });
    await desk.h.runtime.desk.reassignCase({ platform: 'slack', userId: LIU }, c.id, 'wang-fang');
    await desk.h.runtime.desk.markUrgent({ platform: 'slack', userId: WANG }, c.id, true);
    await desk.settle();
    // Staff texts are masked on the way out, and masking folds fullwidth brackets to ASCII ones.
    expect(dmsTo(WANG).some((t) => t.startsWith(`📌 案件 ${c.number} 现由您负责`))).toBe(true);
    const urgentToEmma = dmsTo(EMMA).find((t) => t.startsWith('🔴') && t.includes(c.number));
    expect(urgentToEmma).toMatch(/marked case CMP-\d{8}-\d{4} urgent: it must be handled by \w{3} \d{1,2} \w{3}, \d\d:\d\d\.$/);
    expect(dmsTo(LIU).find((t) => t.startsWith('🔴') && t.includes(c.number))).toContain('标为紧急');
  });

  it('asks each approver in their language to approve an amount above the proposer’s limit', async () => {
    const number = await claimedCase('U0CUSTC', CHEN);
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { number } });
    await desk.h.runtime.desk.proposeSolution({ platform: 'slack', userId: CHEN }, c.id, { type: 'refund', amount: 500, text: 'Full refund.' });
    await desk.settle();
    expect(dmsTo(EMMA).find((t) => t.startsWith('💰') && t.includes(number))).toMatch(/^💰 Case CMP-\d{8}-\d{4}: 陈杰 proposes .* above their limit of 200; approval needed from /);
    expect(dmsTo(LIU).find((t) => t.startsWith('💰') && t.includes(number))).toMatch(/^💰 案件 CMP-\d{8}-\d{4}：陈杰 提出.*超出其权限 200/);
    // The compensation guidance inside it speaks the approver's language too.
    const toLiu = dmsTo(LIU).find((t) => t.startsWith('💰') && t.includes(number))!;
    expect(toLiu).toMatch(/参考：中等[（(]产品类投诉[）)]：建议补偿购买金额/);
    expect(toLiu).not.toMatch(/suggested|complaint|purchase amount/);
    expect(dmsTo(EMMA).find((t) => t.startsWith('💰') && t.includes(number))).toContain('Guidance: Moderate (product complaint): suggested 20–30 %');
  });

  it('shows the compensation guidance in the proposal form in the language of the person who pressed the button', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'D0U0CUSTA' } });
    await desk.sendInteraction(buttonClick(WANG, QUALITY, 'propose_solution', c.id));
    await desk.sendInteraction(buttonClick(CHEN, QUALITY, 'propose_solution', c.id));
    const [zh, en] = desk.api.callsTo('views.open').slice(-2).map((call) => JSON.stringify(call.view));
    expect(zh).toContain('建议补偿购买金额');
    expect(zh).toContain('您的权限为');
    expect(zh).not.toMatch(/suggested|Your limit|complaint/);
    expect(en).toMatch(/suggested \d+–\d+ % of the purchase amount/);
    expect(en).toContain('Your limit is');
  });

  it('answers /complaint, the message shortcut and an expired form in the staff member’s language; a customer reads both languages', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'D0U0CUSTA' } });
    const cmd = async (user: string, text: string) =>
      JSON.parse((await desk.post(new URLSearchParams({ command: '/complaint', text, user_id: user, channel_id: 'D0X', team_id: 'T0ACME', trigger_id: 't', response_url: 'http://127.0.0.1:9/r', token: 'x' }).toString(), 'application/x-www-form-urlencoded')).body).text as string;
    expect(await cmd(WANG, 'help')).toContain('投诉服务台');
    expect(await cmd(WANG, 'new')).not.toMatch(/[A-Za-z]{4,} [a-z]{3,}/);
    expect(await cmd(WANG, `status ${c.number}`)).toMatch(/负责人 (王芳|尚未分配)/);
    expect(await cmd(WANG, 'status CMP-20990101-0001')).toContain('未找到案件');
    expect(await cmd(CHEN, 'status CMP-20990101-0001')).toContain('No case found');
    const toCustomer = await cmd('U0NOBODY', 'mine');
    expect(toCustomer).toContain('it is for desk staff');
    expect(toCustomer).toContain('仅供客服员工使用');

    const shortcut = (user: string) => ({ type: 'message_action', callback_id: 'create_complaint_case', trigger_id: 't', user: { id: user }, team: { id: 'T0ACME' }, channel: { id: 'C0GENERAL' }, message: { type: 'message', ts: nextTs(), user: 'U0AUTHOR9', text: 'I was charged twice for order 77120399!' }, token: 'x', action_ts: '1.1', response_url: 'http://127.0.0.1:9/r' });
    expect((await desk.sendInteraction(shortcut(WANG))).status).toBe(200);
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)?.text).toMatch(/^已为这条消息立案：CMP-\d{8}-\d{4}。$/);
    expect((await desk.sendInteraction(shortcut('U0NOBODY'))).status).toBe(200);
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ user: 'U0NOBODY', text: 'Only desk staff can turn a message into a complaint case.' });

    const expired = await desk.sendInteraction(viewSubmission(WANG, 'post_update_view', 'not-a-case-id', { text: { text: { type: 'plain_text_input', value: '进度' } } }));
    expect(expired.body).toContain('此表单已失效');
  });

  it('escalates from the card without an English note in a Chinese message', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'D0U0CUSTB' } });
    await desk.sendInteraction(buttonClick(WANG, QUALITY, 'escalate_case', c.id));
    await desk.settle();
    const toLiu = dmsTo(LIU).filter((t) => t.startsWith('🚨') && t.includes(c.number) && t.includes('由员工手动升级'));
    expect(toLiu).toHaveLength(1);
    expect(toLiu[0]).not.toMatch(/case card/);
  });

  it('writes the department’s case card in the desk’s staff language, whoever owns the case', async () => {
    const card = desk.api.callsTo('chat.update').filter((p) => p.channel === QUALITY).at(-1)!;
    const json = JSON.stringify(card.blocks);
    expect(json).toContain('*Owner*');
    expect(json).toContain('12-hour progress update');
    // The owner's own buttons are theirs alone ("More actions"); the card's are in the desk's language too.
    expect(json).toContain('"More actions"');
    expect(json).toContain('"Escalate"');
  });
});
