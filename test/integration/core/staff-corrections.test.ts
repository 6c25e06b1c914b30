// Issue 16.2 staff corrections of the triage, on the embedded PGlite and the PostgreSQL at 127.0.0.1:5432.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { describeDeskError, DeskError } from '../../../src/core/errors.js';
import { correctionExamples } from '../../../src/core/cases/correction-examples.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const liNa = { platform: 'local' as const, userId: 'li-na' };
const supervisor = { platform: 'local' as const, userId: 'liu-qiang' };
const photo = { fileId: 'F1', name: 'box.jpg', mimeType: 'image/jpeg', url: 'https://files.example/box.jpg' };

describeOnDatabases('staff corrections', (db) => {
  let h: DeskHarness;
  let n = 0;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());
  const store = () => h.runtime.ctx.store;

  /** Triage's mistakes from the issue: a crushed parcel read as a product defect, an allergic reaction not flagged urgent. */
  async function productCase(customer: string, text: string) {
    const r = await h.say(customer, `${text} Order number ORD-7${++n}0099. Phone 13812345678.`, { attachments: [photo] });
    if (r.kind !== 'created') throw new Error(r.kind);
    await h.deliver();
    return (await store().getCase(r.caseId))!;
  }

  it('moves a case to another department: a new card there, the old one marked moved, owner cleared, clocks kept', async () => {
    const c = await productCase('crushed', 'The blender arrived broken, the glass jug is cracked. I want a replacement.');
    expect(c).toMatchObject({ category: 'product', departmentKey: 'quality', status: 'routed' });
    await h.runtime.desk.claimCase(wang, c.id);
    await h.deliver();
    const claimed = (await store().getCase(c.id))!;
    const moved = await h.runtime.desk.changeCategory(wang, c.id, { category: 'logistics' });
    expect(moved).toMatchObject({ category: 'logistics', departmentKey: 'logistics', ownerId: null, status: 'routed' });
    for (const clock of ['firstResponseDueAt', 'planDueAt', 'solutionDueAt', 'closeDueAt'] as const) expect(moved[clock]?.getTime()).toBe(claimed[clock]?.getTime());
    const seen = await h.deliver();
    expect(seen.find((d) => d.kind === 'card_moved')).toMatchObject({ audience: 'channel:quality', text: expect.stringContaining('moved to Logistics (#logistics)') });
    expect(seen.find((d) => d.kind === 'card_posted')).toMatchObject({ audience: 'channel:logistics', caseId: c.id });
    expect(seen.some((d) => d.audience === 'customer:dm-crushed' && d.text.includes('物流部') === false && d.text.includes('Logistics'))).toBe(true);
    const event = (await store().listEvents(c.id)).find((e) => e.type === 'department_moved')!;
    expect(event).toMatchObject({ actorId: 'wang-fang', before: { category: 'product', departmentKey: 'quality', ownerId: 'wang-fang', status: 'claimed' }, after: { category: 'logistics', departmentKey: 'logistics', ownerId: null, status: 'routed' } });
  });

  it('marks a case urgent from its start, pings the supervisor, and back to not urgent', async () => {
    const c = await productCase('allergy', 'The face cream is thinner than the last jar I bought. I want a refund.');
    expect(c.urgent).toBe(false);
    h.clock.advanceMinutes(30);
    const urgent = await h.runtime.desk.markUrgent(supervisor, c.id, true);
    expect(urgent.urgentDueAt!.getTime()).toBe(c.createdAt.getTime() + 2 * 3_600_000);
    expect(urgent.closeDueAt!.getTime()).toBeGreaterThan(c.closeDueAt!.getTime());
    const seen = await h.deliver();
    expect(seen.find((d) => d.audience === 'dm:liu-qiang')?.text).toContain('urgent');
    expect(seen.some((d) => d.kind === 'card_updated' && d.card?.urgent === true)).toBe(true);
    const calm = await h.runtime.desk.markUrgent(supervisor, c.id, false);
    expect(calm).toMatchObject({ urgent: false, urgentDueAt: null });
    expect(calm.closeDueAt!.getTime()).toBe(c.closeDueAt!.getTime());
    const types = (await store().listEvents(c.id)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['marked_urgent', 'marked_not_urgent']));
  });

  it('clears "possible urgent — check" when someone decides', async () => {
    const c = await productCase('maybe-urgent', 'The kettle lid came off and hot water splashed on my hand. I want a refund.');
    await h.runtime.db.prisma.case.update({ where: { id: c.id }, data: { possibleUrgent: true } });
    expect((await h.runtime.desk.caseView(c.id)).possibleUrgent).toBe(true);
    const decided = await h.runtime.desk.markUrgent(wang, c.id, false);
    expect(decided).toMatchObject({ possibleUrgent: false, urgent: false });
  });

  it('merges a duplicate: histories kept, the customer told once, later messages naming it go to the case that carries on', async () => {
    const a = await productCase('dup', 'The blender arrived with a cracked jug. I want a replacement.');
    h.clock.advanceHours(3);
    const b = await productCase('dup', 'Second time writing: the blender jug is cracked! I want a replacement.');
    expect(b.id).not.toBe(a.id);
    const merged = await h.runtime.desk.linkCase(wang, b.id, a.number, 'merge');
    expect(merged).toMatchObject({ status: 'closed', mergedIntoCaseId: a.id });
    await h.runtime.desk.linkCase(wang, b.id, a.number, 'merge').catch(() => {});
    const seen = await h.deliver();
    expect(seen.filter((d) => d.audience === 'customer:dm-dup' && d.text.includes(`${a.number}`) && d.text.includes(b.number))).toHaveLength(1);
    expect((await store().listMessages(b.id)).some((m) => m.direction === 'inbound')).toBe(true);
    expect(seen.some((d) => d.kind === 'card_note' && d.caseId === a.id && d.text.includes(b.number))).toBe(true);
    h.clock.advanceHours(4);
    expect(await h.say('dup', `Any news on ${b.number}?`)).toMatchObject({ kind: 'joined', caseId: a.id });
  });

  it('lets a supervisor reassign across departments; an agent of another department may not correct the case', async () => {
    const c = await productCase('across', 'The vase I bought has a crack in the glaze. I want a refund.');
    const refusal = await h.runtime.desk.changeCategory(liNa, c.id, { category: 'logistics' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DeskError);
    expect(describeDeskError(refusal as DeskError, 'zh-Hans')).toContain('不属于负责案件');
    const moved = await h.runtime.desk.reassignCase(supervisor, c.id, 'li-na');
    expect(moved).toMatchObject({ departmentKey: 'logistics', ownerId: 'li-na', status: 'claimed' });
    const seen = await h.deliver();
    expect(seen.some((d) => d.kind === 'card_moved' && d.audience === 'channel:quality')).toBe(true);
    expect(seen.some((d) => d.kind === 'card_posted' && d.audience === 'channel:logistics' && d.caseId === c.id)).toBe(true);
  });

  it('keeps every correction as a labelled example in the triage evaluation format', async () => {
    const c = await productCase('labelled', 'The lamp I bought arrived broken, the shade is crushed. I want a refund.');
    await h.runtime.desk.changeCategory(wang, c.id, { category: 'logistics' });
    await h.runtime.desk.markUrgent(supervisor, c.id, true);
    const corrections = (await h.runtime.desk.corrections()).filter((x) => x.caseId === c.id);
    expect(corrections.map((x) => x.kind)).toEqual(['category', 'urgency']);
    expect(corrections[1]!.triage).toMatchObject({ category: c.category, urgent: false });
    const [example] = correctionExamples(corrections);
    expect(example).toEqual({
      id: c.number,
      text: expect.stringContaining('The lamp I bought arrived broken'),
      language: 'en',
      isComplaint: true,
      category: 'logistics',
      urgent: true,
      orderNumber: c.orderNumber,
      desiredOutcome: c.desiredOutcome,
      amount: c.amount,
    });
  });
});
