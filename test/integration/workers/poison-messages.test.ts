// Real databases: PGlite and the PostgreSQL at 127.0.0.1:5432. A message whose processing
// hangs (the process is stuck or killed: its lease is abandoned and runs out) or throws must
// not come back forever: every claim is an attempt, and after N of them the message goes to
// staff as a case that needs a human and the row is dead-lettered, logged once and counted.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseCardBlocks } from '../../../src/adapters/slack/blocks/case-card.blocks.js';
import type { CustomerMessage } from '../../../src/core/ports.js';
import { DeskMetrics } from '../../../src/observability/metrics.js';
import { InboxWorker } from '../../../src/workers/inbox-worker.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

const MAX_ATTEMPTS = 3;
const LEASE_MS = 60_000;

const message = (id: string, userId: string, text: string): CustomerMessage => ({
  platform: 'local',
  messageId: id,
  customer: { userId, displayName: userId },
  conversation: { channelId: `dm-${userId}`, threadId: null, isPrivate: true },
  text,
});

describeOnDatabases('poison messages', (db) => {
  let h: DeskHarness;
  const warnings: { details: Record<string, unknown>; message: string }[] = [];
  beforeAll(async () => {
    h = await createHarness(db(), undefined, {
      logger: { info: () => {}, warn: (details, message) => void warnings.push({ details: details as Record<string, unknown>, message }) },
      runtime: { maxAttempts: { inbox: MAX_ATTEMPTS }, random: () => 0.5 },
    });
  });
  afterAll(() => h.close());

  const row = (id: string) => h.runtime.db.prisma.inboxMessage.findUniqueOrThrow({ where: { dedupeKey: `local:${id}` } });
  const deadLines = (id: bigint) => warnings.filter((w) => w.details.rowId === String(id) && w.message.includes('dead-lettered'));

  it('a message whose processing hangs or kills the process reaches dead-letter after N claims, and staff get a needs-a-human case', async () => {
    const m = message('poison-hang-1', 'U-hang', 'My kettle leaks, order K-1001, I want a replacement');
    await h.runtime.inbox.accept(m);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      // A replica claims the row and freezes in the middle of it (a hung classifier, an
      // endless loop, SIGKILL): it never finishes, never hands the row back.
      let started!: () => void;
      const claimed = new Promise<void>((r) => (started = r));
      const stuck = new InboxWorker({
        queue: h.runtime.inboxQueue,
        inbox: h.runtime.inbox,
        clock: h.clock,
        workerId: `stuck-${attempt}`,
        leaseMs: LEASE_MS,
        receive: () => {
          started();
          return new Promise<never>(() => {});
        },
      });
      void stuck.drainOnce();
      await claimed;
      expect((await row(m.messageId)).attempts).toBe(attempt);
      // The lease runs out; the row is free for the next replica.
      h.clock.advance(LEASE_MS + 1);
    }
    // The next claim finds its attempts used up: no further processing, a case for a human.
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    const dead = await row(m.messageId);
    expect(dead.status).toBe('dead');
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(0);

    const cases = await h.runtime.db.prisma.case.findMany({ where: { channelId: 'dm-U-hang' }, include: { messages: true } });
    expect(cases).toHaveLength(1);
    const c = cases[0]!;
    expect(c.category).toBeNull();
    expect(c.departmentKey).toBe(h.runtime.ctx.settings.routing.default);
    expect(c.status).toBe('routed');
    expect(c.cues).toEqual(['needs_human:repeated_failure']);
    expect(c.messages.some((x) => x.platformMessageId === m.messageId && x.text === m.text)).toBe(true);
    expect(dead.lastError).toContain(c.number);

    // The card staff see says so.
    const delivered = await h.deliver();
    const card = delivered.find((d) => d.caseId === c.id && d.card)?.card;
    expect(card?.needsHuman).toMatch(/Needs a human/);
    const slack = caseCardBlocks(card!, []);
    expect(JSON.stringify(slack.blocks)).toContain('Needs a human');
    expect(slack.text).toContain('needs a human');

    // Logged once with its id, counted in /metrics.
    expect(deadLines(dead.id)).toHaveLength(1);
    expect(deadLines(dead.id)[0]!.details).toMatchObject({ queue: 'inbox', messageId: m.messageId, caseNumber: c.number });
    const metrics = await h.runtime.metrics.registry.metrics();
    expect(metrics).toMatch(/desk_queue_dead_rows\{queue="inbox"\} 1\b/);
    expect(metrics).toMatch(/desk_dead_lettered_total\{queue="inbox"\} 1\b/);
  });

  it('a message whose processing throws every time is retried with back-off, then handed to a human', async () => {
    const m = message('poison-throw-1', 'U-throw', 'The parcel never came, tracking SF1234567890');
    await h.runtime.inbox.accept(m);
    const failing = new InboxWorker({
      queue: h.runtime.inboxQueue,
      inbox: h.runtime.inbox,
      clock: h.clock,
      workerId: 'failing',
      receive: () => Promise.reject(new Error('processor exploded')),
    });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await failing.drainOnce()).toBe(1);
      const r = await row(m.messageId);
      expect(r).toMatchObject({ attempts: attempt, status: 'pending', lastError: 'processor exploded' });
      // random() = 0.5: no jitter, exactly 500 ms · 2ⁿ.
      expect(r.availableAt.getTime() - h.clock.now().getTime()).toBe(500 * 2 ** attempt);
      expect(await failing.drainOnce()).toBe(0);
      h.clock.advance(500 * 2 ** attempt);
    }
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    const dead = await row(m.messageId);
    expect(dead.status).toBe('dead');
    expect(dead.lastError).toContain('processor exploded');
    const c = await h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: 'dm-U-throw' } });
    expect(c).toMatchObject({ category: null, departmentKey: h.runtime.ctx.settings.routing.default, cues: ['needs_human:repeated_failure'] });
    expect(deadLines(dead.id)).toHaveLength(1);
    expect(await h.runtime.metrics.registry.metrics()).toMatch(/desk_queue_dead_rows\{queue="inbox"\} 2\b/);
  });
});

it('the dead-row gauge reports no sample when the database cannot be read, and counts the miss', async () => {
  const away = () => Promise.reject(new Error('Connection terminated unexpectedly'));
  const metrics = new DeskMetrics({ outbox: async () => 0, inbox: async () => 0, dead: { inbox: away, outbox: async () => 2 } }, false);
  const text = await metrics.registry.metrics();
  expect(text).not.toMatch(/desk_queue_dead_rows\{queue="inbox"\}/);
  expect(text).toMatch(/desk_queue_dead_rows\{queue="outbox"\} 2\b/);
  expect(text).toMatch(/desk_metrics_collect_errors_total\{gauge="desk_queue_dead_rows"\} 1\b/);
  expect(text).not.toMatch(/ -1\b/);
});
