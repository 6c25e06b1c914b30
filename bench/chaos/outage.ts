/**
 * PostgreSQL restarted mid-load. The bot (`src/main.ts`) runs as a child process on a private,
 * throwaway cluster; this process sends a bounded stream of signed Slack DM complaints and
 * behaves like Slack: no 2xx within 3 s, or no connection, means the same event is delivered
 * again (same event_id, x-slack-retry-num) up to 3 times, with the back-off compressed from
 * Slack's minutes to seconds. Half-way through, the cluster is stopped hard (`-m immediate`)
 * and started again a few seconds later. Then, from the database: every acknowledged event
 * stored and turned into a case, none twice, and the bot still the same process.
 * Ends with one line, `OUTAGE PASS: …` or `OUTAGE FAIL: …` (exit code 1).
 * Run: `npm run chaos:outage` (OUTAGE_EVENTS, OUTAGE_SECONDS, OUTAGE_DOWN_SECONDS to change the shape).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { FakeSlackApi } from '../../support/fake-slack-api.js';
import { slackDmEvent, slackSignatureHeaders } from '../../support/slack-signing.js';
import { createPrivatePostgres, privatePostgresUnavailableReason, type PrivatePostgres } from '../../support/chaos/private-postgres.js';
import { freePort } from '../../support/free-port.js';

const EVENTS = Number(process.env.OUTAGE_EVENTS ?? 800);
const LOAD_SECONDS = Number(process.env.OUTAGE_SECONDS ?? 20);
const DOWN_SECONDS = Number(process.env.OUTAGE_DOWN_SECONDS ?? 5);
const SECRET = 'outage-secret';
/** Slack's own answer window. */
const ACK_TIMEOUT_MS = 3000;
/** Slack retries after ~1 min, ~5 min, ~30 min; compressed so the run stays short. */
const RETRY_DELAYS_MS = [2000, 3500, 5000];
const DRAIN_TIMEOUT_MS = 90_000;

interface Attempt {
  retryNum: number;
  sentAt: number;
  answeredAt: number;
  /** HTTP status, or the connection failure. */
  outcome: number | 'timeout' | 'connection_failed';
}

interface SentEvent {
  index: number;
  body: string;
  /** The inbox's dedupe key and the case message id: channel:ts. */
  messageId: string;
  customer: string;
  attempts: Attempt[];
  ackedAt: number | null;
}

interface LogLine {
  at: number;
  text: string;
}

const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => (ms / 1000).toFixed(1);

/** The bot as one node process (no npx/tsx wrapper), so its exit is the bot's exit. */
function startBot(env: Record<string, string>, log: LogLine[]): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, METRICS_PORT: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<void>((resolve, reject) => {
    for (const stream of [child.stdout!, child.stderr!])
      createInterface({ input: stream }).on('line', (text) => {
        log.push({ at: now(), text });
        if (text.includes('Complaint Desk listening')) resolve();
      });
    child.once('exit', (code) => reject(new Error(`bot exited (${code}) before listening:\n${log.map((l) => l.text).join('\n').slice(-2000)}`)));
    setTimeout(() => reject(new Error('bot did not start within 60 s')), 60_000).unref();
  });
  return { child, ready };
}

function post(url: URL, agent: Agent, body: string, headers: Record<string, string>): Promise<Attempt['outcome']> {
  return new Promise((resolve) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.setTimeout(ACK_TIMEOUT_MS, () => {
      resolve('timeout');
      req.destroy();
    });
    req.on('error', () => resolve('connection_failed'));
    req.end(body);
  });
}

const isAck = (o: Attempt['outcome']) => typeof o === 'number' && o >= 200 && o < 300;

/** One event as Slack delivers it: the first try and up to three retries, each signed afresh. */
async function deliver(url: URL, agent: Agent, e: SentEvent): Promise<void> {
  for (let retryNum = 0; retryNum <= RETRY_DELAYS_MS.length; retryNum++) {
    const previous = e.attempts.at(-1)?.outcome;
    const retryHeaders: Record<string, string> =
      retryNum === 0 ? {} : { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': previous === 'timeout' ? 'http_timeout' : previous === 'connection_failed' ? 'connection_failed' : 'http_error' };
    const sentAt = now();
    const outcome = await post(url, agent, e.body, { ...slackSignatureHeaders(SECRET, e.body), ...retryHeaders });
    e.attempts.push({ retryNum, sentAt, answeredAt: now(), outcome });
    if (isAck(outcome)) {
      e.ackedAt = now();
      return;
    }
    if (retryNum < RETRY_DELAYS_MS.length) await sleep(RETRY_DELAYS_MS[retryNum]!);
  }
}

/** Polls /readyz through the run: it should say 503 while the database is away. */
function watchReadiness(base: string): { samples: { at: number; status: number }[]; stop: () => void } {
  const samples: { at: number; status: number }[] = [];
  let running = true;
  void (async () => {
    while (running) {
      const status = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.status,
        () => 0,
      );
      samples.push({ at: now(), status });
      await sleep(250);
    }
  })();
  return { samples, stop: () => (running = false) };
}

interface DatabaseCounts {
  inboxRows: number;
  inboxKeys: Set<string>;
  inboxNotDone: number;
  caseMessageIds: Map<string, number>;
  casesPerCustomer: Map<string, number>;
}

async function countFromDatabase(url: string, prefix: string): Promise<DatabaseCounts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const inbox = await client.query<{ dedupe_key: string; status: string }>(`SELECT dedupe_key, status FROM inbox_message WHERE dedupe_key LIKE $1`, [`slack:${prefix}%`]);
    const messages = await client.query<{ platform_message_id: string; n: number }>(
      `SELECT platform_message_id, count(*)::int AS n FROM case_message WHERE platform = 'slack' AND platform_message_id LIKE $1 GROUP BY 1`,
      [`${prefix}%`],
    );
    const cases = await client.query<{ platform_user_id: string; n: number }>(
      `SELECT cu.platform_user_id, count(*)::int AS n FROM "case" c JOIN customer cu ON cu.id = c.customer_id WHERE cu.platform = 'slack' GROUP BY 1`,
    );
    return {
      inboxRows: inbox.rows.length,
      inboxKeys: new Set(inbox.rows.map((r) => r.dedupe_key.slice('slack:'.length))),
      inboxNotDone: inbox.rows.filter((r) => r.status !== 'done').length,
      caseMessageIds: new Map(messages.rows.map((r) => [r.platform_message_id, r.n])),
      casesPerCustomer: new Map(cases.rows.map((r) => [r.platform_user_id, r.n])),
    };
  } finally {
    await client.end();
  }
}

/** Waits until every stored event of the run has been turned into a case (or the time is up). */
async function waitForDrain(url: string, prefix: string, expected: number): Promise<DatabaseCounts> {
  const deadline = now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const counts = await countFromDatabase(url, prefix);
    if ((counts.inboxNotDone === 0 && counts.caseMessageIds.size >= Math.min(expected, counts.inboxKeys.size)) || now() > deadline) return counts;
    await sleep(500);
  }
}

/** A bot log line made short: level, message and the error if any. */
function describeLogLine(text: string): string {
  try {
    const j = JSON.parse(text) as { level?: number; msg?: string; err?: unknown; downSeconds?: number; failures?: number };
    const level = ({ 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' } as Record<number, string>)[j.level ?? 0] ?? String(j.level);
    const extra = [j.err !== undefined ? `err=${typeof j.err === 'string' ? j.err : JSON.stringify(j.err)}` : '', j.downSeconds !== undefined ? `down ${j.downSeconds} s, ${j.failures} failures` : '']
      .filter(Boolean)
      .join('; ');
    return `${level} ${j.msg ?? ''}${extra ? ` (${extra})` : ''}`;
  } catch {
    return text;
  }
}

export async function runOutage(): Promise<boolean> {
  const reason = await privatePostgresUnavailableReason();
  if (reason) {
    console.log(`OUTAGE FAIL: cannot create a private PostgreSQL cluster: ${reason}`);
    return false;
  }
  const database: PrivatePostgres = await createPrivatePostgres();
  const api = new FakeSlackApi();
  const log: LogLine[] = [];
  let bot: ChildProcess | null = null;
  let botExit: string | null = null;
  const cleanUp = async () => {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((r) => bot!.once('exit', r));
      bot.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (bot.exitCode === null) bot.kill('SIGKILL');
    }
    await api.stop().catch(() => {});
    await database.remove();
  };
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  try {
    const apiUrl = await api.start();
    const port = await freePort();
    const started = startBot(
      { PORT: String(port), HOST: '127.0.0.1', SLACK_BOT_TOKEN: 'xoxb-outage', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl, DATABASE_URL: database.url, LOG_LEVEL: 'info', SCHEDULER: 'on' },
      log,
    );
    bot = started.child;
    await started.ready;
    const botPid = bot.pid;
    bot.once('exit', (code, signal) => (botExit = `exit code ${code}, signal ${signal}`));
    const base = `http://127.0.0.1:${port}`;
    console.log(`bot pid ${botPid} on ${base}, PostgreSQL ${database.url} (private cluster); ${EVENTS} events over ${LOAD_SECONDS} s, database down ${DOWN_SECONDS} s mid-load`);

    const runId = Date.now().toString(36);
    const prefix = `DOUT${runId}`;
    const events: SentEvent[] = Array.from({ length: EVENTS }, (_, index) => {
      // One customer per event: each complaint must become exactly one case of its own.
      const channel = `${prefix}x${index}`;
      const customer = `UOUT${runId}x${index}`;
      const ts = `${1_800_000_000 + index}.000100`;
      const body = slackDmEvent({ userId: customer, channel, ts, eventId: `EvOUT${runId}x${index}`, text: `My order ORD-${100000 + index} arrived broken, the screen is cracked. I want a replacement.` });
      return { index, body, messageId: `${channel}:${ts}`, customer, attempts: [], ackedAt: null };
    });

    const url = new URL(`${base}/slack/events`);
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const readiness = watchReadiness(base);
    const loadStart = now();
    /** When the stop was issued (log lines count from here) and when it had taken effect. */
    let stopIssuedAt = 0;
    let downAt = 0;
    let backAt = 0;
    const outage = (async () => {
      await sleep((LOAD_SECONDS * 1000) / 2);
      stopIssuedAt = now();
      await database.stop();
      // pg_ctl returns once the server is gone: events acknowledged before that were stored.
      downAt = now();
      console.log(`${seconds(now() - loadStart)} s: PostgreSQL stopped (immediate)`);
      await sleep(DOWN_SECONDS * 1000 - (now() - stopIssuedAt));
      // pg_ctl -w notices the server is up only at its next poll: probe it ourselves as well.
      let pgCtlReturned = false;
      const probe = (async () => {
        while (!pgCtlReturned) {
          const c = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 500 });
          const ok = await c.connect().then(
            () => true,
            () => false,
          );
          await c.end().catch(() => {});
          if (ok) return now();
          await sleep(20);
        }
        return Infinity;
      })();
      await database.start();
      pgCtlReturned = true;
      backAt = Math.min(now(), await probe);
      console.log(`${seconds(now() - loadStart)} s: PostgreSQL accepting connections again`);
    })();
    const deliveries: Promise<void>[] = [];
    for (const e of events) {
      const wait = loadStart + (e.index * LOAD_SECONDS * 1000) / EVENTS - now();
      if (wait > 1) await sleep(wait);
      deliveries.push(deliver(url, agent, e));
    }
    await Promise.all([...deliveries, outage]);
    console.log(`${seconds(now() - loadStart)} s: every event acknowledged or given up after 3 retries`);
    const counts = await waitForDrain(database.url, prefix, events.length);
    readiness.stop();
    agent.destroy();

    // What the bot logged while the database was away, and until it said it was back.
    const recoveredLines = log.filter((l) => l.at >= backAt && /available again/.test(l.text));
    const logEnd = Math.max(backAt, ...recoveredLines.map((l) => l.at));
    const aroundOutage = log.filter((l) => l.at >= stopIssuedAt && l.at <= logEnd);
    // Our probe sees the server up a few ms after the bot may: count by content, not by clock.
    const whileDown = aroundOutage.filter((l) => !/available again/.test(l.text));
    console.log(`\nbot log from the stop until it reported the database back (${whileDown.length} lines about the outage, ${aroundOutage.length - whileDown.length} about the recovery):`);
    for (const l of aroundOutage) console.log(`  +${seconds(l.at - stopIssuedAt)} s  ${describeLogLine(l.text)}`);

    const acked = events.filter((e) => e.ackedAt !== null);
    const ackedFirstTime = acked.filter((e) => e.attempts.length === 1);
    const refusedThenAcked = acked.filter((e) => e.attempts.length > 1);
    const neverAcked = events.filter((e) => e.ackedAt === null);
    const stored = events.filter((e) => counts.inboxKeys.has(e.messageId));
    const lost = acked.filter((e) => !counts.inboxKeys.has(e.messageId) || !counts.caseMessageIds.has(e.messageId));
    const duplicateMessages = [...counts.caseMessageIds.values()].filter((n) => n > 1).length;
    const duplicateCases = events.filter((e) => (counts.casesPerCustomer.get(e.customer) ?? 0) > 1).length;
    const duplicates = duplicateMessages + duplicateCases + (counts.inboxRows - counts.inboxKeys.size);
    // The verdicts about the bot use the server's own account of when it was down (its log),
    // not our probe's, which on a busy machine sees the server back late. An event is
    // "acknowledged while down" only if its request went out after the server had shut down
    // and its acknowledgement came back before the server was ready again.
    const serverOutage = database.lastOutage();
    if (!serverOutage) throw new Error('the private PostgreSQL log does not show the shutdown and the restart');
    const serverDownAt = serverOutage.downAt - performance.timeOrigin;
    const serverUpAt = serverOutage.upAt - performance.timeOrigin;
    const acksWhileDown = acked.filter((e) => e.attempts.at(-1)!.sentAt > serverDownAt && e.ackedAt! < serverUpAt);
    // No event is acknowledged while the server is down (checked below), so the first ack after
    // the stop is the first after the recovery; it may precede our probe's "up" by a few ms.
    const firstAckAfterStop = Math.min(...acked.filter((e) => e.attempts.at(-1)!.sentAt > downAt).map((e) => e.ackedAt!));
    const recoverySeconds = Number.isFinite(firstAckAfterStop) ? (Math.max(0, firstAckAfterStop - backAt) / 1000).toFixed(2) : 'never';
    const downSeconds = `${seconds(serverUpAt - serverDownAt)} (server log; probe ${seconds(backAt - downAt)})`;
    const readyzWhileDown = readiness.samples.filter((s) => s.at > serverDownAt + 300 && s.at < serverUpAt);
    const readyzOk = readyzWhileDown.length > 0 && readyzWhileDown.every((s) => s.status === 503) && readiness.samples.at(-1)?.status === 200;
    const outcomes = new Map<string, number>();
    for (const e of events) for (const a of e.attempts) if (!isAck(a.outcome)) outcomes.set(String(a.outcome), (outcomes.get(String(a.outcome)) ?? 0) + 1);
    console.log(`\nrefused attempts by answer: ${JSON.stringify(Object.fromEntries(outcomes))}; /readyz while down: ${readyzWhileDown.map((s) => s.status).join(',') || 'no samples'}`);

    const problems: string[] = [];
    if (botExit) problems.push(`the bot process exited (${botExit})`);
    if (lost.length) problems.push(`${lost.length} acknowledged events lost (e.g. ${lost[0]!.messageId})`);
    if (duplicates) problems.push(`${duplicates} duplicates`);
    if (neverAcked.length) problems.push(`${neverAcked.length} events never acknowledged after 3 retries`);
    if (stored.length !== events.length) problems.push(`${events.length - stored.length} events not stored`);
    if (counts.inboxNotDone) problems.push(`${counts.inboxNotDone} stored events not turned into cases within ${DRAIN_TIMEOUT_MS / 1000} s`);
    if (refusedThenAcked.length === 0) problems.push('no event was refused: the outage did not reach intake');
    if (acksWhileDown.length) problems.push(`${acksWhileDown.length} events acknowledged while the database was down`);
    if (!readyzOk) problems.push('/readyz did not answer 503 while the database was down and 200 afterwards');
    if (whileDown.length > 20) problems.push(`${whileDown.length} log lines while the database was down (a flood)`);

    const summary =
      `${events.length} events sent, PostgreSQL down ${downSeconds} s mid-load, ${ackedFirstTime.length} acknowledged first time, ` +
      `${refusedThenAcked.length} refused while down and retried, ${stored.length}/${events.length} stored (${lost.length} lost, ${duplicates} duplicates), ` +
      `bot recovered in ${recoverySeconds} s ${botExit ? 'after exiting' : 'without restart'}, ${whileDown.length} log lines while down (+${aroundOutage.length - whileDown.length} when back)`;
    if (problems.length) console.log(`OUTAGE FAIL: ${summary} — ${problems.join('; ')}`);
    else console.log(`OUTAGE PASS: ${summary}`);
    return problems.length === 0;
  } catch (err) {
    console.log(`OUTAGE FAIL: ${(err as Error).message}`);
    return false;
  } finally {
    process.off('SIGINT', interrupted);
    await cleanUp();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = (await runOutage()) ? 0 : 1;
