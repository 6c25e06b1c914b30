// What customers decide (accept or reject a solution, rate the desk) through the real Desk on the
// in-memory store: no database. The same journeys on PGlite and PostgreSQL stay in
// test/integration/core/case-lifecycle.test.ts.
import { describe, expect, it } from 'vitest';
import { inMemoryDesk, local } from '../../../helpers/in-memory-desk.js';

const wang = local('wang-fang');

/** A case claimed by Wang Fang with a replacement offered to its customer. */
async function offered(customer: string) {
  const d = inMemoryDesk();
  const { caseId } = await d.routedCase(customer);
  await d.desk.claimCase(wang, caseId);
  const { solution } = await d.desk.proposeSolution(wang, caseId, { type: 'replacement', effectiveBy: 'ships in 3 days', text: 'A new blender, shipping on us.' });
  return { ...d, caseId, solution, customer: local(customer) };
}

describe('customer decisions on the in-memory store', () => {
  it('offers the solution with buttons, and an accepted one is agreed, resolved, surveyed and closed', async () => {
    const { desk, store, caseId, solution, customer, sent } = await offered('accepts');
    expect(solution.status).toBe('offered');
    const offer = sent().find((o) => o.type === 'customer_message' && o.actions?.kind === 'solution_decision');
    expect(offer).toMatchObject({ channelId: 'dm-accepts', text: expect.stringContaining('A new blender') });
    expect(await desk.respondToSolution(customer, solution.id, { accept: true })).toMatchObject({ status: 'agreed' });
    await desk.resolveCase(wang, caseId, 'Replacement delivered.');
    expect(sent().some((o) => o.type === 'customer_message' && o.actions?.kind === 'survey')).toBe(true);
    expect(await desk.submitSurvey(customer, caseId, 4, 'fine')).toMatchObject({ status: 'closed', satisfactionScore: 4, satisfactionComment: 'fine' });
    expect((await store.listEvents(caseId)).map((e) => e.type).slice(-5)).toEqual(['claimed', 'solution_proposed', 'solution_accepted', 'resolved', 'survey_answered']);
    expect((await store.listEvents(caseId)).find((e) => e.type === 'solution_accepted')?.actorKind).toBe('customer');
  });

  it('lets only the case\'s own customer decide on its solution', async () => {
    const { desk, solution, store, caseId } = await offered('own-customer');
    await expect(desk.respondToSolution(local('someone-else'), solution.id, { accept: true })).rejects.toMatchObject({ code: 'not_your_case' });
    expect((await store.listSolutions(caseId)).map((s) => s.status)).toEqual(['offered']);
  });

  it('sends a rejection back to the owner with its reason, and the second one to the supervisor', async () => {
    const { desk, store, caseId, solution, customer, sent } = await offered('rejects');
    await desk.respondToSolution(customer, solution.id, { accept: false, reason: 'too little' });
    const again = await desk.proposeSolution(wang, caseId, { type: 'refund', amount: 20, text: 'Partial refund.' });
    sent();
    await desk.respondToSolution(customer, again.solution.id, { accept: false, reason: 'still too little' });
    expect((await store.getCase(caseId))!).toMatchObject({ status: 'claimed', rejectionCount: 2, escalationLevel: 1 });
    const out = sent();
    expect(out).toContainEqual(expect.objectContaining({ type: 'direct_message', userId: 'wang-fang', text: expect.stringContaining('still too little') }));
    expect(out).toContainEqual(expect.objectContaining({ type: 'direct_message', userId: 'liu-qiang', text: expect.stringContaining('rejected the solution twice') }));
    expect((await store.listSolutions(caseId)).map((s) => [s.status, s.rejectionReason])).toEqual([
      ['rejected', 'too little'],
      ['rejected', 'still too little'],
    ]);
  });

  it('reopens on a low score for the supervisor, with the update clock a supervisor reopen gives', async () => {
    const { desk, store, clock, settings, caseId, solution, customer, sent } = await offered('low-score');
    await desk.respondToSolution(customer, solution.id, { accept: true });
    await desk.resolveCase(wang, caseId, 'Replaced.');
    clock.advanceHours(3);
    sent();
    const c = await desk.submitSurvey(customer, caseId, 1, 'slow');
    expect(c).toMatchObject({ status: 'claimed', satisfactionScore: 1, satisfactionComment: 'slow', escalationLevel: 1, resolvedAt: null });
    expect(c.nextUpdateDueAt?.getTime()).toBe(clock.now().getTime() + settings.sla.updateCadenceHours * 3_600_000);
    const out = sent();
    expect(out).toContainEqual(expect.objectContaining({ type: 'direct_message', userId: 'liu-qiang', text: expect.stringMatching(/low satisfaction score.*slow/s) }));
    expect(out).toContainEqual(expect.objectContaining({ type: 'customer_message', channelId: 'dm-low-score', text: expect.stringContaining('reopened') }));
    expect((await store.getCase(caseId))!.closedAt).toBeNull();
  });

  it('keeps the first answer of a survey answered twice', async () => {
    const { desk, store, caseId, solution, customer } = await offered('twice');
    await desk.respondToSolution(customer, solution.id, { accept: true });
    await desk.resolveCase(wang, caseId, 'Replaced.');
    await desk.submitSurvey(customer, caseId, 5);
    await desk.submitSurvey(customer, caseId, 1).catch(() => undefined);
    expect((await store.getCase(caseId))!).toMatchObject({ status: 'closed', satisfactionScore: 5 });
    expect((await store.listEvents(caseId)).filter((e) => e.type === 'survey_answered')).toHaveLength(1);
  });
});
