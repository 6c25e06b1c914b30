// The desk's rules for staff and for who may add to a case, on real PGlite and PostgreSQL.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeskConfig } from '../../../src/config/desk-config.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { createHarness, exampleConfig, type DeskHarness } from '../../helpers/desk-harness.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const chen = { platform: 'local' as const, userId: 'chen-jie' };
const liu = { platform: 'local' as const, userId: 'liu-qiang' };
const director = { platform: 'local' as const, userId: 'zhang-director' };
const photo = { fileId: 'F1', name: 'crack.jpg', mimeType: 'image/jpeg', url: null };

/** The example desk plus a director who approves what no supervisor's limit covers. */
function configWithDirector(): DeskConfig {
  const config = exampleConfig();
  config.staff.push({ id: 'zhang-director', name: '张总', role: 'supervisor', identities: { local: 'zhang-director' }, aliases: [], conflicts: [], compensationLimit: 0 });
  config.compensation.topApprover = 'zhang-director';
  return config;
}

describeOnDatabases('staff rules', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db(), configWithDirector());
  });
  afterAll(() => h.close());

  let n = 0;
  async function claimedBy(actor: typeof wang, text = 'The blender arrived with a cracked jug, order ORD-77{n}. Phone 13812345678.') {
    const customer = `staff-rules-${++n}`;
    const r = await h.say(customer, text.replace('{n}', String(1000 + n)), { attachments: [photo] });
    if (r.kind !== 'created') throw new Error(r.kind);
    await h.runtime.desk.claimCase(actor, r.caseId);
    await h.deliver();
    return { caseId: r.caseId, customer };
  }
  const events = async (caseId: string) => (await h.runtime.ctx.store.listEvents(caseId)).map((e) => e.type);
  const solutions = (caseId: string) => h.runtime.ctx.store.listSolutions(caseId);

  it('refuses a refund or compensation without an amount, and amounts it cannot read', async () => {
    const { caseId } = await claimedBy(wang);
    await expect(h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', text: 'Full refund.' })).rejects.toMatchObject({ refusal: { reason: 'amount_required' } });
    await expect(h.runtime.desk.proposeSolution(wang, caseId, { type: 'compensation', amount: '', text: 'For the trouble.' })).rejects.toMatchObject({ refusal: { reason: 'amount_required' } });
    await expect(h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', amount: '1e5', text: 'x' })).rejects.toMatchObject({ refusal: { reason: 'amount_unreadable' } });
    await expect(h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', amount: 'US$20', text: 'x' })).rejects.toMatchObject({ refusal: { reason: 'amount_unreadable' } });
    expect(await solutions(caseId)).toEqual([]);
  });

  it('reads "5万" as 50,000: far above the agent limit, so it waits for approval', async () => {
    const { caseId } = await claimedBy(wang);
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'compensation', amount: '5万', text: 'Compensation.' });
    expect(solution).toMatchObject({ amount: 50_000, currency: 'CNY', status: 'pending_approval' });
  });

  it('lets a supervisor approve only within their own limit; above it the top approver decides', async () => {
    const { caseId } = await claimedBy(wang);
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', amount: 8000, text: 'Refund the whole order.' });
    expect(solution.status).toBe('pending_approval');
    const asked = (await h.deliver()).filter((d) => d.audience.startsWith('dm:'));
    // The request goes to whoever can approve 8,000: not liu-qiang (limit 5,000) but the director.
    expect(asked.map((d) => d.audience)).toEqual(['dm:zhang-director']);
    await expect(h.runtime.desk.approveSolution(liu, solution.id)).rejects.toMatchObject({ code: 'not_permitted', refusal: { reason: 'above_approval_limit' } });
    expect((await solutions(caseId))[0]!.status).toBe('pending_approval');
    await h.runtime.desk.approveSolution(director, solution.id);
    expect((await solutions(caseId))[0]).toMatchObject({ status: 'offered', approvedBy: 'zhang-director' });
  });

  it('never lets a proposer approve their own proposal', async () => {
    // The supervisor works the case himself (an explicit, audited override) and proposes above his own limit.
    const { caseId } = await claimedBy(chen);
    const held = await h.runtime.desk.proposeSolution(liu, caseId, { type: 'refund', amount: 5001, text: 'Refund.' }, { override: { reason: 'Chen is on leave' } });
    expect(held.solution.status).toBe('pending_approval');
    await expect(h.runtime.desk.approveSolution(liu, held.solution.id)).rejects.toMatchObject({ refusal: { reason: 'own_proposal' } });
    await h.runtime.desk.approveSolution(director, held.solution.id);
    expect((await solutions(caseId))[0]).toMatchObject({ status: 'offered', approvedBy: 'zhang-director', proposedBy: 'liu-qiang' });
  });

  it('lets only the owner work a claimed case; colleagues may add internal notes', async () => {
    const { caseId } = await claimedBy(wang);
    const before = await events(caseId);
    for (const act of [
      () => h.runtime.desk.replyToCustomer(chen, caseId, 'Hello'),
      () => h.runtime.desk.askCustomer(chen, caseId, 'Which colour?'),
      () => h.runtime.desk.postUpdate(chen, caseId, 'Working on it'),
      () => h.runtime.desk.proposeSolution(chen, caseId, { type: 'replacement', text: 'A new one' }),
      () => h.runtime.desk.resolveCase(chen, caseId, 'Done'),
    ])
      await expect(act()).rejects.toMatchObject({ code: 'not_permitted', refusal: { reason: 'not_owner' } });
    await h.runtime.desk.addInternalNote(chen, caseId, 'Same batch as last week');
    expect(await events(caseId)).toEqual([...before, 'internal_note']);
  });

  it('keeps 回避 on every action: a named agent cannot reply, ask, update, propose or resolve while a colleague owns it', async () => {
    const { caseId } = await claimedBy(chen, 'The blender arrived with a cracked jug, order ORD-77{n}. Phone 13812345678. 王芳 sold it to me.');
    await expect(h.runtime.desk.claimCase(wang, caseId)).rejects.toMatchObject({ code: 'conflict_of_interest' });
    for (const act of [
      () => h.runtime.desk.replyToCustomer(wang, caseId, '您好'),
      () => h.runtime.desk.askCustomer(wang, caseId, '请问颜色？'),
      () => h.runtime.desk.postUpdate(wang, caseId, '处理中'),
      () => h.runtime.desk.addInternalNote(wang, caseId, '我来看看'),
      () => h.runtime.desk.escalateCase(wang, caseId),
    ])
      await expect(act()).rejects.toMatchObject({ code: 'conflict_of_interest' });
  });

  it('lets a supervisor override ownership only explicitly, with the reason in the audit', async () => {
    const { caseId } = await claimedBy(wang);
    await expect(h.runtime.desk.postUpdate(liu, caseId, 'Update from the supervisor')).rejects.toMatchObject({ refusal: { reason: 'not_owner' } });
    await expect(h.runtime.desk.postUpdate(liu, caseId, 'x', { override: { reason: '  ' } })).rejects.toMatchObject({ refusal: { reason: 'empty_text', field: 'override_reason' } });
    await h.runtime.desk.postUpdate(liu, caseId, 'Update from the supervisor', { override: { reason: 'Wang is off sick today' } });
    const override = (await h.runtime.ctx.store.listEvents(caseId)).find((e) => e.type === 'permission_override')!;
    expect(override).toMatchObject({ actorId: 'liu-qiang', after: { action: 'update', rules: ['ownership'], reason: 'Wang is off sick today' } });
    // An agent's "override" is not one.
    await expect(h.runtime.desk.postUpdate(chen, caseId, 'x', { override: { reason: 'please' } })).rejects.toMatchObject({ refusal: { reason: 'not_owner' } });
  });

  it('does a redelivered staff request once: the same request id changes nothing the second time', async () => {
    const { caseId, customer } = await claimedBy(wang);
    await h.runtime.desk.replyToCustomer(wang, caseId, 'We are on it', { requestId: 'C0QUALITY:1700000000.000200' });
    await expect(h.runtime.desk.replyToCustomer(wang, caseId, 'We are on it', { requestId: 'C0QUALITY:1700000000.000200' })).rejects.toMatchObject({ name: 'DuplicateRequestError' });
    await h.runtime.desk.addInternalNote(wang, caseId, 'note', { requestId: 'C0QUALITY:1700000000.000300' });
    await expect(h.runtime.desk.addInternalNote(wang, caseId, 'note', { requestId: 'C0QUALITY:1700000000.000300' })).rejects.toMatchObject({ name: 'DuplicateRequestError' });
    const seen = (await h.deliver()).filter((d) => d.audience === `customer:dm-${customer}`);
    expect(seen.map((d) => d.text).filter((t) => t.includes('We are on it'))).toHaveLength(1);
    expect((await events(caseId)).filter((t) => t === 'replied_to_customer')).toHaveLength(1);
  });
});

describeOnDatabases('only the case customer adds to a case', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());
  const SUPPORT = 'support-room';

  it('keeps a stranger in the thread out of the case: no evidence, no contact change, a polite note', async () => {
    const owner = await h.say('thread-owner', 'My kettle leaks from the bottom, order K-40912', { channelId: SUPPORT, threadId: 'root-1', isPrivate: false, contact: 'owner@example.com' });
    if (owner.kind !== 'created') throw new Error(owner.kind);
    const before = (await h.runtime.ctx.store.getCase(owner.caseId))!;
    const evidenceBefore = await h.runtime.ctx.store.listEvidence(owner.caseId);
    await h.deliver();
    const reply = await h.say('thread-stranger', 'here you go, reach me at stranger@evil.example', { channelId: SUPPORT, threadId: 'root-1', isPrivate: false, attachments: [photo] });
    // Not theirs to add to: a polite note, or (when triage reads it as a complaint) a case of their own.
    expect(['not_a_complaint', 'created']).toContain(reply.kind);
    if (reply.kind === 'created') expect(reply.caseId).not.toBe(owner.caseId);
    const after = (await h.runtime.ctx.store.getCase(owner.caseId))!;
    expect(after.status).toBe(before.status);
    expect(await h.runtime.ctx.store.listEvidence(owner.caseId)).toEqual(evidenceBefore);
    expect((await h.runtime.ctx.store.listMessages(owner.caseId)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
    const customer = await h.runtime.ctx.store.getCustomer(after.customerId);
    expect(customer?.contact).toBe('owner@example.com');
    const told = (await h.deliver()).filter((d) => d.audience === `customer:${SUPPORT}`).map((d) => d.text);
    if (reply.kind === 'not_a_complaint') expect(told.at(-1)).toMatch(/another customer's case/);
  });

  it('gives a stranger who complains in the thread a case of their own', async () => {
    const owner = await h.say('thread-owner-2', 'The toaster I bought is broken, it does not heat at all, order T-7781', { channelId: SUPPORT, threadId: 'root-2', isPrivate: false });
    if (owner.kind !== 'created') throw new Error(owner.kind);
    const stranger = await h.say('thread-stranger-2', 'Mine is broken too: the blender jug cracked, order B-5512', { channelId: SUPPORT, threadId: 'root-2', isPrivate: false });
    expect(stranger.kind).toBe('created');
    if (stranger.kind !== 'created') return;
    expect(stranger.caseId).not.toBe(owner.caseId);
    const theirs = (await h.runtime.ctx.store.getCase(stranger.caseId))!;
    const ownerCase = (await h.runtime.ctx.store.getCase(owner.caseId))!;
    expect(theirs.customerId).not.toBe(ownerCase.customerId);
  });

  it('asks for contact details in a private chat, never in a shared channel, and audits the change', async () => {
    const r = await h.say('shared-contact', 'The blender I bought arrived with a cracked jug, order B-99812', { channelId: SUPPORT, threadId: 'root-3', isPrivate: false, attachments: [photo] });
    if (r.kind !== 'created') throw new Error(r.kind);
    const seen = await h.deliver();
    const inChannel = seen.filter((d) => d.audience === `customer:${SUPPORT}`).map((d) => d.text);
    const privately = seen.filter((d) => d.audience === 'dm:shared-contact').map((d) => d.text);
    expect(privately.some((t) => /phone|e-mail|contact|电话|联系/i.test(t))).toBe(true);
    expect(inChannel.some((t) => /direct message/.test(t))).toBe(true);
    expect(inChannel.every((t) => !/phone number|电话号码/i.test(t))).toBe(true);
    // The customer answers in the private chat: it joins their case and the contact change is audited, masked.
    const answer = await h.say('shared-contact', '13812345678', { channelId: 'dm-shared-contact', isPrivate: true });
    expect(answer).toMatchObject({ kind: 'joined', caseId: r.caseId });
    const events = await h.runtime.ctx.store.listEvents(r.caseId);
    const changed = events.find((e) => e.type === 'contact_changed');
    expect(changed?.after).toEqual({ contact: '138****5678' });
  });
});
