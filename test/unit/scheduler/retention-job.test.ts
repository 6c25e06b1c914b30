// The retention job against its port: which cutoff it asks for and what it reports. What the
// anonymising does to the rows is tested on real databases in
// test/integration/persistence/personal-data.test.ts.
import { describe, expect, it } from 'vitest';
import type { RetentionResult, RetentionStore } from '../../../src/core/ports/retention.js';
import { RetentionJob } from '../../../src/scheduler/retention-job.js';
import { ManualClock } from '../../../support/manual-clock.js';

interface ClosedCase {
  id: string;
  closedAt: Date;
  anonymisedAt: Date | null;
}

const NONE: RetentionResult = { cases: 0, messages: 0, evidence: 0, solutions: 0, events: 0, outbox: 0, files: 0, customers: 0, inbox: 0 };

/** Closed cases in memory; a pass anonymises those closed before the cutoff, once each. */
class InMemoryRetentionStore implements RetentionStore {
  readonly asked: { closedBefore: Date; at: Date }[] = [];
  constructor(readonly cases: ClosedCase[]) {}

  async anonymiseClosedCases(o: { closedBefore: Date; at: Date }): Promise<RetentionResult> {
    this.asked.push(o);
    const due = this.cases.filter((c) => c.anonymisedAt === null && c.closedAt < o.closedBefore);
    for (const c of due) c.anonymisedAt = o.at;
    return { ...NONE, cases: due.length };
  }
}

const day = 86_400_000;

describe('RetentionJob', () => {
  const now = new Date('2026-03-31T19:30:00Z');
  const job = (store: RetentionStore, onResult?: (r: RetentionResult, closedBefore: Date) => void) =>
    new RetentionJob({ store, clock: new ManualClock(now), months: 12, timeZone: 'Asia/Shanghai', cron: '30 3 * * *', onResult });

  it('anonymises the cases closed longer ago than the setting, and only those, once', async () => {
    const store = new InMemoryRetentionStore([
      { id: 'old', closedAt: new Date(now.getTime() - 400 * day), anonymisedAt: null },
      { id: 'recent', closedAt: new Date(now.getTime() - 300 * day), anonymisedAt: null },
    ]);
    const retention = job(store);

    expect((await retention.run()).cases).toBe(1);
    expect(store.cases.map((c) => [c.id, c.anonymisedAt])).toEqual([
      ['old', now],
      ['recent', null],
    ]);
    expect((await retention.run()).cases).toBe(0);
  });

  it('asks for the cutoff in calendar months before the clock, and reports it with the result', async () => {
    const store = new InMemoryRetentionStore([]);
    const reported: [RetentionResult, Date][] = [];
    const r = await job(store, (result, closedBefore) => reported.push([result, closedBefore])).run();

    const cutoff = new Date('2025-03-31T19:30:00Z');
    expect(store.asked).toEqual([{ closedBefore: cutoff, at: now }]);
    expect(reported).toEqual([[r, cutoff]]);
  });

  it('runs for a moment it is given instead of the clock', async () => {
    const store = new InMemoryRetentionStore([]);
    const at = new Date('2026-01-15T00:00:00Z');
    await job(store).run(at);
    expect(store.asked).toEqual([{ closedBefore: new Date('2025-01-15T00:00:00Z'), at }]);
  });

  it('lets a failing store reach the caller, without reporting a result', async () => {
    const failing: RetentionStore = { anonymiseClosedCases: () => Promise.reject(new Error('database down')) };
    const reported: RetentionResult[] = [];
    await expect(job(failing, (r) => reported.push(r)).run()).rejects.toThrow('database down');
    expect(reported).toEqual([]);
  });
});
