// Staff use cases (claim, update, propose, approve, resolve, reopen) through the real Desk on the
// in-memory store: the rules, the audit and the outbox rows, without a database. The same
// journeys against PGlite and PostgreSQL stay in test/integration/core/.
import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../../../src/core/cases/case-status.js';
import { AlreadyClaimedError } from '../../../../src/core/errors.js';
import { inMemoryDesk, local } from '../../../helpers/in-memory-desk.js';

const wang = local('wang-fang');
const chen = local('chen-jie');
const liNa = local('li-na');
const supervisor = local('liu-qiang');

describe('staff actions on the in-memory store', () => {
  it('claims a routed case, tells the department card and audits before and after', async () => {
    const { desk, store, routedCase, sent } = inMemoryDesk();
    const { caseId } = await routedCase('claim');
    sent();
    const claimed = await desk.claimCase(wang, caseId);
    expect(claimed).toMatchObject({ status: 'claimed', ownerId: 'wang-fang' });
    expect(sent()).toContainEqual(expect.objectContaining({ type: 'case_card', caseId }));
    const event = (await store.listEvents(caseId)).at(-1)!;
    expect(event).toMatchObject({ type: 'claimed', actorKind: 'staff', actorId: 'wang-fang', before: { status: 'routed', ownerId: null }, after: { status: 'claimed', ownerId: 'wang-fang' } });
  });

  it('tells the second claimer who owns the case, and keeps other departments away', async () => {
    const { desk, routedCase } = inMemoryDesk();
    const { caseId } = await routedCase('second-claim');
    await desk.claimCase(wang, caseId);
    const err = await desk.claimCase(chen, caseId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlreadyClaimedError);
    expect((err as Error).message).toContain('王芳');
    await expect(desk.claimCase(liNa, caseId)).rejects.toMatchObject({ code: 'not_permitted' });
  });

  it('refuses an illegal transition and leaves the case and its history as they were', async () => {
    const { desk, store, routedCase } = inMemoryDesk();
    const { caseId } = await routedCase('illegal');
    const before = structuredClone(store.state);
    await expect(desk.resolveCase(supervisor, caseId, 'done?')).rejects.toMatchObject({ code: 'invalid_input', refusal: { reason: 'claim_first' } });
    await expect(desk.resolveCase(supervisor, caseId, 'done?', {}, { override: { reason: 'testing the guard' } })).rejects.toBeInstanceOf(IllegalTransitionError);
    expect(store.state).toEqual(before);
  });

  it('does a redelivered staff request once: the second delivery is refused and changes nothing', async () => {
    const { desk, store, routedCase, sent } = inMemoryDesk();
    const { caseId } = await routedCase('redelivered');
    await desk.claimCase(wang, caseId);
    await desk.replyToCustomer(wang, caseId, 'We are on it', { requestId: 'C0QUALITY:1700000000.000200' });
    sent();
    await expect(desk.replyToCustomer(wang, caseId, 'We are on it', { requestId: 'C0QUALITY:1700000000.000200' })).rejects.toMatchObject({ name: 'DuplicateRequestError' });
    expect(sent()).toEqual([]);
    expect((await store.listEvents(caseId)).filter((e) => e.type === 'replied_to_customer')).toHaveLength(1);
  });

  it('lets only the owner reply; a colleague may add an internal note the customer never gets', async () => {
    const { desk, store, routedCase, sent } = inMemoryDesk();
    const { caseId } = await routedCase('owner-only');
    await desk.claimCase(wang, caseId);
    await expect(desk.replyToCustomer(chen, caseId, 'Hello from Chen')).rejects.toMatchObject({ code: 'not_permitted' });
    sent();
    await desk.addInternalNote(chen, caseId, 'Same batch as last week');
    expect(sent().some((o) => o.type === 'customer_message')).toBe(false);
    expect((await store.listMessages(caseId)).at(-1)).toMatchObject({ direction: 'internal', authorId: 'chen-jie', text: 'Same batch as last week' });
    expect((await store.listEvents(caseId)).at(-1)).toMatchObject({ type: 'internal_note', actorId: 'chen-jie' });
  });

  it('holds compensation above the agent limit for a supervisor, and never for its proposer', async () => {
    const { desk, store, routedCase, sent } = inMemoryDesk();
    const { caseId } = await routedCase('approval');
    await desk.claimCase(wang, caseId);
    sent();
    const { solution, caseRecord } = await desk.proposeSolution(wang, caseId, { type: 'compensation', amount: 500, text: 'Compensation for the trouble.' });
    expect([solution.status, caseRecord.status]).toEqual(['pending_approval', 'claimed']);
    const out = sent();
    expect(out).toContainEqual(expect.objectContaining({ type: 'direct_message', userId: 'liu-qiang', text: expect.stringContaining('500') }));
    expect(out.some((o) => o.type === 'customer_message')).toBe(false);
    await expect(desk.approveSolution(chen, solution.id)).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(desk.approveSolution(wang, solution.id)).rejects.toMatchObject({ code: 'not_permitted' });
    expect(await desk.approveSolution(supervisor, solution.id)).toMatchObject({ status: 'solution_proposed' });
    expect(sent()).toContainEqual(expect.objectContaining({ type: 'customer_message', actions: expect.objectContaining({ kind: 'solution_decision', solutionId: solution.id }) }));
    expect((await store.listEvents(caseId)).find((e) => e.type === 'solution_approved')).toMatchObject({ actorId: 'liu-qiang' });
  });

  it('refuses a refund without an amount, and reads "5万" as 50,000', async () => {
    const { desk, routedCase } = inMemoryDesk();
    const { caseId } = await routedCase('amounts');
    await desk.claimCase(wang, caseId);
    await expect(desk.proposeSolution(wang, caseId, { type: 'refund', text: 'A refund.' })).rejects.toMatchObject({ code: 'invalid_input' });
    const { solution } = await desk.proposeSolution(wang, caseId, { type: 'compensation', amount: '5万', text: 'For the trouble.' });
    expect(solution).toMatchObject({ amount: 50_000, status: 'pending_approval' });
  });

  it('gives a case a supervisor reopens the update clock of the cadence, from the reopening', async () => {
    const { desk, store, clock, settings, routedCase } = inMemoryDesk();
    const customer = local('reopened');
    const { caseId } = await routedCase('reopened');
    await desk.claimCase(wang, caseId);
    const { solution } = await desk.proposeSolution(wang, caseId, { type: 'replacement', text: 'A new one.' });
    await desk.respondToSolution(customer, solution.id, { accept: true });
    await desk.resolveCase(wang, caseId, 'Replaced.');
    await desk.closeCase(wang, caseId);
    clock.advanceHours(3);
    await desk.reopenCase(supervisor, caseId, 'customer called back');
    const c = (await store.getCase(caseId))!;
    expect(c).toMatchObject({ status: 'claimed', resolvedAt: null, closedAt: null });
    expect(c.nextUpdateDueAt?.getTime()).toBe(clock.now().getTime() + settings.sla.updateCadenceHours * 3_600_000);
  });
});
