/**
 * Scale-out: 1, 2 and 3 replicas of the bot (`src/main.ts`, each its own PORT and REPLICA_ID)
 * on one scratch PostgreSQL take the same offered load (SCALE_RATE/s for SCALE_SECONDS s) from
 * a separate load-generator process that spreads requests round-robin across them; a bare Bolt
 * app takes the same load in the same run. Reports acked/s, ack p99 and cases created per
 * second end to end (rows in "case" counted until the inbox is drained, bounded wait), each as
 * a ratio of one replica and of bare Bolt. One target at a time, loopback only.
 *   npm run bench -- scale            (SCALE_RATE=200 SCALE_SECONDS=5 SCALE_REPLICAS=1,2,3)
 */
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { FakeSlackApi } from '../support/fake-slack-api.js';
import { createScratchPostgres, postgresUnavailableReason } from '../support/databases.js';
import { ackedPerSecond, runLoad, startBot, startProcess, stopBot, type BotProcess, type LoadResult } from './shared/bench-processes.js';
import { freePort } from '../support/free-port.js';

const RATE = Number(process.env.SCALE_RATE ?? 200);
const SECONDS = Number(process.env.SCALE_SECONDS ?? 5);
const REPLICA_COUNTS = (process.env.SCALE_REPLICAS ?? '1,2,3').split(',').map(Number);
/** Longest wait for the inbox to drain after the load; what is left then counts as not created. */
const DRAIN_MS = Number(process.env.SCALE_DRAIN_MS ?? 60_000);
const SECRET = 'scale-secret';

interface ScaleRow {
  name: string;
  load: LoadResult;
  /** Cases created per second, from the first request to the last new case; undefined for bare Bolt. */
  casesPerSecond?: number;
  cases?: number;
  pendingLeft?: number;
}

async function count(client: pg.Client): Promise<{ cases: number; pending: number }> {
  const r = await client.query(`SELECT (SELECT count(*)::int FROM "case") AS cases, (SELECT count(*)::int FROM inbox_message WHERE status = 'pending') AS pending`);
  return r.rows[0] as { cases: number; pending: number };
}

/** Counts cases every 250 ms until no inbox row is pending (or DRAIN_MS passed); the last new case ends the window. */
async function drain(client: pg.Client, loadStarted: number, before: number): Promise<{ cases: number; seconds: number; pending: number }> {
  let last = await count(client);
  let lastChange = Date.now();
  const deadline = Date.now() + DRAIN_MS;
  while (last.pending > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await count(client);
    if (now.cases !== last.cases) lastChange = Date.now();
    last = now;
  }
  return { cases: last.cases - before, seconds: (lastChange - loadStarted) / 1000, pending: last.pending };
}

async function measureReplicas(n: number, databaseUrl: string, apiUrl: string, client: pg.Client): Promise<ScaleRow> {
  const env = { DATABASE_URL: databaseUrl, SLACK_BOT_TOKEN: 'xoxb-scale', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, SCHEDULER: 'off', LOG_LEVEL: 'warn' };
  const replicas: BotProcess[] = [];
  try {
    // One at a time: the first applies the migrations, and start-up does not compete with itself.
    for (let i = 0; i < n; i++) replicas.push(await startBot(await freePort(), { ...env, REPLICA_ID: `scale-${n}-${i}` }));
    const before = (await count(client)).cases;
    const started = Date.now();
    const load = await runLoad(replicas.map((r) => `http://127.0.0.1:${r.port}/slack/events`), RATE, SECONDS, SECRET, RATE * SECONDS, `R${n}X`);
    const drained = await drain(client, started, before);
    return { name: `${n} replica${n > 1 ? 's' : ''}`, load, cases: drained.cases, casesPerSecond: drained.cases / drained.seconds, pendingLeft: drained.pending };
  } finally {
    await Promise.all(replicas.map((r) => stopBot(r.child)));
  }
}

async function measureBare(): Promise<ScaleRow> {
  const port = await freePort();
  let bare: ChildProcess | undefined;
  try {
    bare = await startProcess(['bench/intake/bare-bolt-app.ts'], { PORT: String(port), SLACK_SIGNING_SECRET: SECRET }, 'ready');
    return { name: 'bare Bolt (ack only)', load: await runLoad([`http://127.0.0.1:${port}/slack/events`], RATE, SECONDS, SECRET) };
  } finally {
    bare?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || !b ? '   -' : (a / b).toFixed(2).padStart(4));

export function formatScale(rows: ScaleRow[]): string {
  const bare = rows.find((r) => r.casesPerSecond === undefined);
  const one = rows.find((r) => r.name === '1 replica');
  const lines = [`scale-out at ${RATE}/s offered for ${SECONDS} s (a shared 2-core machine: noisy, read the ratios)`];
  for (const r of rows) {
    const l = r.load;
    lines.push(
      `${r.name.padEnd(21)} acked ${ackedPerSecond(l).toFixed(0).padStart(4)}/s  p99 ${l.p99.toFixed(1).padStart(7)} ms  ${JSON.stringify(l.statuses)}` +
        (r.casesPerSecond === undefined ? '' : `  cases ${r.casesPerSecond.toFixed(0).padStart(4)}/s (${r.cases} created${r.pendingLeft ? `, ${r.pendingLeft} still pending` : ''})`) +
        `  | vs 1 replica: acked ${ratio(ackedPerSecond(l), one && ackedPerSecond(one.load))} p99 ${ratio(l.p99, one?.load.p99)} cases ${ratio(r.casesPerSecond, one?.casesPerSecond)}` +
        `  | vs bare: acked ${ratio(ackedPerSecond(l), bare && ackedPerSecond(bare.load))} p99 ${ratio(l.p99, bare?.load.p99)} cases/acked ${ratio(r.casesPerSecond, bare && ackedPerSecond(bare.load))}`,
    );
  }
  return lines.join('\n');
}

export async function runScaleBench(): Promise<ScaleRow[]> {
  const reason = await postgresUnavailableReason();
  if (reason) {
    console.log(`scale: skipped (${reason})`);
    return [];
  }
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const scratch = await createScratchPostgres();
  const client = new pg.Client({ connectionString: scratch.url });
  const rows: ScaleRow[] = [];
  try {
    await client.connect();
    rows.push(await measureBare());
    // The client counts only after a replica has started, so the first replica's migrations are in place.
    for (const n of REPLICA_COUNTS) rows.push(await measureReplicas(n, scratch.url, apiUrl, client));
    console.log(formatScale(rows));
    return rows;
  } finally {
    await client.end().catch(() => {});
    await api.stop();
    await scratch.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runScaleBench();
