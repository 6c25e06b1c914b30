// Real worker threads, real PGlite and PostgreSQL. Triage runs off the main thread under a
// per-message budget; a classifier that spins past it has its thread terminated and replaced,
// and the message becomes a case that needs a human (category unknown, default department).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerMessage } from '../../../src/core/ports.js';
import { TriagePool } from '../../../src/workers/triage-pool.js';
import { classify } from '../../../src/core/triage/index.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { ManualBudgetTimer, SPIN_MARK } from '../../helpers/manual-budget-timer.js';

const SLOW_MODULE = new URL('../../helpers/slow-triage-thread.ts', import.meta.url);

describe('triage pool', () => {
  const timer = new ManualBudgetTimer();
  const pool = new TriagePool({ budgetMs: 200, threads: 1, module: SLOW_MODULE, timer });
  beforeAll(() => pool.ready(), 120_000);
  afterAll(() => pool.close());

  it('answers with the classifier’s triage within the budget', async () => {
    const r = await pool.triage('My kettle leaks, order 20261116-8871, I want a replacement');
    expect(r).toMatchObject({ kind: 'triaged', triage: { category: 'product', orderNumber: '20261116-8871', desiredOutcome: 'replacement' } });
    expect(timer.running).toBe(0);
  });

  it('answers every field the classifier gives, the optional ones included (possible urgency, currency, category confidence)', async () => {
    const text = 'The HK$899 wool jumper is a bit itchy on the neck, order H-77822';
    const direct = classify(text);
    expect(direct.possibleUrgent).toBe(true);
    expect(direct.currency).toBe('HKD');
    const r = await pool.triage(text);
    expect(r).toEqual({ kind: 'triaged', triage: direct });
  });

  it('terminates a thread that runs past the budget, answers "needs a human", and keeps triaging on a fresh thread', { timeout: 120_000 }, async () => {
    const stuck = pool.triage(`my order ${SPIN_MARK} is broken`);
    const queued = pool.triage('The parcel never arrived, tracking SF1234567890');
    await timer.armed();
    timer.expireAll();
    expect(await stuck).toEqual({ kind: 'needs_human', reason: 'triage_timeout' });
    // A new thread took over: the message queued behind the stuck one is triaged.
    expect(await queued).toMatchObject({ kind: 'triaged', triage: { category: 'logistics' } });
    await pool.ready();
    expect(await pool.triage('退款还没到账，订单号 20261116-9001')).toMatchObject({ kind: 'triaged', triage: { category: 'billing' } });
  });
});

describeOnDatabases('triage past its budget', (db) => {
  let h: DeskHarness;
  const timer = new ManualBudgetTimer();
  beforeAll(async () => {
    const triager = new TriagePool({ budgetMs: 200, threads: 1, module: SLOW_MODULE, timer });
    h = await createHarness(db(), undefined, { runtime: { triager } });
    await triager.ready();
  }, 120_000);
  afterAll(() => h.close());

  it('is handed to staff as a case that needs a human, never dropped', async () => {
    const m: CustomerMessage = {
      platform: 'local',
      messageId: 'budget-1',
      customer: { userId: 'U-budget', displayName: 'U-budget' },
      conversation: { channelId: 'dm-U-budget', threadId: null, isPrivate: true },
      text: `The blender ${SPIN_MARK} exploded, order B-7781, I want my money back`,
    };
    expect(await h.runtime.application.acceptCustomerMessage(m)).toBe('accepted');
    const drained = h.runtime.inboxWorker.drainOnce();
    await timer.armed();
    timer.expireAll();
    expect(await drained).toBe(1);
    const c = await h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'dm-U-budget' } });
    expect(c).toMatchObject({ category: null, departmentKey: h.runtime.ctx.settings.routing.default, status: 'routed', cues: ['needs_human:triage_timeout'], language: 'en' });
    expect(await h.runtime.db.prisma.inboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'local:budget-1' } })).toMatchObject({ status: 'done' });
    const card = (await h.deliver()).find((d) => d.caseId === c.id && d.card)?.card;
    expect(card?.needsHuman).toContain('ran out of time');
  });
});
