// Real database: letters and compensation guidance through the desk's use cases.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const supervisor = { platform: 'local' as const, userId: 'liu-qiang' };
const photo = { fileId: 'F1', name: 'crack.jpg', mimeType: 'image/jpeg', url: 'https://files.example/crack.jpg' };

describeOnDatabases('customer letters and compensation guidance', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  let orders = 0;
  /** A product complaint routed to quality and claimed by 王芳. */
  async function claimedCase(customer: string) {
    const order = `ORD-20261116-${String(++orders).padStart(4, '0')}`;
    const r = await h.say(customer, `The blender I bought arrived with a cracked jug, order number ${order}. Phone 13812345678. I want a replacement.`, { attachments: [photo] });
    if (r.kind !== 'created') throw new Error(`expected a new case, got ${r.kind}`);
    await h.runtime.desk.claimCase(wang, r.caseId);
    await h.deliver();
    return r;
  }
  const toCustomer = (seen: Awaited<ReturnType<DeskHarness['deliver']>>, customer: string) => seen.filter((d) => d.audience === `customer:dm-${customer}`);

  it('sends an apology as a letter filled from the case, with the accept/reject buttons', async () => {
    const { caseId, caseNumber } = await claimedCase('letter-apology');
    const c = (await h.runtime.ctx.store.getCase(caseId))!;
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'apology', text: 'The jug was packed without its foam insert; we have fixed the packing line.' });
    const [letter, ...rest] = toCustomer(await h.deliver(), 'letter-apology');
    expect(rest).toEqual([]);
    expect(letter!.actions).toMatchObject({ kind: 'solution_decision', solutionId: solution.id, labels: { accept: expect.any(String), reject: expect.any(String) } });
    const text = letter!.text;
    expect(text).toContain('Dear letter-apology,');
    expect(text).toContain(caseNumber);
    expect(text).toContain(c.orderNumber!);
    expect(text).toContain('23 November 2026'); // received on, and today's date
    expect(text).toContain('foam insert');
    expect(text).toContain('Amount: none');
    expect(text).not.toMatch(/\{[a-z_]+\}/);
    await h.runtime.desk.respondToSolution({ platform: 'local', userId: 'letter-apology' }, solution.id, { accept: true });
    expect((await h.runtime.ctx.store.getCase(caseId))!.status).toBe('agreed');
  });

  it('holds a letter with money above the limit until a supervisor approves, and audits who approved', async () => {
    const { caseId } = await claimedCase('letter-approval');
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'explanation', amount: 880, currency: 'CNY', effectiveBy: 'within 3 working days', text: 'The courier dropped the parcel; we refund the courier fee and compensate you.' });
    expect(solution.status).toBe('pending_approval');
    const held = await h.deliver();
    expect(toCustomer(held, 'letter-approval')).toEqual([]);
    // The supervisor sees the suggested range next to the request.
    expect(held.find((d) => d.audience === 'dm:liu-qiang')?.text).toMatch(/above their limit of 200.*Guidance: Moderate \(product complaint\): suggested 20–30 %/);
    await h.runtime.desk.approveSolution(supervisor, solution.id);
    const [letter] = toCustomer(await h.deliver(), 'letter-approval');
    expect(letter!.text).toContain('What happened: The courier dropped the parcel');
    expect(letter!.text).toContain('Amount: CN¥880.00');
    expect(letter!.text).toContain('When: within 3 working days');
    const stored = (await h.runtime.ctx.store.listSolutions(caseId)).find((s) => s.id === solution.id)!;
    expect(stored).toMatchObject({ status: 'offered', approvedBy: 'liu-qiang' });
    const approval = (await h.runtime.ctx.store.listEvents(caseId)).find((e) => e.type === 'solution_approved')!;
    expect(approval).toMatchObject({ actorKind: 'staff', actorId: 'liu-qiang', before: { status: 'pending_approval' }, after: { status: 'offered', approvedBy: 'liu-qiang', solutionId: solution.id } });
  });

  it('resolves with an explanation-and-resolution letter naming the agreed solution, then asks for the survey', async () => {
    const customer = { platform: 'local' as const, userId: 'letter-resolve' };
    const { caseId, caseNumber } = await claimedCase('letter-resolve');
    const { solution } = await h.runtime.desk.proposeSolution(wang, caseId, { type: 'refund', amount: 129, effectiveBy: '28 Nov', text: 'Full refund to your card.' });
    await h.runtime.desk.respondToSolution(customer, solution.id, { accept: true });
    await h.deliver();
    await h.runtime.desk.resolveCase(wang, caseId, 'The refund has been sent to your card.', { letter: 'explanation' });
    const lines = toCustomer(await h.deliver(), 'letter-resolve');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.text).toContain(`case ${caseNumber}`);
    expect(lines[0]!.text).toContain('Resolution: refund CNY 129.00 (28 Nov)');
    expect(lines[0]!.text).toContain('What happened: The refund has been sent to your card.');
    expect(lines[1]!.actions).toMatchObject({ kind: 'survey', labels: { question: expect.any(String) } });
    // Staff can preview a letter before choosing it; it names the agreed solution too.
    expect(await h.runtime.desk.previewLetter(caseId, 'apology', 'Sorry for the wait.')).toContain('What we will do: refund CNY 129.00 (28 Nov)');
  });

  it('shows staff the suggested compensation range for the case, with their own limit', async () => {
    const { caseId } = await claimedCase('guidance');
    await h.runtime.ctx.store.transaction((tx) => tx.updateCase(caseId, { amount: 399 }));
    const g = await h.runtime.desk.compensationGuidance(wang, caseId);
    expect(g).toMatchObject({ severity: 'moderate', percent: [20, 30], purchaseAmount: 399, suggested: { min: 79.8, max: 119.7 }, agentLimit: 200, currency: 'CNY' });
    expect((await h.runtime.desk.compensationGuidance(supervisor, caseId)).agentLimit).toBe(5000);
    await expect(h.runtime.desk.compensationGuidance({ platform: 'local', userId: 'guidance' }, caseId)).rejects.toMatchObject({ code: 'not_permitted' });
  });
});
