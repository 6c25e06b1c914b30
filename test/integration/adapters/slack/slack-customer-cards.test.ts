// A customer's answer replaces the card they clicked (chat.update), in their own language and script.
// Real Bolt HTTPReceiver with signed requests, real PGlite; only Slack's Web API is a local fake.
import { describe, expect, it } from 'vitest';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { buttonClick, nextTs, viewSubmission } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';
const staff = { platform: 'slack' as const, userId: WANG };

describe('Slack customer cards once answered', () => {
  const desk = withSlackAdapter();
  /** The last message posted in the channel, as Slack holds it (with its ts). */
  const lastTo = (channel: string) => desk.api.messages.get(channel)!.at(-1)!;
  const blockTypes = (blocks: unknown) => (blocks as { type: string }[]).map((b) => b.type);

  /** A customer's complaint in a DM with its photo and phone number, claimed by Wang Fang: the case, ready for a proposal. */
  async function complaint(user: string, dm: string, text: string) {
    const rootTs = nextTs();
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: dm, user, ts: rootTs, text });
    await desk.settle();
    const file = { id: `F${user}`, name: 'leak.jpg', mimetype: 'image/jpeg', permalink: `https://acme.slack.com/files/${user}/leak.jpg` };
    await desk.sendEvent({ type: 'message', subtype: 'file_share', channel_type: 'im', channel: dm, user, ts: nextTs(), thread_ts: rootTs, text: 'photo', files: [file] });
    await desk.settle();
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: dm, user, ts: nextTs(), thread_ts: rootTs, text: '13812345678' });
    await desk.settle();
    const c = (await desk.h.runtime.db.prisma.case.findMany({ where: { channelId: dm } }))[0]!;
    await desk.h.runtime.desk.claimCase(staff, c.id);
    return c;
  }

  /** Clicks a button on the message as Slack shows it: the payload carries the message's blocks and its ts. */
  const clickOn = (user: string, dm: string, posted: Record<string, unknown>, actionId: string, value: string, extra: Record<string, unknown> = {}) =>
    desk.sendInteraction(buttonClick(user, dm, actionId, value, { container: { type: 'message', channel_id: dm, message_ts: posted.ts }, message: { type: 'message', ts: posted.ts, text: posted.text, blocks: posted.blocks }, ...extra }));

  it('replaces a zh-Hant solution card with the answer in Traditional script, no buttons; a second click is refused and changes nothing', async () => {
    const user = 'U0CHANHK';
    const dm = 'D0CHANHK';
    const c = await complaint(user, dm, '我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8871，希望換一個新的。');
    expect(c.language).toBe('zh-Hant');
    await desk.sendInteraction(
      viewSubmission(WANG, 'propose_solution_view', c.id, {
        type: { value: { type: 'static_select', selected_option: { value: 'replacement' } } },
        amount: { value: { type: 'plain_text_input', value: '' } },
        effective: { value: { type: 'plain_text_input', value: '3 天內寄出' } },
        text: { value: { type: 'plain_text_input', value: '為您免費更換新水壺' } },
      }),
    );
    await desk.settle();
    const offer = lastTo(dm);
    const posted = desk.api.message(dm, String(offer.ts))!;
    expect(blockTypes(posted.blocks)).toContain('actions');
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;

    expect((await clickOn(user, dm, posted, 'accept_solution', solutionId)).status).toBe(200);
    const update = desk.api.callsTo('chat.update').find((u) => u.channel === dm)!;
    expect(update).toMatchObject({ channel: dm, ts: offer.ts });
    expect(blockTypes(update.blocks)).not.toContain('actions');
    expect(blockTypes(update.blocks)).not.toContain('input');
    expect(JSON.stringify(update.blocks)).toContain('您已接受該方案');
    // What the customer read stays: the proposal's own section.
    expect(JSON.stringify(update.blocks)).toContain('為您免費更換新水壺');
    expect(String(update.text)).toBe('✅ 您已接受該方案');
    expect(JSON.stringify(desk.api.message(dm, String(offer.ts))!.blocks)).not.toContain('accept_solution');

    // The same old card clicked again (a stale client): refused, in the customer's script, nothing sent twice.
    await desk.settle();
    const told = desk.api.callsTo('chat.postMessage').filter((p) => p.channel === dm).length;
    expect((await clickOn(user, dm, posted, 'accept_solution', solutionId)).status).toBe(200);
    await desk.settle();
    expect(desk.api.callsTo('chat.postMessage').filter((p) => p.channel === dm)).toHaveLength(told);
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ channel: dm, user, text: '⚠️ 該方案已失效。' });
    expect(desk.api.callsTo('chat.update').filter((u) => u.channel === dm)).toHaveLength(1);
    expect(await desk.h.runtime.db.prisma.caseEvent.count({ where: { caseId: c.id, type: 'solution_accepted' } })).toBe(1);
  });

  it('replaces an en survey card with the score given, in English, no buttons', async () => {
    const user = 'U0EMMA';
    const dm = 'D0EMMA';
    const c = await complaint(user, dm, 'The kettle I bought leaks after two days of use, order number 20261116-8872. I want a replacement.');
    expect(c.language).toBe('en');
    await desk.h.runtime.desk.proposeSolution(staff, c.id, { type: 'replacement', text: 'We will send you a new kettle' });
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;
    await desk.h.runtime.desk.respondToSolution({ platform: 'slack', userId: user }, solutionId, { accept: true });
    await desk.h.runtime.desk.resolveCase(staff, c.id, 'A new kettle was delivered');
    await desk.settle();
    const survey = lastTo(dm);
    const posted = desk.api.message(dm, String(survey.ts))!;
    expect(JSON.stringify(posted.blocks)).toContain('survey_score_4');

    const comment = { state: { values: { customer_comment: { comment: { type: 'plain_text_input', value: 'quick' } } } } };
    expect((await clickOn(user, dm, posted, 'survey_score_4', `${c.id}:4`, comment)).status).toBe(200);
    const update = desk.api.callsTo('chat.update').find((u) => u.channel === dm)!;
    expect(update).toMatchObject({ channel: dm, ts: survey.ts, text: 'You rated us 4/5 ★★★★☆' });
    expect(blockTypes(update.blocks)).toEqual(['section', 'section']);
    expect(JSON.stringify(update.blocks)).not.toMatch(/survey_score|简体|接受/);
    expect(await desk.h.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'closed', satisfactionScore: 4 });
  });

  it('asks a zh-Hant customer for the reason in their script, then updates the clicked card from the form', async () => {
    const user = 'U0LEUNG';
    const dm = 'D0LEUNG';
    const c = await complaint(user, dm, '我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8873，希望換一個新的。');
    await desk.h.runtime.desk.proposeSolution(staff, c.id, { type: 'replacement', text: '為您免費更換新水壺' });
    await desk.settle();
    const offer = lastTo(dm);
    const posted = desk.api.message(dm, String(offer.ts))!;
    const solutionId = (await desk.h.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;
    await clickOn(user, dm, posted, 'reject_solution', solutionId);
    const modal = desk.api.callsTo('views.open').at(-1)!.view as { private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(modal.blocks)).toContain('如不接受，請說明原因');
    expect(JSON.stringify(modal)).not.toContain('/ 不接受的原因');

    await desk.sendInteraction(viewSubmission(user, 'reject_solution_view', modal.private_metadata, { text: { value: { type: 'plain_text_input', value: '想要退款' } } }));
    const update = desk.api.callsTo('chat.update').find((u) => u.channel === dm)!;
    expect(update).toMatchObject({ channel: dm, ts: offer.ts, text: '❌ 您未接受該方案' });
    expect(blockTypes(update.blocks)).not.toContain('actions');
    expect(JSON.stringify(update.blocks)).toContain('想要退款');
    expect((await desk.h.runtime.db.prisma.solution.findUniqueOrThrow({ where: { id: solutionId } })).status).toBe('rejected');
  });
});
