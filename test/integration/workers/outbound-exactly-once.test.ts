// Real PGlite and PostgreSQL; the platform is a fake sender, time is simulated. With the
// production settings (60 s lease, batches of 200, Slack's ~1 message/s per channel) a batch
// outlives its lease; several replicas on one database must still send every message exactly
// once, and together keep each channel's rate.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Notifier, OutboundIntent } from '../../../src/core/ports.js';
import { PrismaRatePacer } from '../../../src/persistence/outbox-store.js';
import { OutboxWorker } from '../../../src/workers/outbox-worker.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { VirtualTime } from '../../../support/virtual-time.js';

const GAP_MS = 1000;
const LEASE_MS = 60_000;
const CHANNELS = { 'C-BUSY': 80, 'C-QUIET': 25 };

describeOnDatabases('outbound delivery across replicas', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  it('three replicas send each queued message exactly once and hold 1 message/s per channel', { timeout: 240_000 }, async () => {
    const start = h.clock.now();
    const rows = Object.entries(CHANNELS).flatMap(([channelId, n]) =>
      Array.from({ length: n }, (_, i) => {
        const intent = { type: 'channel_message', caseId: null, platform: 'slack', channelId, text: `${channelId} #${i}` } satisfies OutboundIntent;
        return { dedupeKey: `x-replica:${channelId}:${i}`, platform: 'slack', rateKey: `slack:${channelId}`, intent, availableAt: start };
      }),
    );
    await h.runtime.db.prisma.outboxMessage.createMany({ data: rows });

    const vt = new VirtualTime(h.clock);
    const delivered: { channelId: string; text: string; at: number; by: string }[] = [];
    const sender = (by: string): Notifier => ({
      platform: 'slack',
      deliver: async (intent) => {
        if (intent.type !== 'channel_message') throw new Error(`unexpected ${intent.type}`);
        delivered.push({ channelId: intent.channelId, text: intent.text, at: h.clock.now().getTime(), by });
        // Slack's answer takes a moment of its own.
        await vt.sleep(250);
      },
    });
    const queue = vt.track(h.runtime.outboxQueue);
    const pacer = vt.track(new PrismaRatePacer(h.runtime.db.prisma));
    const total = rows.length;
    let stopping = false;
    const replicas = ['replica-a', 'replica-b', 'replica-c'].map((name) => {
      const worker = new OutboxWorker({ queue, pacer, notifiers: { slack: sender(name) }, clock: h.clock, workerId: name, minIntervalMs: { slack: GAP_MS }, batchSize: 200, leaseMs: LEASE_MS, sleep: vt.sleep });
      return (async () => {
        while (!stopping) {
          const r = await worker.drainOnce();
          if (r.sent + r.failed + r.rateLimited === 0) await vt.sleep(1000);
        }
      })();
    });
      const finished = await vt.run(() => new Set(delivered.map((d) => d.text)).size >= total, 30 * 60_000);
    // A little longer: a duplicate sent late would show up here.
    await vt.run(() => false, 3 * LEASE_MS);
    stopping = true;
    vt.wakeAll();
    await vt.run(() => false, 10_000);
    vt.wakeAll();
    await Promise.all(replicas);

    expect(finished).toBe(true);
    const texts = delivered.map((d) => d.text);
    expect(texts.length).toBe(total);
    expect(new Set(texts).size).toBe(total);
    for (const [channelId, n] of Object.entries(CHANNELS)) {
      const times = delivered.filter((d) => d.channelId === channelId).map((d) => d.at);
      expect(times).toHaveLength(n);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(GAP_MS);
      // And no slower than the rate allows by much: the replicas share the channel, they do not idle.
      expect(times.at(-1)! - times[0]!).toBeLessThan(n * GAP_MS * 1.5);
    }
    // More than one replica did the work.
    expect(new Set(delivered.map((d) => d.by)).size).toBeGreaterThan(1);
    expect(await h.runtime.db.prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'x-replica:' }, status: { not: 'sent' } } })).toBe(0);
  });
});
