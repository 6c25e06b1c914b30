// Real PostgreSQL at 127.0.0.1:5432 (a scratch database); the small sibling of `npm run chaos`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeskRuntime, type DeskRuntime } from '../../../src/app/desk-runtime.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-app.js';
import { systemClock } from '../../../src/core/ports.js';
import { HttpServer } from '../../../src/http/http-server.js';
import { InboxWorker } from '../../../src/workers/inbox-worker.js';
import { RoundRobinProxy } from '../../../support/chaos/round-robin-proxy.js';
import { buildScenario, planDeliveries } from '../../../support/chaos/scenario.js';
import { deliverLikeSlack } from '../../../support/chaos/slack-sender.js';
import { countOutcome, inboxBacklog, type Query } from '../../../support/chaos/verify.js';
import { FakeSlackApi } from '../../../support/fake-slack-api.js';
import { describeOnPostgres } from '../../helpers/database-suites.js';
import { exampleConfig } from '../../helpers/desk-harness.js';
import type { DatabaseOptions } from '../../../src/persistence/database.js';

const SECRET = 'chaos-test-secret';
const LEASE_MS = 3000;

/**
 * One replica in this process: its own database pool, Bolt receiver, HTTP server and inbox
 * worker. `kill()` stands in for SIGKILL: the server drops its connections and the worker
 * freezes wherever it is, so the rows it leased are abandoned (even ones whose case was
 * already written but not yet marked done) until the lease runs out.
 */
interface Replica {
  runtime: DeskRuntime;
  http: HttpServer;
  port: number;
  /** Returns how many inbox rows the replica held when it died. */
  kill(): Promise<number>;
  /** Lets a killed replica's frozen worker fail out, so the test can close it. */
  release(): void;
}

async function startReplica(database: DatabaseOptions, name: string, slackApiUrl: string): Promise<Replica> {
  const runtime = await createDeskRuntime({ config: exampleConfig(), database: { ...database, poolSize: 5 }, workerId: name, minIntervalMs: {} });
  let frozen: Promise<never> | null = null;
  let thaw = (_err: Error) => {};
  const gate = () => frozen ?? Promise.resolve();
  // The runtime's own worker, but with a short lease so the test does not wait a minute.
  runtime.inboxWorker = new InboxWorker({
    queue: runtime.inboxQueue,
    inbox: runtime.inbox,
    clock: systemClock,
    workerId: name,
    leaseMs: LEASE_MS,
    concurrency: 4,
    threadRootWait: { maxMs: 60_000, retryMs: 200 },
    receive: async (m) => {
      await gate();
      const outcome = await runtime.desk.receiveCustomerMessage(m);
      await gate();
      return outcome;
    },
  });
  const http = new HttpServer();
  await createSlackAdapter(runtime.application, http, { botToken: 'xoxb-chaos', signingSecret: SECRET, apiUrl: slackApiUrl }, createLogger('silent'));
  const port = await http.listen(0, '127.0.0.1');
  runtime.inboxWorker.start(100);
  return {
    runtime,
    http,
    port,
    kill: async () => {
      frozen = new Promise<never>((_, reject) => (thaw = reject));
      frozen.catch(() => {});
      // It dies holding leased rows, so there is something to abandon. One claim is not enough:
      // the other replicas' workers may have taken everything pending at that instant (seen in
      // CI), so it keeps claiming while messages still arrive, for a bounded time.
      const heldRows = async () => {
        const [held] = await runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM inbox_message WHERE locked_by = $1 AND status = 'pending'`, [name]);
        return held?.n ?? 0;
      };
      const deadline = Date.now() + 10_000;
      let held = 0;
      while (held === 0 && Date.now() < deadline) {
        await runtime.inboxQueue.claim(name, 20, LEASE_MS);
        held = await heldRows();
        if (held === 0) await new Promise((r) => setTimeout(r, 20));
      }
      await http.close();
      return heldRows();
    },
    release: () => thaw(new Error('replica was killed')),
  };
}

describeOnPostgres('delivery chaos across replicas', (db) => {
  const api = new FakeSlackApi();
  const replicas: Replica[] = [];
  const killed: Replica[] = [];
  let proxy: RoundRobinProxy;
  let proxyUrl = '';

  beforeAll(async () => {
    const apiUrl = await api.start();
    // The first replica applies the migrations; the others start on a ready schema.
    replicas.push(await startReplica(db(), 'replica-0', apiUrl));
    replicas.push(...(await Promise.all([1, 2].map((i) => startReplica(db(), `replica-${i}`, apiUrl)))));
    proxy = new RoundRobinProxy(() => replicas.map((r) => r.port));
    proxyUrl = await proxy.start();
  });

  afterAll(async () => {
    await proxy?.stop();
    for (const r of killed) r.release();
    for (const r of [...replicas, ...killed]) await r.runtime.close().catch(() => {});
    await api.stop();
  });

  it('keeps one case per customer and every acknowledged message while events are redelivered, reordered and a replica dies', { timeout: 60_000 }, async () => {
    const seed = 11;
    const customers = buildScenario(15, seed, 'T');
    const plan = planDeliveries(customers, seed, replicas.length);
    let killedOne = false;
    let restarted: Promise<void> = Promise.resolve();
    let abandoned = 0;
    const log = await deliverLikeSlack(plan, {
      secret: SECRET,
      urlFor: (replica) => (replica === null ? proxyUrl : `http://127.0.0.1:${replicas[replica]!.port}`),
      rate: 60,
      retryDelayMs: 200,
      onProgress: (started, total) => {
        if (killedOne || started < total / 3) return;
        killedOne = true;
        const victim = replicas[1]!;
        killed.push(victim);
        restarted = victim.kill().then(async (held) => {
          abandoned = held;
          // Back after a moment, as a fresh process would be: same port list slot, new everything.
          await new Promise((r) => setTimeout(r, 1000));
          replicas[1] = await startReplica(db(), 'replica-1-restarted', api.url);
        });
      },
    });
    expect(killedOne).toBe(true);
    await restarted;
    expect(abandoned).toBeGreaterThan(0);

    const runtime = replicas[0]!.runtime;
    const query: Query = (sql, params) => runtime.db.query(sql, params);
    const deadline = Date.now() + 30_000;
    while ((await inboxBacklog(query)).pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));

    const counts = await countOutcome(query, customers, log.acknowledged, runtime.ctx.settings);
    expect(counts.problems).toEqual([]);
    expect(log.deliveries).toBeGreaterThan(counts.messages);
    expect(counts).toMatchObject({
      cases: customers.length,
      duplicates: 0,
      lost: 0,
      unacknowledged: 0,
      stored: counts.messages,
      evidenceComplete: customers.length,
      auditComplete: customers.length,
      inboxLeft: 0,
    });
  });
});
