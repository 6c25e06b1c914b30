/**
 * Intake under load: the bot (`src/main.ts`, PGlite and PostgreSQL) and a bare Bolt app each
 * run in their own process; a separate load-generator process sends signed Slack message
 * events at rising rates on loopback, bounded in count and time. Reports ack latency, achieved
 * throughput, cases created per second and memory, and our throughput as a ratio of bare Bolt.
 * Run: `npm run bench -- intake`.
 */
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { FakeSlackApi } from '../support/fake-slack-api.js';
import { createScratchPostgres, postgresUnavailableReason } from '../support/databases.js';
import pg from 'pg';
import { createRequire } from 'node:module';
import { memoryOf, runLoad, startProcess, type LoadResult } from './shared/bench-processes.js';

const require = createRequire(import.meta.url);

const SECRET = 'bench-secret';
const RATES = (process.env.BENCH_RATES ?? '500,1000,2000,4000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const TARGETS = new Set((process.env.BENCH_TARGETS ?? 'bare,pglite,postgres').split(','));

async function measure(name: string, start: () => Promise<ChildProcess>, url: string, countCases?: () => Promise<number>) {
  const proc = await start();
  const rows: (LoadResult & { casesPerSecond?: number; rssMb: number; dbRssMb: number })[] = [];
  try {
    for (const rate of RATES) {
      const before = countCases ? await countCases() : 0;
      const r = await runLoad([url], rate, SECONDS, SECRET);
      // Give the inbox worker a moment to turn what was stored into cases, then count.
      let casesPerSecond: number | undefined;
      if (countCases) {
        const t = Date.now();
        await new Promise((res) => setTimeout(res, 2000));
        casesPerSecond = (await countCases()) - before;
        casesPerSecond /= SECONDS + (Date.now() - t) / 1000;
      }
      const memory = memoryOf(proc);
      const row = { ...r, ...(casesPerSecond !== undefined ? { casesPerSecond } : {}), rssMb: memory.bot, dbRssMb: memory.database };
      rows.push(row);
      printRow(name, row);
    }
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
  }
  return rows;
}

function printRow(name: string, r: LoadResult & { casesPerSecond?: number; rssMb: number; dbRssMb: number }): void {
  console.log(
    `${name.padEnd(22)} rate ${String(r.rate).padStart(5)}/s → acked ${r.achievedPerSecond.toFixed(0).padStart(5)}/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  max ${r.max.toFixed(0).padStart(5)} ms  ${JSON.stringify(r.statuses)}${r.casesPerSecond !== undefined ? `  cases ${r.casesPerSecond.toFixed(0)}/s` : ''}  rss ${r.rssMb.toFixed(0)} MB${r.dbRssMb > 0 ? ` + database process ${r.dbRssMb.toFixed(0)} MB` : ''}`,
  );
}

export async function runIntakeBench(): Promise<void> {
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const best = (rows: LoadResult[]) => Math.max(...rows.filter((r) => (r.statuses['200'] ?? 0) === r.answered).map((r) => r.achievedPerSecond), 0);
  try {
    const bare = !TARGETS.has('bare') ? [] : await measure('bare Bolt (ack only)', () => startProcess(['bench/intake/bare-bolt-app.ts'], { PORT: '3999', SLACK_SIGNING_SECRET: SECRET }, 'ready'), 'http://127.0.0.1:3999/slack/events');
    const botEnv = (port: number, extra: Record<string, string>) => ({ PORT: String(port), SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, LOG_LEVEL: 'warn', SCHEDULER: 'off', ...extra });
    const pgliteDir = `/tmp/desk-bench-pglite-${process.pid}`;
    // The default: PGlite in its own process. `pglite-inline` is the earlier layout, kept for the comparison.
    const desk = !TARGETS.has('pglite') ? [] : await measure('desk on PGlite', () => startProcess(['src/main.ts'], botEnv(3998, { PGLITE_DATA_DIR: pgliteDir, LOG_LEVEL: 'info' }), 'listening'), 'http://127.0.0.1:3998/slack/events');
    require('node:fs').rmSync(pgliteDir, { recursive: true, force: true });
    const inline = !TARGETS.has('pglite-inline')
      ? []
      : await measure('desk on PGlite inline', () => startProcess(['src/main.ts'], botEnv(3996, { PGLITE_DATA_DIR: pgliteDir, PGLITE_MODE: 'inline', LOG_LEVEL: 'info' }), 'listening'), 'http://127.0.0.1:3996/slack/events');
    require('node:fs').rmSync(pgliteDir, { recursive: true, force: true });
    let deskPg: LoadResult[] = [];
    const pgReason = await postgresUnavailableReason();
    if (!TARGETS.has('postgres')) console.log('desk on PostgreSQL: not selected');
    else if (pgReason) console.log(`desk on PostgreSQL: skipped (${pgReason})`);
    else {
      const scratch = await createScratchPostgres();
      const count = async () => {
        const c = new pg.Client({ connectionString: scratch.url });
        await c.connect();
        const r = await c.query('SELECT count(*)::int AS n FROM "case"');
        await c.end();
        return (r.rows[0] as { n: number }).n;
      };
      try {
        deskPg = await measure('desk on PostgreSQL', () => startProcess(['src/main.ts'], botEnv(3997, { DATABASE_URL: scratch.url, LOG_LEVEL: 'info' }), 'listening'), 'http://127.0.0.1:3997/slack/events', count);
      } finally {
        await scratch.drop();
      }
    }
    const ceiling = best(bare);
    console.log(`\nbare Bolt best ${ceiling.toFixed(0)}/s; desk best: PGlite ${best(desk).toFixed(0)}/s (${((best(desk) / ceiling) * 100).toFixed(0)} %), PGlite inline ${best(inline).toFixed(0)}/s, PostgreSQL ${best(deskPg).toFixed(0)}/s (${((best(deskPg) / ceiling) * 100).toFixed(0)} %)`);
  } finally {
    await api.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runIntakeBench();
