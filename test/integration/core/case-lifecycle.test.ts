// Real database: the embedded PGlite and the PostgreSQL at 127.0.0.1:5432.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlreadyClaimedError, DeskError } from '../../../src/core/errors.js';
import { IllegalTransitionError } from '../../../src/core/cases/case-status.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const chen = { platform: 'local' as const, userId: 'chen-jie' };
const liNa = { platform: 'local' as const, userId: 'li-na' };
const supervisor = { platform: 'local' as const, userId: 'liu-qiang' };
const photo = { fileId: 'F1', name: 'crack.jpg', mimeType: 'image/jpeg', url: 'https://files.example/crack.jpg' };

describeOnDatabases('case core', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  /** A product complaint with order number, photo and phone: routed straight away. */
  async function routedCase(customer: string) {
    const r = await h.say(customer, `The blender I bought arrived with a cracked jug, order number ORD-2026${customer.length}${customer.charCodeAt(5)}77. Phone 13812345678. I want a replacement.`, { attachments: [photo] });
    if (r.kind !== 'created') throw new Error(`expected a new case, got ${r.kind}`);
    await h.deliver();
    return r;
  }

  it('keeps the currency the customer named, else the desk\'s own, and shows staff the amount with it', async () => {
    const hk = await h.say('cust-hk-money', '部雪櫃用咗三日就唔凍，HK$8,990 買嘅，訂單 HK-552019，要退錢');
    const bare = await h.say('cust-cn-money', '电饭煲坏了，花了299元买的，订单号 20261116-5531，要求退款');
    if (hk.kind !== 'created' || bare.kind !== 'created') throw new Error('expected two new cases');
    expect((await h.runtime.ctx.store.getCase(hk.caseId))!).toMatchObject({ amount: 8990, currency: 'HKD' });
    expect((await h.runtime.ctx.store.getCase(bare.caseId))!).toMatchObject({ amount: 299, currency: h.runtime.ctx.settings.compensation.currency });
    expect((await h.runtime.desk.caseView(hk.caseId)).amountText).toBe('HK$8,990.00');
  });

  it('opens a numbered case, acknowledges in the customer language and asks one question at a time', async () => {
    const r = await h.say('cust-zh', '我买的电水壶用了两天就漏水了，订单号 20261116-8871，希望换一个新的。');
    expect(r.kind).toBe('created');
    if (r.kind !== 'created') return;
    expect(r.caseNumber).toMatch(/^CMP-20261123-\d{4}$/);
    const seen = await h.deliver();
    const toCustomer = seen.filter((d) => d.audience === 'customer:dm-cust-zh').map((d) => d.text);
    expect(toCustomer[0]).toContain(r.caseNumber);
    expect(toCustomer[0]).toContain('我们已收到您的投诉');
    expect(toCustomer).toHaveLength(2);
    expect(toCustomer[1]).toContain('照片');
    const c = (await h.runtime.ctx.store.getCase(r.caseId))!;
    expect(c).toMatchObject({ status: 'awaiting_evidence', category: 'product', orderNumber: '20261116-8871', desiredOutcome: 'replacement', language: 'zh-Hans', departmentKey: 'quality', evidenceAskedKey: 'defect_photo' });
    // No card until the evidence is in.
    expect(seen.some((d) => d.kind === 'card_posted')).toBe(false);

    const photoAnswer = await h.say('cust-zh', '照片发给你们了', { threadId: c.threadId, attachments: [photo] });
    expect(photoAnswer).toMatchObject({ kind: 'joined', caseId: r.caseId });
    const afterPhoto = (await h.deliver()).map((d) => d.text);
    expect(afterPhoto.at(-1)).toContain('电话或邮箱');

    await h.say('cust-zh', '我没有邮箱，电话是 13900001111', { threadId: c.threadId });
    const afterContact = await h.deliver();
    const routed = (await h.runtime.ctx.store.getCase(r.caseId))!;
    expect(routed.status).toBe('routed');
    const card = afterContact.find((d) => d.kind === 'card_posted');
    expect(card?.audience).toBe('channel:quality');
    expect(card?.card?.customerContact).toBe('139****1111');
    expect(card?.card?.evidenceMissing).toEqual([]);
    expect(afterContact.some((d) => d.audience === 'customer:dm-cust-zh' && d.text.includes('产品质量部'))).toBe(true);
  });

  it('treats "I don\'t have it" as an answer and moves on', async () => {
    const r = await h.say('cust-decline', 'Your courier left my parcel in the rain and it is soaked. I want a refund.');
    if (r.kind !== 'created') throw new Error(r.kind);
    const c = (await h.runtime.ctx.store.getCase(r.caseId))!;
    expect(c.evidenceAskedKey).toBe('order_or_tracking');
    await h.say('cust-decline', "Sorry, I don't have the tracking number any more.", { threadId: c.threadId });
    const after = (await h.runtime.ctx.store.getCase(r.caseId))!;
    expect(after.evidenceAskedKey).toBe('contact');
    const evidence = await h.runtime.ctx.store.listEvidence(r.caseId);
    expect(evidence.find((e) => e.requirement === 'order_or_tracking')?.kind).toBe('declined');
  });

  it('stores one case however often the same platform message arrives', async () => {
    const msg = { messageId: 'slack-dup-1', attachments: [photo] };
    const results = await Promise.all(Array.from({ length: 4 }, () => h.say('cust-dup', 'My phone case arrived broken, order A-123-456, phone 13800000000', msg)));
    const ids = new Set(results.map((r) => ('caseId' in r ? r.caseId : null)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(3);
    const again = await h.say('cust-dup', 'My phone case arrived broken, order A-123-456, phone 13800000000', msg);
    expect(again.kind).toBe('duplicate');
    const [id] = [...ids];
    expect((await h.runtime.ctx.store.listMessages(id!)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
  });

  it('groups follow-ups into the open case and opens a separate case for a different complaint', async () => {
    const first = await routedCase('cust-group');
    h.clock.advanceMinutes(30);
    const followUp = await h.say('cust-group', 'Also the lid does not close properly.');
    expect(followUp).toMatchObject({ kind: 'joined', caseId: first.caseId });
    const other = await h.say('cust-group', 'And I was charged twice for this order, please refund the double charge!');
    expect(other.kind).toBe('created');
    if (other.kind !== 'created') return;
    expect(other.separateFrom).toBe(first.caseNumber);
    const seen = await h.deliver();
    expect(seen.find((d) => d.caseId === other.caseId && d.audience.startsWith('customer'))?.text).toContain(first.caseNumber);
    h.clock.advanceHours(3);
  });

  it('plays the whole lifecycle and records every change in the audit log', async () => {
    const { caseId } = await routedCase('cust-life');
    await h.runtime.desk.claimCase(wang, caseId);
    await h.runtime.desk.postUpdate(wang, caseId, 'Checking stock for a replacement.');
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'replacement', effectiveBy: 'ships in 3 days', text: 'A new blender, shipping on us.' });
    expect(solution.status).toBe('offered');
    await h.runtime.desk.respondToSolution({ platform: 'local', userId: 'cust-life' }, solution.id, { accept: true });
    await h.runtime.desk.postUpdate(wang, caseId, 'Shipped with SF1234567890.');
    await h.runtime.desk.resolveCase(wang, caseId, 'Replacement delivered.');
    await h.runtime.desk.submitSurvey({ platform: 'local', userId: 'cust-life' }, caseId, 4, 'fine');
    const c = (await h.runtime.ctx.store.getCase(caseId))!;
    expect(c.status).toBe('closed');
    expect(c.satisfactionScore).toBe(4);

    const events = await h.runtime.ctx.store.listEvents(caseId);
    expect(events.map((e) => e.type)).toEqual([
      'case_created',
      'evidence_added',
      'evidence_added',
      'evidence_added',
      'contact_changed',
      'evidence_complete',
      'routed',
      'claimed',
      'update_posted',
      'solution_proposed',
      'solution_accepted',
      'update_posted',
      'resolved',
      'survey_answered',
    ]);
    const claimed = events.find((e) => e.type === 'claimed')!;
    expect(claimed).toMatchObject({ actorKind: 'staff', actorId: 'wang-fang', platform: 'local' });
    expect(claimed.before).toMatchObject({ status: 'routed', ownerId: null });
    expect(claimed.after).toMatchObject({ status: 'claimed', ownerId: 'wang-fang' });
    expect(events.find((e) => e.type === 'solution_accepted')?.actorKind).toBe('customer');
    expect(events.every((e) => e.at instanceof Date)).toBe(true);

    const seen = await h.deliver();
    const customerLines = seen.filter((d) => d.audience === 'customer:dm-cust-life');
    expect(customerLines.find((d) => d.actions?.kind === 'solution_decision')?.text).toContain('A new blender');
    expect(customerLines.find((d) => d.actions?.kind === 'survey')).toBeTruthy();
    const cardUpdates = seen.filter((d) => d.caseId === caseId && d.kind === 'card_updated');
    expect(cardUpdates.at(-1)?.card?.status).toBe('closed');
  });

  it('refuses an illegal transition without writing anything', async () => {
    const { caseId } = await routedCase('cust-illegal');
    const before = await h.runtime.ctx.store.listEvents(caseId);
    // Unclaimed: nobody may work it before claiming it.
    await expect(h.runtime.desk.resolveCase(supervisor, caseId, 'done?')).rejects.toMatchObject({ code: 'invalid_input', refusal: { reason: 'claim_first' } });
    // Even a supervisor's explicit override cannot skip the lifecycle.
    await expect(h.runtime.desk.resolveCase(supervisor, caseId, 'done?', {}, { override: { reason: 'testing the lifecycle guard' } })).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(await h.runtime.ctx.store.listEvents(caseId)).toHaveLength(before.length);
    expect((await h.runtime.ctx.store.getCase(caseId))!.status).toBe('routed');
  });

  it('tells the second claimer who owns the case', async () => {
    const { caseId } = await routedCase('cust-claim');
    await h.runtime.desk.claimCase(wang, caseId);
    const err = await h.runtime.desk.claimCase(chen, caseId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlreadyClaimedError);
    expect((err as Error).message).toContain('王芳');
  });

  it('keeps other departments and named staff away from a case (回避)', async () => {
    const { caseId } = await routedCase('cust-perm');
    await expect(h.runtime.desk.claimCase(liNa, caseId)).rejects.toMatchObject({ code: 'not_permitted' });
    const named = await h.say('cust-named', '王芳上次给我修的洗衣机又坏了，订单 WX-99812，电话 13711112222，照片见附件', { attachments: [photo] });
    if (named.kind !== 'created') throw new Error(named.kind);
    await h.runtime.desk.reassignCase(supervisor, named.caseId, 'sun-min').catch(() => {});
    const c = (await h.runtime.ctx.store.getCase(named.caseId))!;
    if (c.departmentKey === 'quality') await expect(h.runtime.desk.claimCase(wang, named.caseId)).rejects.toMatchObject({ code: 'conflict_of_interest' });
    else await expect(h.runtime.desk.reassignCase(supervisor, named.caseId, 'wang-fang')).rejects.toBeInstanceOf(DeskError);
  });

  it('sends the solution buttons in the customer\'s own language and script', async () => {
    const r = await h.say('cust-tw-buttons', '我買的電熱水壺用兩天就漏水了，訂單編號 TW-20261116-8871，電話 0912345678，照片如附件', { attachments: [photo] });
    if (r.kind !== 'created') throw new Error(r.kind);
    await h.deliver();
    const c = (await h.runtime.ctx.store.getCase(r.caseId))!;
    const owner = h.runtime.ctx.staff.members.find((m) => m.department === c.departmentKey && m.role === 'agent')!;
    const actor = { platform: 'local' as const, userId: owner.identities.local ?? owner.id };
    await h.runtime.desk.claimCase(actor, r.caseId);
    await h.runtime.desk.proposeSolution(actor, r.caseId, { type: 'replacement', effectiveBy: '三天內寄出', text: '我們寄一台新的給您。' });
    const offer = (await h.deliver()).find((d) => d.actions?.kind === 'solution_decision');
    expect(offer?.actions).toMatchObject({ labels: { question: '這個方案您接受嗎？', accept: '接受', reject: '不接受' } });
  });

  it('lets only the case\'s own customer accept its solution', async () => {
    const { caseId } = await routedCase('cust-owner');
    await h.runtime.desk.claimCase(wang, caseId);
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', amount: 99, text: 'Full refund.' });
    await expect(h.runtime.desk.respondToSolution({ platform: 'local', userId: 'someone-else' }, solution.id, { accept: true })).rejects.toMatchObject({ code: 'not_your_case' });
  });

  it('holds compensation above the agent limit for supervisor approval', async () => {
    const { caseId } = await routedCase('cust-approve');
    await h.runtime.desk.claimCase(wang, caseId);
    const { solution, caseRecord } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'compensation', amount: 500, text: 'Compensation for the trouble.' });
    expect(solution.status).toBe('pending_approval');
    expect(caseRecord.status).toBe('claimed');
    const seen = await h.deliver();
    expect(seen.some((d) => d.audience === 'dm:liu-qiang' && d.text.includes('500'))).toBe(true);
    expect(seen.some((d) => d.audience.startsWith('customer') && d.text.includes('Compensation'))).toBe(false);
    await expect(h.runtime.desk.approveSolution(chen, solution.id)).rejects.toMatchObject({ code: 'not_permitted' });
    const approved = await h.runtime.desk.approveSolution(supervisor, solution.id);
    expect(approved.status).toBe('solution_proposed');
    const events = await h.runtime.ctx.store.listEvents(caseId);
    expect(events.find((e) => e.type === 'solution_approved')).toMatchObject({ actorId: 'liu-qiang' });
  });

  it('escalates after two rejections and reopens on a low survey score', async () => {
    const { caseId } = await routedCase('cust-reject');
    const customer = { platform: 'local' as const, userId: 'cust-reject' };
    await h.runtime.desk.claimCase(wang, caseId);
    for (const reason of ['too little', 'still too little']) {
      const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', amount: 20, text: 'Partial refund.' });
      await h.runtime.desk.respondToSolution(customer, solution.id, { accept: false, reason });
    }
    let c = (await h.runtime.ctx.store.getCase(caseId))!;
    expect(c).toMatchObject({ status: 'claimed', rejectionCount: 2, escalationLevel: 1 });
    // Each rejection keeps the customer's reason and goes back to the owner; the second one reaches the supervisor.
    expect((await h.runtime.ctx.store.listSolutions(caseId)).map((s) => [s.status, s.rejectionReason]).sort()).toEqual([
      ['rejected', 'still too little'],
      ['rejected', 'too little'],
    ]);
    const afterRejections = await h.deliver();
    expect(afterRejections.some((d) => d.audience === 'dm:wang-fang' && d.text.includes('still too little'))).toBe(true);
    expect(afterRejections.some((d) => d.audience === 'dm:liu-qiang' && d.text.includes('rejected the solution twice'))).toBe(true);
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'replacement', text: 'A new one.' });
    await h.runtime.desk.respondToSolution(customer, solution.id, { accept: true });
    await h.runtime.desk.resolveCase(wang, caseId, 'Replaced.');
    await h.runtime.desk.submitSurvey(customer, caseId, 1, 'slow');
    c = (await h.runtime.ctx.store.getCase(caseId))!;
    expect(c).toMatchObject({ status: 'claimed', satisfactionScore: 1, satisfactionComment: 'slow', escalationLevel: 2, resolvedAt: null });
    const afterSurvey = await h.deliver();
    expect(afterSurvey.some((d) => d.audience === 'dm:liu-qiang' && d.text.includes('low satisfaction score') && d.text.includes('slow'))).toBe(true);
    expect(afterSurvey.some((d) => d.audience === 'customer:dm-cust-reject' && d.text.includes('reopened'))).toBe(true);
  });

  it('gives a case reopened by a low survey score the same update clock as a supervisor reopen', async () => {
    const cadence = h.runtime.ctx.settings.sla.updateCadenceHours * 3_600_000;
    const reopenedBy = async (customerId: string, reopen: (caseId: string) => Promise<unknown>) => {
      const { caseId } = await routedCase(customerId);
      await h.runtime.desk.claimCase(wang, caseId);
      const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'replacement', text: 'A new one.' });
      await h.runtime.desk.respondToSolution({ platform: 'local', userId: customerId }, solution.id, { accept: true });
      await h.runtime.desk.resolveCase(wang, caseId, 'Replaced.');
      h.clock.advance(3 * 3_600_000);
      await reopen(caseId);
      const c = (await h.runtime.ctx.store.getCase(caseId))!;
      expect(c.resolvedAt).toBeNull();
      return c.nextUpdateDueAt?.getTime();
    };
    const bySurvey = await reopenedBy('cust-reopen-survey', (id) => h.runtime.desk.submitSurvey({ platform: 'local', userId: 'cust-reopen-survey' }, id, 2));
    expect(bySurvey).toBe(h.clock.now().getTime() + cadence);
    const bySupervisor = await reopenedBy('cust-reopen-staff', async (id) => {
      await h.runtime.desk.closeCase(wang, id);
      await h.runtime.desk.reopenCase(supervisor, id, 'customer called back');
    });
    expect(bySupervisor).toBe(h.clock.now().getTime() + cadence);
  });

  it('pauses staff clocks while waiting on the customer', async () => {
    const r = await h.say('cust-pause', 'The toaster sparks when I switch it on!! order T-5566');
    if (r.kind !== 'created') throw new Error(r.kind);
    const urgent = (await h.runtime.ctx.store.getCase(r.caseId))!;
    expect(urgent).toMatchObject({ urgent: true, status: 'routed', escalationLevel: 1 });
    expect(urgent.urgentDueAt!.getTime() - urgent.createdAt.getTime()).toBe(2 * 3_600_000);

    const slow = await h.say('cust-pause2', 'My parcel is two weeks late and nobody answers.');
    if (slow.kind !== 'created') throw new Error(slow.kind);
    const waiting = (await h.runtime.ctx.store.getCase(slow.caseId))!;
    expect(waiting.status).toBe('awaiting_evidence');
    h.clock.advanceHours(5);
    await h.say('cust-pause2', 'tracking SF9988776655, email me at li@example.com', { threadId: waiting.threadId });
    const resumed = (await h.runtime.ctx.store.getCase(slow.caseId))!;
    expect(resumed.status).toBe('routed');
    expect(resumed.firstResponseDueAt!.getTime() - waiting.firstResponseDueAt!.getTime()).toBe(5 * 3_600_000);
    expect(resumed.planDueAt!.getTime() - waiting.planDueAt!.getTime()).toBe(5 * 3_600_000);
  });
});
