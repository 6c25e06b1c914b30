// The SLA run (runDueSlaSteps and its batch form) on the in-memory store: which steps fall due and
// what they send, without a database or a scheduler. Claiming due cases across replicas stays in
// test/integration/scheduler/sla-scheduler.test.ts.
import { describe, expect, it } from 'vitest';
import type { OutboundIntent } from '../../../../src/core/ports/messages.js';
import { runDueSlaSteps, runDueSlaStepsBatch } from '../../../../src/core/cases/run-sla-steps.js';
import { inMemoryDesk, local } from '../../../helpers/in-memory-desk.js';

const wang = local('wang-fang');
const toWang = (out: OutboundIntent[]) => out.flatMap((o) => (o.type === 'direct_message' && o.userId === 'wang-fang' ? [o.text] : []));

describe('SLA run on the in-memory store', () => {
  it('nudges the owner once when the update is due, naming what the customer was last told', async () => {
    const { desk, store, clock, routedCase, sent } = inMemoryDesk(new Date('2026-11-24T02:00:00Z'));
    const { caseId } = await routedCase('nudged');
    await desk.claimCase(wang, caseId);
    await desk.postUpdate(wang, caseId, 'Checking the warehouse batch.');
    sent();
    clock.advanceHours(24);
    const first = await runDueSlaSteps(desk.ctx, caseId, clock.now());
    expect(first?.steps).toContain('update_ladder');
    expect(await runDueSlaSteps(desk.ctx, caseId, clock.now())).toMatchObject({ steps: [] });
    const nudges = toWang(sent()).filter((t) => t.includes('needs its progress update'));
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toContain('Checking the warehouse batch.');
    expect((await store.listEvents(caseId)).filter((e) => e.type === 'nudge_sent')).toHaveLength(1);
  });

  it('an owner update resets the cadence: nothing is due six hours after it', async () => {
    const { desk, store, clock, settings, routedCase, sent } = inMemoryDesk(new Date('2026-11-24T02:00:00Z'));
    const { caseId } = await routedCase('reset');
    await desk.claimCase(wang, caseId);
    clock.advanceHours(20);
    await desk.postUpdate(wang, caseId, 'Replacement ordered.');
    clock.advanceHours(6);
    sent();
    await runDueSlaSteps(desk.ctx, caseId, clock.now());
    expect(toWang(sent()).some((t) => t.includes('needs its progress update'))).toBe(false);
    expect((await store.getCase(caseId))!.nextUpdateDueAt!.getTime()).toBe(clock.now().getTime() + (settings.sla.updateCadenceHours - 6) * 3_600_000);
  });

  it('a batch takes the same steps and sends the same messages as running the cases one by one', async () => {
    const journey = async (run: (d: ReturnType<typeof inMemoryDesk>, ids: string[]) => Promise<unknown>) => {
      const d = inMemoryDesk(new Date('2026-11-24T02:00:00Z'));
      const ids: string[] = [];
      for (const customer of ['batch-a', 'batch-b']) {
        const { caseId } = await d.routedCase(customer);
        await d.desk.claimCase(wang, caseId);
        ids.push(caseId);
      }
      d.sent();
      d.clock.advanceHours(30);
      await run(d, ids);
      return { texts: d.sent().map((o) => ('text' in o ? o.text : o.type)), done: await Promise.all(ids.map(async (id) => (await d.store.getCase(id))!.slaStepsDone)) };
    };
    const oneByOne = await journey(async (d, ids) => {
      for (const id of ids) await runDueSlaSteps(d.desk.ctx, id, d.clock.now());
    });
    const batched = await journey((d, ids) => runDueSlaStepsBatch(d.desk.ctx, ids, d.clock.now()));
    expect(oneByOne.texts.length).toBeGreaterThan(0);
    expect(batched).toEqual(oneByOne);
  });
});
