/**
 * Outbound delivery across replicas: 1,000 nudges over 10 Slack channels, three replicas (each
 * its own runtime and connection pool) on one scratch PostgreSQL, a fake Slack that answers in
 * 250 ms, the production lease (60 s) and batch (200). Time is simulated (support/virtual-time.ts),
 * so the run checks exactly-once and the 1 message/s per channel floor without waiting 100 s;
 * the wall time is what the database work costs. Run: `npm run bench -- outbox`.
 */
import { pathToFileURL } from 'node:url';
import { createDeskRuntime, type DeskRuntime } from '../src/app/desk-runtime.js';
import { loadDeskConfig } from '../src/config/desk-config.js';
import type { Notifier } from '../src/core/ports.js';
import { PrismaRatePacer } from '../src/persistence/outbox-store.js';
import { OutboxWorker } from '../src/workers/outbox-worker.js';
import { createScratchPostgres } from '../support/databases.js';
import { ManualClock } from '../support/manual-clock.js';
import { VirtualTime } from '../support/virtual-time.js';

export interface OutboxBenchResult {
  messages: number;
  channels: number;
  replicas: number;
  delivered: number;
  duplicates: number;
  minGapMs: number;
  simulatedSeconds: number;
  floorSeconds: number;
  wallSeconds: number;
  byReplica: Record<string, number>;
}

export async function runOutboxBench(messages = 1000, channels = 10, replicaCount = 3): Promise<OutboxBenchResult> {
  const scratch = await createScratchPostgres();
  const clock = new ManualClock(new Date('2026-11-25T02:00:00Z'));
  const vt = new VirtualTime(clock);
  const runtimes: DeskRuntime[] = [];
  try {
    for (let i = 0; i < replicaCount; i++)
      runtimes.push(await createDeskRuntime({ config: loadDeskConfig('config/desk.example.yaml'), database: { url: scratch.url, poolSize: 5 }, clock, workerId: `replica-${i}` }));
    const start = clock.now();
    await runtimes[0]!.db.prisma.outboxMessage.createMany({
      data: Array.from({ length: messages }, (_, i) => {
        const channelId = `C-BENCH-${i % channels}`;
        return { dedupeKey: `bench:${i}`, platform: 'slack', rateKey: `slack:${channelId}`, availableAt: start, intent: { type: 'channel_message', caseId: null, platform: 'slack', channelId, text: `nudge ${i}` } };
      }),
    });
    const delivered: { channelId: string; text: string; at: number; by: string }[] = [];
    let stopping = false;
    const loops = runtimes.map((rt, i) => {
      const by = `replica-${i}`;
      const slack: Notifier = {
        platform: 'slack',
        deliver: async (intent) => {
          if (intent.type !== 'channel_message') return;
          delivered.push({ channelId: intent.channelId, text: intent.text, at: clock.now().getTime(), by });
          await vt.sleep(250);
        },
      };
      const worker = new OutboxWorker({
        queue: vt.track(rt.outboxQueue),
        pacer: vt.track(new PrismaRatePacer(rt.db.prisma)),
        notifiers: { slack },
        clock,
        workerId: by,
        minIntervalMs: { slack: 1000 },
        batchSize: 200,
        leaseMs: 60_000,
        sleep: vt.sleep,
      });
      return (async () => {
        while (!stopping) {
          const r = await worker.drainOnce();
          if (r.sent + r.failed + r.rateLimited === 0) await vt.sleep(1000);
        }
      })();
    });
    const wallStart = performance.now();
    await vt.run(() => new Set(delivered.map((d) => d.text)).size >= messages, 60 * 60_000);
    const simulatedSeconds = (clock.now().getTime() - start.getTime()) / 1000;
    const wallSeconds = (performance.now() - wallStart) / 1000;
    // Another three leases: a duplicate would show up here.
    await vt.run(() => false, 180_000);
    stopping = true;
    vt.wakeAll();
    await vt.run(() => false, 10_000);
    vt.wakeAll();
    await Promise.all(loops);
    let minGapMs = Infinity;
    for (let c = 0; c < channels; c++) {
      const times = delivered.filter((d) => d.channelId === `C-BENCH-${c}`).map((d) => d.at);
      for (let i = 1; i < times.length; i++) minGapMs = Math.min(minGapMs, times[i]! - times[i - 1]!);
    }
    const byReplica: Record<string, number> = {};
    for (const d of delivered) byReplica[d.by] = (byReplica[d.by] ?? 0) + 1;
    return {
      messages,
      channels,
      replicas: replicaCount,
      delivered: delivered.length,
      duplicates: delivered.length - new Set(delivered.map((d) => d.text)).size,
      minGapMs,
      simulatedSeconds,
      floorSeconds: Math.ceil(messages / channels) - 1,
      wallSeconds,
      byReplica,
    };
  } finally {
    for (const rt of runtimes) await rt.close().catch(() => {});
    await scratch.drop();
  }
}

export function formatOutboxBench(r: OutboxBenchResult): string {
  return (
    `outbox: ${r.messages} nudges over ${r.channels} channels, ${r.replicas} replicas: ${r.delivered} deliveries, ${r.duplicates} duplicates, ` +
    `min gap per channel ${r.minGapMs} ms; done in ${r.simulatedSeconds.toFixed(0)} s simulated (floor ${r.floorSeconds} s at 1 msg/s/channel), ` +
    `${r.wallSeconds.toFixed(1)} s wall; per replica ${Object.entries(r.byReplica).map(([k, v]) => `${k} ${v}`).join(', ')}`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(formatOutboxBench(await runOutboxBench()));
