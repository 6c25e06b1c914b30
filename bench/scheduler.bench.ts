/**
 * Scheduler cost: seeds N open cases (1,000 of them due) into a scratch PostgreSQL database
 * and times one tick — the claim that finds the due cases, and the full tick that takes their
 * steps. Run: `npm run bench -- scheduler`.
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createDeskRuntime } from '../src/app/desk-runtime.js';
import { loadDeskConfig } from '../src/config/desk-config.js';
import { PrismaSlaDueQueue } from '../src/persistence/prisma-leased-queue.js';
import { createScratchPostgres } from '../support/databases.js';

export interface SchedulerBenchResult {
  openCases: number;
  due: number;
  findMs: number;
  tickMs: number;
  stepsTaken: number;
  /** SQL statements the full tick sent (BEGIN/COMMIT included), per case it took steps for. */
  statementsPerCase: number;
  rssMb: number;
}

/** Counts statements sent through `pg` (what Prisma's driver adapter uses), to see round trips per step. */
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

async function benchAt(openCases: number, due = 1000): Promise<SchedulerBenchResult> {
  const scratch = await createScratchPostgres();
  const now = new Date('2026-11-25T02:00:00Z');
  const runtime = await createDeskRuntime({ config: loadDeskConfig('config/desk.example.yaml'), database: { url: scratch.url, poolSize: 10 }, clock: { now: () => now } });
  try {
    const q = (sql: string) => runtime.db.execScript(sql);
    await q(`INSERT INTO customer (id, platform, platform_user_id) VALUES ('00000000-0000-0000-0000-000000000001', 'local', 'bench-customer')`);
    // Open, claimed cases: all but `due` have their next check far in the future.
    await q(`INSERT INTO "case" (id, number, customer_id, status, language, summary, platform, channel_id, thread_id,
               department_key, owner_id, last_customer_message_at, created_at, updated_at, first_responded_at,
               next_update_due_at, next_check_at)
             SELECT gen_random_uuid(), 'BENCH-' || g, '00000000-0000-0000-0000-000000000001', 'claimed', 'en', 'bench case', 'local',
                    'dm-bench', 't' || g, 'quality', 'wang-fang', now(), TIMESTAMPTZ '2026-11-24 02:00Z', now(), TIMESTAMPTZ '2026-11-24 02:00Z',
                    CASE WHEN g <= ${due} THEN TIMESTAMPTZ '2026-11-25 01:00Z' ELSE TIMESTAMPTZ '2026-12-20 00:00Z' END,
                    CASE WHEN g <= ${due} THEN TIMESTAMPTZ '2026-11-25 01:00Z' - (g || ' seconds')::interval ELSE TIMESTAMPTZ '2026-12-20 00:00Z' + (g || ' seconds')::interval END
             FROM generate_series(1, ${openCases}) g`);
    await q(`ANALYZE "case"`);
    const store = new PrismaSlaDueQueue(runtime.db.prisma);
    const findStart = performance.now();
    const found = await store.claimDue(now, due, 120_000);
    const findMs = performance.now() - findStart;
    // Put them back, then time the whole tick (claim + every step + audit + outbox).
    await runtime.db.query(`UPDATE "case" SET next_check_at = TIMESTAMPTZ '2026-11-25 01:00Z' WHERE id = ANY($1::uuid[])`, [found.map((f) => f.id)]);
    const statementsBefore = statements;
    const tickStart = performance.now();
    const tick = await runtime.scheduler.tick(now);
    const tickMs = performance.now() - tickStart;
    const statementsPerCase = (statements - statementsBefore) / Math.max(tick.cases, 1);
    return { openCases, due: found.length, findMs, tickMs, stepsTaken: tick.steps, statementsPerCase, rssMb: process.memoryUsage().rss / 1_048_576 };
  } finally {
    await runtime.close();
    await scratch.drop();
  }
}

export async function runSchedulerBench(sizes = (process.env.BENCH_SCHEDULER_SIZES ?? '100000,1000000').split(',').map(Number)): Promise<SchedulerBenchResult[]> {
  const results: SchedulerBenchResult[] = [];
  for (const size of sizes) results.push(await benchAt(size));
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await runSchedulerBench())
    console.log(
      `scheduler: ${r.openCases.toLocaleString('en')} open, ${r.due} due → find ${r.findMs.toFixed(1)} ms; full tick ${r.tickMs.toFixed(0)} ms (${r.stepsTaken} steps, ${r.statementsPerCase.toFixed(2)} statements per case); rss ${r.rssMb.toFixed(0)} MB`,
    );
}
