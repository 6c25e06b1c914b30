// Real databases (PGlite and PostgreSQL at 127.0.0.1:5432) and an injected clock: no real waiting.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, exampleConfig, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases, describeOnPostgres } from '../../helpers/database-suites.js';
import { SlaScheduler } from '../../../src/scheduler/sla-scheduler.js';
import { PrismaSlaDueQueue } from '../../../src/persistence/prisma-leased-queue.js';
import { OutboxWorker } from '../../../src/workers/outbox-worker.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const HOUR = 3_600_000;
let n = 0;

// A plainly product complaint: the fixture is about clocks, not about triage's borderline calls
// ("arrived broken" sits between product and logistics, and triage may route it either way).
async function routedCase(h: DeskHarness, text = 'My blender stopped working after two days, the motor just hums. Order number ORD-2026-5512. Phone 13812345678.') {
  const customer = `sched-${++n}`;
  const r = await h.say(customer, text, { attachments: [{ fileId: `F${n}`, name: 'x.jpg', mimeType: 'image/jpeg' }] });
  if (r.kind !== 'created') throw new Error(r.kind);
  return r.caseId;
}

async function outboxTexts(h: DeskHarness, caseId: string, audience?: string): Promise<string[]> {
  const rows = await h.runtime.db.prisma.outboxMessage.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
  return rows
    .map((r) => r.intent as { type: string; userId?: string; channelId?: string; text?: string })
    .filter((i) => !audience || i.userId === audience || i.channelId === audience)
    .map((i) => i.text ?? '');
}

describeOnDatabases('SLA scheduler', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  it('nudges the owner when the 24 h update is due, once, naming what the customer was last told', async () => {
    h.clock.set('2026-11-24T02:00:00Z'); // Tue 10:00 Shanghai
    const id = await routedCase(h);
    await h.runtime.desk.claimCase(wang, id);
    await h.runtime.desk.postUpdate(wang, id, 'Checking the warehouse batch.');
    h.clock.advanceHours(24);
    await h.runtime.scheduler.tick();
    await h.runtime.scheduler.tick();
    const nudges = (await outboxTexts(h, id, 'wang-fang')).filter((t) => t.includes('needs its progress update'));
    expect(nudges).toHaveLength(1);
    expect(nudges[0]).toContain('Checking the warehouse batch.');
    const audit = await h.runtime.ctx.store.listEvents(id);
    expect(audit.filter((e) => e.type === 'nudge_sent')).toHaveLength(1);
  });

  it('warns at 75 % of the cadence, but a warning that comes after the due time stays quiet', async () => {
    const cadenceWarning = (t: string) => t.includes('24-hour progress update') && t.includes('75 %');
    h.clock.set('2026-11-24T02:00:00Z');
    const onTime = await routedCase(h);
    await h.runtime.desk.claimCase(wang, onTime);
    h.clock.advanceHours(18); // Wed 04:00 Shanghai: quiet, the warning waits for 09:00 (still before its 10:00 deadline)
    await h.runtime.scheduler.tick();
    expect((await outboxTexts(h, onTime, 'wang-fang')).filter(cadenceWarning)).toHaveLength(0);
    h.clock.set('2026-11-25T01:00:00Z');
    await h.runtime.scheduler.tick();
    expect((await outboxTexts(h, onTime, 'wang-fang')).filter(cadenceWarning)).toHaveLength(1);

    h.clock.set('2026-11-24T02:00:00Z');
    const late = await routedCase(h);
    await h.runtime.desk.claimCase(wang, late);
    h.clock.advanceHours(25); // straight past the due time (downtime, a fast-forward): the nudge says it all
    await h.runtime.scheduler.tick();
    const texts = await outboxTexts(h, late, 'wang-fang');
    expect(texts.filter(cadenceWarning)).toHaveLength(0);
    expect(texts.filter((t) => t.includes('needs its progress update'))).toHaveLength(1);
    const c = (await h.runtime.ctx.store.getCase(late))!;
    expect(c.slaStepsDone.some((k) => k.startsWith('warn:update_cadence:'))).toBe(true);
  });

  it('resets the cadence on each owner update', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const id = await routedCase(h);
    await h.runtime.desk.claimCase(wang, id);
    h.clock.advanceHours(20);
    await h.runtime.desk.postUpdate(wang, id, 'Replacement ordered.');
    h.clock.advanceHours(6); // 26 h after the claim, 6 h after the update
    await h.runtime.scheduler.tick();
    expect((await outboxTexts(h, id, 'wang-fang')).some((t) => t.includes('needs its progress update'))).toBe(false);
    const c = (await h.runtime.ctx.store.getCase(id))!;
    expect(c.nextUpdateDueAt!.getTime()).toBe(h.clock.now().getTime() - 6 * HOUR + 24 * HOUR);
  });

  it('climbs the escalation ladder in order: owner, supervisor, escalation channel', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const id = await routedCase(h);
    await h.runtime.desk.claimCase(wang, id);
    const grace = h.runtime.ctx.settings.sla.nudgeGraceHours;
    h.clock.advanceHours(24);
    await h.runtime.scheduler.tick();
    expect((await h.runtime.ctx.store.getCase(id))!.escalationLevel).toBe(0);
    h.clock.advanceHours(grace);
    await h.runtime.scheduler.tick();
    let c = (await h.runtime.ctx.store.getCase(id))!;
    expect(c.escalationLevel).toBe(1);
    expect((await outboxTexts(h, id, 'liu-qiang')).some((t) => t.includes('missed the 24 h update'))).toBe(true);
    expect((await outboxTexts(h, id, 'escalations')).length).toBe(0);
    h.clock.advanceHours(grace);
    await h.runtime.scheduler.tick();
    c = (await h.runtime.ctx.store.getCase(id))!;
    expect(c.escalationLevel).toBe(2);
    expect((await outboxTexts(h, id, 'escalations')).some((t) => t.includes('missed the 24 h update'))).toBe(true);
    const types = (await h.runtime.ctx.store.listEvents(id)).map((e) => e.type).filter((t) => t === 'nudge_sent' || t === 'escalated');
    expect(types).toEqual(['nudge_sent', 'escalated', 'escalated']);
  });

  it('holds staff nudges in quiet hours until the working day, but not for urgent cases', async () => {
    h.clock.set('2026-11-24T13:00:00Z'); // Tue 21:00 Shanghai, quiet
    const id = await routedCase(h);
    await h.runtime.desk.claimCase(wang, id);
    h.clock.advanceHours(24); // Wed 21:00
    await h.runtime.scheduler.tick();
    // The nudge waits as a step, not in the outbox, so a case that moves on by morning drops it.
    expect(await h.runtime.db.prisma.outboxMessage.count({ where: { caseId: id, dedupeKey: { contains: 'update:1' } } })).toBe(0);
    const held = (await h.runtime.ctx.store.getCase(id))!;
    expect(held.slaStepsDone.find((k) => k.startsWith('held:update:1:'))).toMatch(/@2026-11-26T01:00:00.000Z$/); // Thu 09:00 Shanghai
    expect(held.nextCheckAt?.toISOString()).toBe('2026-11-25T17:00:00.000Z'); // the next rung, Thu 01:00: escalations are not held as steps

    h.clock.set('2026-11-24T13:00:00Z');
    const urgent = await routedCase(h, 'The heater sparks and smokes! order H-2026-7788, phone 13900001111');
    await h.runtime.desk.claimCase(wang, urgent);
    h.clock.advanceHours(24);
    await h.runtime.scheduler.tick();
    const urgentNudge = (await h.runtime.db.prisma.outboxMessage.findMany({ where: { caseId: urgent, dedupeKey: { contains: 'update:1' } } }))[0]!;
    expect(urgentNudge.availableAt.toISOString()).toBe(h.clock.now().toISOString());
  });

  it('pings the department about an unclaimed case, then escalates to the supervisor', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const id = await routedCase(h);
    const c0 = (await h.runtime.ctx.store.getCase(id))!;
    h.clock.set(new Date(c0.createdAt.getTime() + (c0.firstResponseDueAt!.getTime() - c0.createdAt.getTime()) * 0.8));
    await h.runtime.scheduler.tick();
    h.clock.set('2026-11-25T01:00:00Z'); // that was Wed 05:12, quiet: the ping goes at 09:00, before the 10:00 deadline
    await h.runtime.scheduler.tick();
    expect((await outboxTexts(h, id, 'quality')).some((t) => t.includes('still unclaimed'))).toBe(true);
    expect((await h.runtime.ctx.store.getCase(id))!.escalationLevel).toBe(0);
    h.clock.set(c0.firstResponseDueAt!);
    await h.runtime.scheduler.tick();
    expect((await h.runtime.ctx.store.getCase(id))!.escalationLevel).toBe(1);
    expect((await outboxTexts(h, id, 'liu-qiang')).some((t) => t.includes('unclaimed'))).toBe(true);
  });

  it('reminds a silent customer once, then goes ahead with what it has', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const r = await h.say(`sched-${++n}`, 'My parcel is two weeks late and nobody answers.');
    if (r.kind !== 'created') throw new Error(r.kind);
    expect((await h.runtime.ctx.store.getCase(r.caseId))!.status).toBe('awaiting_evidence');
    h.clock.advanceHours(24);
    await h.runtime.scheduler.tick();
    await h.runtime.scheduler.tick();
    expect((await outboxTexts(h, r.caseId)).filter((t) => t.includes('A quick reminder'))).toHaveLength(1);
    h.clock.advanceHours(48);
    await h.runtime.scheduler.tick();
    const c = (await h.runtime.ctx.store.getCase(r.caseId))!;
    expect(c.status).toBe('routed');
    const card = (await h.deliver()).find((d) => d.caseId === r.caseId && d.card);
    expect(card?.card?.evidenceMissing.length).toBeGreaterThan(0);
  });

  it('starts working-day clocks on the next working day (make-up Saturday counts)', async () => {
    h.clock.set('2026-10-09T07:00:00Z'); // Fri 15:00; Sat 10 Oct 2026 is an official working day
    const id = await routedCase(h);
    expect((await h.runtime.ctx.store.getCase(id))!.firstResponseDueAt!.toISOString()).toBe('2026-10-10T07:00:00.000Z');
    h.clock.set('2026-09-30T02:00:00Z'); // Wed before the National Day week
    const holiday = await routedCase(h);
    expect((await h.runtime.ctx.store.getCase(holiday))!.firstResponseDueAt!.toISOString()).toBe('2026-10-08T02:00:00.000Z');
  });

  it('catches up after three days of downtime with one message per due step, in due order', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const id = await routedCase(h);
    await h.runtime.desk.claimCase(wang, id);
    const before = await h.runtime.db.prisma.outboxMessage.count({ where: { caseId: id } });
    h.clock.advanceHours(72);
    await h.runtime.scheduler.tick();
    await h.runtime.scheduler.tick();
    const rows = await h.runtime.db.prisma.outboxMessage.findMany({ where: { caseId: id, dedupeKey: { startsWith: 'sla:' } }, orderBy: { id: 'asc' } });
    const keys = rows.map((r) => r.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.some((k) => k.includes(':update:1:'))).toBe(true);
    expect(keys.some((k) => k.includes(':breach:initial_plan:'))).toBe(true);
    expect(before).toBeGreaterThan(0);
    const events = (await h.runtime.ctx.store.listEvents(id)).filter((e) => e.actorKind === 'system' && e.type.startsWith('sla_'));
    const dueTimes = events.map((e) => String((e.after as { dueAt?: string }).dueAt ?? ''));
    expect([...dueTimes].sort()).toEqual(dueTimes);
  });
});

describeOnPostgres('SLA scheduler replicas', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db(), exampleConfig());
  });
  afterAll(() => h.close());

  it('sends each nudge exactly once when three schedulers tick together', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = await routedCase(h);
      await h.runtime.desk.claimCase(wang, id);
      ids.push(id);
    }
    h.clock.advanceHours(24);
    const replicas = [0, 1, 2].map(() => new SlaScheduler({ ctx: h.runtime.ctx, due: new PrismaSlaDueQueue(h.runtime.db.prisma), batchSize: 3 }));
    const results = await Promise.all(replicas.map((r) => r.tick(h.clock.now())));
    expect(results.reduce((s, r) => s + r.cases, 0)).toBe(12);
    const nudges = await h.runtime.db.prisma.outboxMessage.count({ where: { caseId: { in: ids }, dedupeKey: { contains: ':update:1:' } } });
    expect(nudges).toBe(12);
    const audits = await h.runtime.db.prisma.caseEvent.count({ where: { caseId: { in: ids }, type: 'nudge_sent' } });
    expect(audits).toBe(12);
  });

  it('takes the other cases of a batch when one case fails, and reports only that one', async () => {
    h.clock.set('2026-11-24T02:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const id = await routedCase(h);
      await h.runtime.desk.claimCase(wang, id);
      ids.push(id);
    }
    const poisoned = ids[1]!;
    h.clock.advanceHours(24);
    // The store as the runtime has it, except that locking the poisoned case fails (a bad row, a lost connection).
    const store = h.runtime.ctx.store;
    const failing: typeof store = Object.assign(Object.create(store) as typeof store, {
      transaction: <T>(work: Parameters<typeof store.transaction<T>>[0]) =>
        store.transaction<T>((tx) =>
          work(
            new Proxy(tx, {
              get: (target, prop, receiver) => {
                const value = Reflect.get(target, prop, receiver) as unknown;
                if ((prop !== 'lockCase' && prop !== 'lockCases') || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
                return (...args: unknown[]) => {
                  if (JSON.stringify(args).includes(poisoned)) throw new Error('this case cannot be read');
                  return (value as (...a: unknown[]) => unknown).apply(target, args);
                };
              },
            }),
          ),
        ),
    });
    const errors: string[] = [];
    const scheduler = new SlaScheduler({ ctx: { ...h.runtime.ctx, store: failing }, due: new PrismaSlaDueQueue(h.runtime.db.prisma), casesPerTransaction: 50, onError: (_e, id) => errors.push(id) });
    const result = await scheduler.tick(h.clock.now());
    expect(errors).toEqual([poisoned]);
    expect(result.cases).toBe(3);
    for (const id of ids) {
      const nudges = await h.runtime.db.prisma.outboxMessage.count({ where: { caseId: id, dedupeKey: { contains: ':update:1:' } } });
      expect(nudges, id === poisoned ? 'poisoned case' : 'healthy case').toBe(id === poisoned ? 0 : 1);
    }
  });

  it('delivers a message whose worker died after claiming it, once the lease runs out', async () => {
    const id = await routedCase(h);
    const queue = h.runtime.outboxQueue;
    const { rows: claimed } = await queue.claim('dead-worker', 1000, 60_000);
    expect(claimed.length).toBeGreaterThan(0);
    const sent: string[] = [];
    const survivor = new OutboxWorker({ queue, notifiers: { local: { platform: 'local', deliver: async (i) => void sent.push(i.type) } }, clock: h.clock, workerId: 'survivor' });
    expect((await survivor.drainOnce()).sent).toBe(0);
    h.clock.advance(61_000);
    const result = await survivor.drainOnce();
    expect(result.sent).toBe(claimed.length);
    expect(await h.runtime.db.prisma.outboxMessage.count({ where: { caseId: id, status: 'pending' } })).toBe(0);
  });
});
