/**
 * Delivery chaos on PostgreSQL: three bot processes behind a loopback round-robin balancer,
 * every Slack event delivered up to four times (some out of order, some straight to another
 * replica), and one replica killed with SIGKILL mid-load and restarted. Afterwards the
 * database must show one case per customer, every acknowledged message stored once, evidence
 * complete and the audit trail whole. Ends with one CHAOS PASS/FAIL line.
 *   npm run chaos            (CHAOS_CUSTOMERS=100 CHAOS_SEED=7 CHAOS_RATE=80)
 */
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { loadDeskConfig } from '../../src/config/desk-config.js';
import { toDeskSettings } from '../../src/config/to-desk-settings.js';
import { FakeSlackApi } from '../../support/fake-slack-api.js';
import { createScratchPostgres, postgresUnavailableReason } from '../../support/databases.js';
import { RoundRobinProxy } from '../../support/chaos/round-robin-proxy.js';
import { buildScenario, planDeliveries } from '../../support/chaos/scenario.js';
import { deliverLikeSlack } from '../../support/chaos/slack-sender.js';
import { chaosPassed, countOutcome, inboxBacklog, type Query } from '../../support/chaos/verify.js';
import { freePort } from '../../support/free-port.js';
import { startBot, stopBot } from '../shared/bench-processes.js';

const CUSTOMERS = Number(process.env.CHAOS_CUSTOMERS ?? 100);
const SEED = Number(process.env.CHAOS_SEED ?? 7);
const RATE = Number(process.env.CHAOS_RATE ?? 80);
const REPLICAS = 3;
const SECRET = 'chaos-secret';
const CONFIG = 'config/desk.example.yaml';
/** The inbox worker's lease (src/workers/inbox-worker.ts): a killed replica's rows wait this long. */
const INBOX_LEASE_MS = 60_000;
const DEADLINE_MS = 170_000;

const runStarted = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - runStarted) / 1000).toFixed(1).padStart(5)} s] ${line}`);

interface Replica {
  index: number;
  port: number;
  process: ChildProcess | null;
}

/** The bot as its own node process, so the SIGKILL below reaches the bot itself and nothing gets a chance to clean up. */
async function startReplica(r: Replica, env: Record<string, string>): Promise<void> {
  const bot = await startBot(r.port, { ...env, REPLICA_ID: `replica-${r.index}-${Date.now()}` }).catch((err: unknown) => {
    throw new Error(`replica ${r.index}: ${err instanceof Error ? err.message : String(err)}`);
  });
  r.process = bot.child;
  bot.child.once('exit', () => {
    if (r.process === bot.child) r.process = null;
  });
}

async function stopReplica(r: Replica, signal: NodeJS.Signals): Promise<void> {
  await stopBot(r.process, signal);
  r.process = null;
}

async function main(): Promise<number> {
  const pgReason = await postgresUnavailableReason();
  if (pgReason) {
    console.log(`CHAOS FAIL: no PostgreSQL (${pgReason})`);
    return 1;
  }
  const scratch = await createScratchPostgres();
  const api = new FakeSlackApi();
  const apiUrl = await api.start();
  const client = new pg.Client({ connectionString: scratch.url });
  const replicas: Replica[] = [];
  let proxy: RoundRobinProxy | null = null;
  try {
    const env = {
      DATABASE_URL: scratch.url,
      SLACK_BOT_TOKEN: 'xoxb-chaos',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      DESK_CONFIG: CONFIG,
      SCHEDULER: 'off',
      LOG_LEVEL: 'warn',
    };
    for (let i = 0; i < REPLICAS; i++) replicas.push({ index: i, port: await freePort(), process: null });
    // The first replica applies the migrations alone; the others start on a ready schema.
    await startReplica(replicas[0]!, env);
    await Promise.all(replicas.slice(1).map((r) => startReplica(r, env)));
    await client.connect();
    const query: Query = async <T>(sql: string, params: unknown[]) => (await client.query(sql, params)).rows as T[];
    proxy = new RoundRobinProxy(() => replicas.map((r) => r.port));
    const proxyUrl = await proxy.start();
    log(`${REPLICAS} replicas up on ports ${replicas.map((r) => r.port).join(', ')}, balancer ${proxyUrl}`);

    const customers = buildScenario(CUSTOMERS, SEED, `S${SEED}`);
    const plan = planDeliveries(customers, SEED, REPLICAS);
    const messageCount = customers.reduce((n, c) => n + c.messages.length, 0);
    log(`${CUSTOMERS} customers, ${messageCount} messages, ${plan.length} planned deliveries at ${RATE}/s (seed ${SEED})`);

    // Kill phase: a fifth into the load, SIGKILL one replica; bring it back three seconds later,
    // while the load is still running, so it has to take traffic again.
    const victim = replicas[1]!;
    let killedAt = 0;
    let answeredBeforeRestart = 0;
    let restart: Promise<void> | null = null;
    const deliveries = deliverLikeSlack(plan, {
      secret: SECRET,
      urlFor: (replica) => (replica === null ? proxyUrl : `http://127.0.0.1:${replicas[replica]!.port}`),
      rate: RATE,
      retryDelayMs: 500,
      onProgress: (started, total) => {
        // The last third of the load waits for the restart, so the restarted replica has to serve.
        if (killedAt && started === Math.floor((total * 2) / 3)) return restart ?? undefined;
        if (killedAt || started < total / 5) return;
        killedAt = Date.now();
        log(`SIGKILL replica ${victim.index} (pid ${victim.process?.pid}) after ${started} deliveries`);
        restart = (async () => {
          await stopReplica(victim, 'SIGKILL');
          await new Promise((r) => setTimeout(r, 3000));
          await startReplica(victim, env);
          answeredBeforeRestart = proxy!.stats.forwarded[victim.index]!;
          log(`replica ${victim.index} restarted (pid ${victim.process?.pid})`);
        })();
      },
    });
    const sent = await deliveries;
    await restart;
    log(`deliveries done: ${sent.deliveries} sent, statuses ${JSON.stringify(sent.byStatus)}, ${sent.acknowledged.size} messages acknowledged`);

    // Wait for the inbox to drain; the killed replica's leased rows come back after the lease.
    for (;;) {
      const { pending } = await inboxBacklog(query);
      if (pending === 0) break;
      if (Date.now() - runStarted > DEADLINE_MS) {
        log(`giving up waiting: ${pending} inbox rows still pending`);
        break;
      }
      log(`inbox: ${pending} pending${killedAt ? ` (leases of the killed replica expire ${Math.max(0, Math.round((killedAt + INBOX_LEASE_MS - Date.now()) / 1000))} s from now)` : ''}`);
      await new Promise((r) => setTimeout(r, 3000));
    }

    const counts = await countOutcome(query, customers, sent.acknowledged, toDeskSettings(loadDeskConfig(CONFIG)));
    for (const p of counts.problems) log(`problem: ${p}`);
    const afterRestart = proxy.stats.forwarded[victim.index]! - answeredBeforeRestart;
    log(`balancer forwarded ${JSON.stringify(proxy.stats.forwarded)} (${proxy.stats.failed} failed), ${afterRestart} to replica ${victim.index} after its restart; inbox left ${counts.inboxLeft}`);
    const pct = (n: number, of: number) => `${of === 0 ? 0 : Math.floor((n / of) * 1000) / 10}%`;
    const summary =
      `${counts.messages} messages from ${counts.customers} customers, ${sent.deliveries} deliveries over ${REPLICAS} replicas ` +
      `(${killedAt ? '1 killed with SIGKILL mid-load and restarted' : 'none killed'}), ` +
      `${counts.cases} cases (${counts.duplicates} duplicates), ${counts.stored}/${counts.messages} messages stored (${counts.lost} lost` +
      `${counts.unacknowledged ? `, ${counts.unacknowledged} never acknowledged` : ''}), ` +
      `evidence ${pct(counts.evidenceComplete, counts.cases)} and audit ${counts.auditComplete === counts.cases ? 'complete' : `complete on ${counts.auditComplete}/${counts.cases} cases`}`;
    const pass = chaosPassed(counts) && killedAt > 0 && afterRestart > 0;
    console.log(`${pass ? 'CHAOS PASS' : 'CHAOS FAIL'}: ${summary}`);
    return pass ? 0 : 1;
  } catch (err) {
    console.log(`CHAOS FAIL: the run broke off: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await client.end().catch(() => {});
    await proxy?.stop();
    await Promise.all(replicas.map((r) => stopReplica(r, 'SIGTERM')));
    await api.stop();
    await scratch.drop();
  }
}

process.exitCode = await main();
