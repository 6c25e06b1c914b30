import { loadEnv, playgroundEnabled } from './config/env.js';
import { loadDeskConfig } from './config/desk-config.js';
import { resolveDeskConfigPath } from './config/resolve-config-path.js';
import { createLogger } from './app/logger.js';
import { createDeskRuntime } from './app/desk-runtime.js';
import { HttpServer, requestIdOf, sendJson } from './http/http-server.js';
import { migrationsApplied } from './persistence/migrate.js';
import { createSlackAdapter } from './adapters/slack/slack-app.js';
import { attachTeams } from './adapters/teams/teams-adapter.js';
import { createReportJob, scheduleReports } from './reports/report-job.js';
import { attachPlayground } from './adapters/playground/playground-routes.js';
import { OffsetClock } from './app/offset-clock.js';
import { playgroundClock } from './app/playground-clock.js';

/** Composition root: config → database → core → adapters → scheduler → HTTP server. */
async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const configPath = resolveDeskConfigPath(env.DESK_CONFIG);
  const config = loadDeskConfig(configPath);
  logger.info({ configPath }, 'desk configuration loaded');

  const playground = playgroundEnabled(env);
  // Developer mode: the playground may move this clock forward to show nudges and escalations.
  const devClock = playground ? new OffsetClock() : undefined;
  const runtime = await createDeskRuntime({
    ...(devClock ? { clock: devClock } : {}),
    config,
    database: env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDataDir: env.PGLITE_DATA_DIR },
    ...(env.REPLICA_ID ? { workerId: env.REPLICA_ID } : {}),
    defaultMetrics: true,
    logger,
    maxAttempts: { inbox: env.INBOX_MAX_ATTEMPTS, outbox: env.OUTBOX_MAX_ATTEMPTS },
    triageBudget: { budgetMs: env.TRIAGE_BUDGET_MS, threads: env.TRIAGE_THREADS },
  });
  logger.info({ database: runtime.db.kind, ...(runtime.db.kind === 'pglite' ? { dataDir: env.PGLITE_DATA_DIR } : {}) }, 'database ready, migrations applied');

  const stoppers: (() => Promise<void>)[] = [];
  const http = new HttpServer(
    (err, req) => logger.error({ err, url: req.url, requestId: requestIdOf(req) }, 'request failed'),
    // Only an unexpected 500 is worth a line by default: refusals (bad signatures, malformed
    // bodies, 503 while the database is away) would let a flood or an outage fill the log.
    (r) => (r.status === 500 ? logger.warn(r, 'request answered with an internal error') : logger.debug(r, r.status >= 400 ? 'request refused' : 'request')),
  );
  http.route('/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  http.route('/readyz', async (_req, res) => {
    const ready = await runtime.db.query('SELECT 1').then(() => migrationsApplied(runtime.db)).catch(() => false);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'database unavailable or migrations pending' });
  });

  http.route('/metrics', async (_req, res) => {
    const body = await runtime.metrics.registry.metrics();
    res.writeHead(200, { 'content-type': runtime.metrics.registry.contentType });
    res.end(body);
  });

  if (env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN)) {
    const slack = await createSlackAdapter(
      runtime.application,
      http,
      { botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL },
      logger,
    );
    stoppers.push(() => slack.stop());
  } else {
    logger.info('Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on');
  }

  attachTeams(
    runtime.application,
    http,
    { appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD, appType: env.MICROSOFT_APP_TYPE, tenantId: env.MICROSOFT_APP_TENANT_ID },
    logger,
  );

  if (playground) attachPlayground(runtime.application, http, { local: runtime.local, ...(devClock ? { advanceClock: playgroundClock(devClock, runtime.scheduler) } : {}), logger });

  if (env.SCHEDULER === 'on') {
    runtime.scheduler.start();
    // Catch up at once on whatever fell due while no replica was running.
    void runtime.scheduler.tick().catch((err: unknown) => logger.error({ err }, 'first SLA tick failed'));
  }
  runtime.inboxWorker.start();
  runtime.outbox.start();
  const reports =
    env.SCHEDULER === 'on'
      ? scheduleReports(
          createReportJob({
            prisma: runtime.db.prisma,
            store: runtime.ctx.store,
            clock: runtime.ctx.clock,
            timeZone: config.timeZone,
            language: config.reports.language,
            departments: runtime.ctx.settings.departments,
            channels: config.reports.channels,
            onPosted: (period, channels) => {
              logger.info({ period: period.label, channels }, 'report queued');
            },
          }),
          {
            timeZone: config.timeZone,
            weeklyCron: config.reports.weeklyCron,
            monthlyCron: config.reports.monthlyCron,
            onError: (err, cadence) => logger.error({ err, cadence }, 'report failed'),
          },
        )
      : null;
  const port = await http.listen(env.PORT, env.HOST);
  const base = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`;
  logger.info({ port }, `Complaint Desk listening on ${base}`);
  if (playground) logger.info(`Playground: open ${base}/playground (PLAYGROUND=off turns it off)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await http.close();
    for (const stop of stoppers) await stop().catch(() => {});
    await reports?.stop();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  // Configuration errors already name the bad field; print them plainly.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
