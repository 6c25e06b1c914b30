/**
 * `npm run fuzz`: hostile input against the real bot process (src/main.ts on a scratch
 * PostgreSQL database, a fake Slack Web API, Teams authentication on). Sends FUZZ_REQUESTS
 * generated requests (default 10000) to each of Slack events, Slack interactivity and Teams
 * /api/messages, FUZZ_CONCURRENCY (16) at a time, and ends with one verdict line. Exit code 0
 * only on PASS. FUZZ_SEED replays a run.
 */
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { FakeSlackApi } from '../../support/fake-slack-api.js';
import { createScratchPostgres, postgresUnavailableReason } from '../../support/databases.js';
import { startBot, type BotProcess } from './bot-process.js';
import { ENDPOINTS, hostileRequest, mustRejectAt, type Endpoint } from '../../support/fuzz/hostile-requests.js';
import { rowChanges, settledCounts, totalChange, type Query } from '../../support/fuzz/row-counts.js';
import { inPool, send } from '../../support/fuzz/send.js';
import { FuzzTally } from '../../support/fuzz/tally.js';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 16);
/** Growth over the run above this counts as a leak (GC timing alone moves RSS by tens of MB). */
const MAX_RSS_GROWTH_MB = Number(process.env.FUZZ_MAX_RSS_GROWTH_MB ?? 150);
const SECRET = 'fuzz-signing-secret';
const BOT_LOG = process.env.FUZZ_BOT_LOG ?? `/tmp/complaint-desk-fuzz-bot-${process.pid}.log`;

type Planned = { endpoint: Endpoint; n: number };

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Requests of each endpoint, interleaved, so no endpoint's turn comes all at once. */
function interleave(lists: Planned[][]): Planned[] {
  const out: Planned[] = [];
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

async function sendAll(bot: BotProcess, agent: Agent, tally: FuzzTally, planned: Planned[], caseIds: readonly string[]): Promise<void> {
  let done = 0;
  await inPool(planned.length, CONCURRENCY, async (i) => {
    if (bot.exited()) return;
    const { endpoint, n } = planned[i]!;
    const req = hostileRequest(endpoint, n, { seed: SEED, secret: SECRET, nowSeconds: Math.floor(Date.now() / 1000), caseIds });
    tally.record(req, n, await send(bot.baseUrl, req, agent));
    if (++done % 2000 === 0) process.stdout.write(`  … ${done}/${planned.length}\n`);
  });
}

async function main(): Promise<number> {
  const unavailable = await postgresUnavailableReason();
  if (unavailable) {
    console.log(`FUZZ FAIL: cannot run, ${unavailable}`);
    return 2;
  }
  const started = Date.now();
  const scratch = await createScratchPostgres();
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const db = new pg.Client({ connectionString: scratch.url });
  let bot: BotProcess | undefined;
  try {
    bot = await startBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-fuzz',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: apiUrl,
        // An app id turns Bot Framework authentication on: no activity here carries a real token.
        MICROSOFT_APP_ID: 'fuzz-app-id',
        MICROSOFT_APP_PASSWORD: 'fuzz-password',
        // SingleTenant is the default app type, and it needs its tenant.
        MICROSOFT_APP_TENANT_ID: 'fuzz-tenant',
        LOG_LEVEL: 'warn',
        SCHEDULER: 'off',
        DATABASE_URL: scratch.url,
      },
      await freePort(),
      BOT_LOG,
    );
    await db.connect();
    const query: Query = async (sql) => (await db.query(sql)).rows as Record<string, unknown>[];
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const tally = new FuzzTally();

    const accepted: Record<Endpoint, Planned[]> = { 'slack-events': [], 'slack-interactivity': [], 'teams-messages': [] };
    const rejected: Record<Endpoint, Planned[]> = { 'slack-events': [], 'slack-interactivity': [], 'teams-messages': [] };
    for (const endpoint of ENDPOINTS)
      for (let n = 0; n < REQUESTS; n++) (mustRejectAt(endpoint, n, { seed: SEED, secret: SECRET }) ? rejected : accepted)[endpoint].push({ endpoint, n });
    const mustRejectTotal = ENDPOINTS.reduce((s, e) => s + rejected[e].length, 0);
    console.log(`fuzz: seed ${SEED}, ${REQUESTS} requests per endpoint, ${CONCURRENCY} in flight, bot at ${bot.baseUrl} (pid ${bot.child.pid}), database ${scratch.url}`);
    const memStart = await bot.memory();

    // 1. Correctly signed events first, so there are real cases for forged clicks to aim at.
    console.log(`phase 1: ${accepted['slack-events'].length} signed Slack events (200 or 4xx, never 5xx)`);
    await sendAll(bot, agent, tally, accepted['slack-events'], []);
    const beforeRejects = await settledCounts(query);
    // Once warm (code paths compiled, pools full): growth from here on is what a leak would look like.
    const memWarm = await bot.memory();
    const caseIds = (await query(`SELECT id FROM "case" ORDER BY created_at LIMIT 200`)).map((r) => String(r.id));

    // 2. Only must-reject requests: nothing may be written.
    console.log(`phase 2: ${mustRejectTotal} must-reject requests (${caseIds.length} real case ids to forge clicks on)`);
    await sendAll(bot, agent, tally, interleave(ENDPOINTS.map((e) => rejected[e])), caseIds);
    const afterRejects = await settledCounts(query);
    const writtenByRejected = totalChange(beforeRejects, afterRejects);

    // 3. The rest: signed but meaningless interactivity and events.
    const rest = interleave([accepted['slack-interactivity'], accepted['teams-messages']]);
    console.log(`phase 3: ${rest.length} signed interactivity payloads (200 or 4xx, never 5xx)`);
    await sendAll(bot, agent, tally, rest, caseIds);

    const alive = !bot.exited() && (await fetch(`${bot.baseUrl}/healthz`).then((r) => r.ok, () => false));
    await new Promise((r) => setTimeout(r, 2000));
    const memEnd = alive ? await bot.memory() : { rss: NaN, heapUsed: NaN };
    const rssGrowthMb = (memEnd.rss - memStart.rss) / 1_048_576;
    agent.destroy();

    tally.print((l) => console.log(l));
    console.log(`\nrows before/after the must-reject phase: ${writtenByRejected === 0 ? 'unchanged' : rowChanges(beforeRejects, afterRejects).join(', ')} (${Object.entries(afterRejects).map(([t, n]) => `${t} ${n}`).join(', ')})`);
    console.log(`bot output: ${BOT_LOG}`);
    const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
    console.log(`bot RSS ${mb(memStart.rss)} at start → ${mb(memWarm.rss)} after phase 1 → ${mb(memEnd.rss)} at end; V8 heap used ${mb(memStart.heapUsed)} → ${mb(memWarm.heapUsed)} → ${mb(memEnd.heapUsed)}; run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (bot.errors.size) console.log(`bot logged errors:\n  ${[...bot.errors].slice(0, 15).map(([m, c]) => `${c}× ${m}`).join('\n  ')}`);

    const crashes = alive ? 0 : 1;
    const reasons: string[] = [];
    if (tally.serverErrors) reasons.push(`${tally.serverErrors} × 5xx`);
    if (crashes) reasons.push(`bot crashed (${bot.exited() ?? 'healthz did not answer'})`);
    if (tally.noAnswer) reasons.push(`${tally.noAnswer} requests got no answer`);
    if (tally.notRejected) reasons.push(`${tally.notRejected} must-reject requests not refused with a 4xx`);
    if (writtenByRejected) reasons.push(`rejected requests wrote rows: ${rowChanges(beforeRejects, afterRejects).join(', ')}`);
    if (!(rssGrowthMb <= MAX_RSS_GROWTH_MB)) reasons.push(`bot RSS grew ${rssGrowthMb.toFixed(0)} MB (limit ${MAX_RSS_GROWTH_MB})`);
    if (tally.sent !== REQUESTS * ENDPOINTS.length) reasons.push(`only ${tally.sent} of ${REQUESTS * ENDPOINTS.length} requests sent`);
    const sign = rssGrowthMb >= 0 ? '+' : '';
    const summary = `${tally.sent} requests (${ENDPOINTS.length} endpoints × ${REQUESTS}), ${tally.serverErrors} × 5xx, ${crashes} crashes, ${tally.rejected4xx} rejected with 4xx, ${writtenByRejected} rows written by rejected requests, bot RSS ${sign}${rssGrowthMb.toFixed(0)} MB`;
    console.log(reasons.length ? `FUZZ FAIL: ${summary} — ${reasons.join('; ')}` : `FUZZ PASS: ${summary}`);
    return reasons.length ? 1 : 0;
  } finally {
    await bot?.stop();
    await db.end().catch(() => {});
    await api.stop();
    await scratch.drop();
  }
}

process.exitCode = await main().catch((err: unknown) => {
  console.log(`FUZZ FAIL: the run itself failed: ${err instanceof Error ? err.stack : String(err)}`);
  return 1;
});
