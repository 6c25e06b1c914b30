import type { AddressInfo } from 'node:net';
import { loadDotEnv } from './config/load-dotenv.js';
import { loadEnv, playgroundMode, teamsMode } from './config/env.js';
import { assertChannelsForPlatforms, loadDeskConfig, reportLanguage } from './config/desk-config.js';
import { resolveDeskConfigPath } from './config/resolve-config-path.js';
import { createLogger } from './shared/logger.js';
import { createDeskRuntime } from './app/desk-runtime.js';
import { HttpServer, requestIdOf } from './http/http-server.js';
import { mountHealthRoutes } from './http/health-routes.js';
import { mountEvidenceRoutes } from './http/evidence-routes.js';
import { processLocalSecret } from './application/evidence-links.js';
import { deskReadiness } from './app/readiness.js';
import { createSlackAdapter } from './adapters/slack/slack-app.js';
import { attachTeams } from './adapters/teams/teams-adapter.js';
import { createReportJob, scheduleReports } from './report-jobs/report-job.js';
import { PrismaReportDataSource } from './persistence/report-queries.js';
import { PrismaRetentionStore } from './persistence/personal-data.js';
import { RetentionJob } from './scheduler/retention-job.js';
import { attachPlayground } from './adapters/playground/playground-routes.js';
import { OffsetClock } from './shared/offset-clock.js';
import { playgroundClock } from './app/playground-clock.js';
import { metricsHandler, withBearerToken } from './http/metrics-routes.js';

/** Composition root: config → database → core → adapters → scheduler → HTTP server. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const dotEnvRead = loadDotEnv();
  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const elapsedMs = () => Math.round(performance.now() - startedAt);
  logger.info({ node: process.version, pid: process.pid, dotEnv: dotEnvRead ? '.env read' : 'no .env file' }, 'starting Complaint Desk');
  const configPath = resolveDeskConfigPath(env.DESK_CONFIG);
  const config = loadDeskConfig(configPath);
  const playground = playgroundMode(env);
  const slackEnabled = Boolean(env.SLACK_BOT_TOKEN && (env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN));
  assertChannelsForPlatforms(
    config,
    [
      ...(slackEnabled ? [{ platform: 'slack' as const, because: 'SLACK_BOT_TOKEN is set' }] : []),
      // Teams without an app id is the local, unauthenticated set-up: cards may go to another platform.
      ...(env.MICROSOFT_APP_ID ? [{ platform: 'teams' as const, because: 'MICROSOFT_APP_ID is set' }] : []),
      ...(playground !== 'off' ? [{ platform: 'local' as const, because: 'the playground is on' }] : []),
    ],
    `desk config ${configPath}`,
  );
  logger.info({ configPath, ms: elapsedMs() }, 'desk configuration loaded');
  logger.info(
    { database: env.DATABASE_URL ? 'postgresql' : 'pglite' },
    env.DATABASE_URL ? 'connecting to PostgreSQL and applying migrations' : 'opening the embedded PGlite database and applying migrations (a first start takes longer)',
  );

  // Developer mode: the playground may move this clock forward to show nudges and escalations,
  // but never the clock of a desk that also talks to real platforms (PLAYGROUND=force).
  const devClock = playground === 'full' ? new OffsetClock() : undefined;
  const runtime = await createDeskRuntime({
    ...(devClock ? { clock: devClock } : {}),
    config,
    database: env.DATABASE_URL
      ? { url: env.DATABASE_URL }
      : {
          pgliteDataDir: env.PGLITE_DATA_DIR,
          pglite: env.PGLITE_MODE,
          embeddedEvents: {
            onUnexpectedExit: (code, signal) => logger.error({ code, signal }, 'the embedded database process ended; starting it again (messages wait in the platform retries meanwhile)'),
          },
        },
    ...(env.REPLICA_ID ? { workerId: env.REPLICA_ID } : {}),
    defaultMetrics: true,
    logger,
    maxAttempts: { inbox: env.INBOX_MAX_ATTEMPTS, outbox: env.OUTBOX_MAX_ATTEMPTS },
    triageBudget: { budgetMs: env.TRIAGE_BUDGET_MS, threads: env.TRIAGE_THREADS },
    intakeAdmission: { maxPending: env.INTAKE_MAX_PENDING, ackBudgetMs: env.INTAKE_ACK_BUDGET_MS },
    evidence: {
      maxBytes: env.EVIDENCE_MAX_BYTES,
      links: {
        // Outside production a missing secret is made per process (links die with it), see env.ts.
        secret: env.EVIDENCE_LINK_SECRET ?? processLocalSecret(),
        publicUrl: env.PUBLIC_URL ?? `http://${env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST}:${env.PORT}`,
        ttlMs: env.EVIDENCE_LINK_TTL_HOURS * 3_600_000,
      },
    },
  });
  logger.info({ database: runtime.db.kind, ...(runtime.db.kind === 'pglite' ? { dataDir: env.PGLITE_DATA_DIR, mode: env.PGLITE_MODE } : {}), ms: elapsedMs() }, 'database ready, migrations applied');
  const calendarWarning = runtime.calendarWarning();
  if (calendarWarning) logger.warn({ region: config.calendar.region }, calendarWarning);

  const stoppers: (() => Promise<void>)[] = [];
  const http = new HttpServer(
    (err, req) => logger.error({ err, url: req.url, requestId: requestIdOf(req) }, 'request failed'),
    // Only an unexpected 500 is worth a line by default: refusals (bad signatures, malformed
    // bodies, 503 while the database is away) would let a flood or an outage fill the log.
    (r) => (r.status === 500 ? logger.warn(r, 'request answered with an internal error') : logger.debug(r, r.status >= 400 ? 'request refused' : 'request')),
  );
  // Set on SIGTERM: load balancers see /readyz fail at once while in-flight requests finish.
  let draining = false;
  const { checks: readiness, warnings: readinessWarnings } = deskReadiness(runtime, () => draining);
  mountHealthRoutes(http, readiness, readinessWarnings);
  mountEvidenceRoutes(http, runtime.evidenceLinks, runtime.evidenceFiles);
  if ((slackEnabled || teamsMode(env) !== 'off') && !env.EVIDENCE_LINK_SECRET)
    logger.warn('EVIDENCE_LINK_SECRET is not set: evidence links on case cards are signed with a key made for this process and stop working when it restarts (required in production)');

  const metricsRoute = metricsHandler(runtime.metrics.registry);
  if (env.METRICS_TOKEN) http.route('/metrics', withBearerToken(env.METRICS_TOKEN, metricsRoute));
  const metricsHttp = env.METRICS_PORT === 'off' ? null : new HttpServer((err) => logger.error({ err }, 'metrics request failed')).route('/metrics', metricsRoute);

  if (slackEnabled && env.SLACK_BOT_TOKEN) {
    const slack = await createSlackAdapter(
      runtime.application,
      http,
      { botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, appToken: env.SLACK_APP_TOKEN, apiUrl: env.SLACK_API_URL },
      logger,
    );
    stoppers.push(() => slack.stop());
    readiness.push({ name: 'slack (auth.test)', ready: () => slack.ready() });
  } else {
    logger.info('Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode) to turn it on');
  }

  const teams = teamsMode(env);
  // Authenticated, or explicitly local (TEAMS_AUTH=off, refused in production), or not mounted at all.
  if (teams !== 'off')
    attachTeams(
      runtime.application,
      http,
      {
        appId: env.MICROSOFT_APP_ID,
        appPassword: env.MICROSOFT_APP_PASSWORD,
        appType: env.MICROSOFT_APP_TYPE,
        tenantId: env.MICROSOFT_APP_TENANT_ID,
        unauthenticated: teams === 'unauthenticated',
        endpoints: {
          openIdMetadataUrl: env.BOT_FRAMEWORK_OPENID_METADATA_URL,
          tokenIssuer: env.BOT_FRAMEWORK_TOKEN_ISSUER,
          loginUrl: env.BOT_FRAMEWORK_LOGIN_URL,
          oauthScope: env.BOT_FRAMEWORK_OAUTH_SCOPE,
        },
      },
      logger,
    );
  else logger.info('Teams is off (/api/messages is not mounted): set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID, or TEAMS_AUTH=off for local tests');

  if (playground !== 'off')
    attachPlayground(runtime.application, http, {
      local: runtime.local,
      onlyLocalCases: playground === 'local-only',
      ...(devClock ? { advanceClock: playgroundClock(devClock, runtime.scheduler) } : {}),
      logger,
    });
  else if (env.PLAYGROUND === undefined && env.NODE_ENV !== 'production') logger.info('Playground is off because Slack or Teams credentials are set (PLAYGROUND=force runs it with only its own cases)');

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
            reports: new PrismaReportDataSource(runtime.db.prisma),
            store: runtime.ctx.store,
            clock: runtime.ctx.clock,
            timeZone: config.timeZone,
            language: reportLanguage(config),
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
  const months = config.retention.anonymiseClosedAfterMonths;
  const retention =
    env.SCHEDULER === 'on' && months
      ? new RetentionJob({
          store: new PrismaRetentionStore(runtime.db.prisma),
          clock: runtime.ctx.clock,
          months,
          timeZone: config.timeZone,
          cron: config.retention.cron,
          onResult: (r, closedBefore) => {
            if (r.cases || r.inbox || r.files) logger.info({ closedBefore: closedBefore.toISOString(), cases: r.cases, customers: r.customers, inboxRows: r.inbox, evidenceFiles: r.files }, 'retention: closed cases anonymised');
          },
          onError: (err) => logger.error({ err }, 'retention run failed'),
        })
      : null;
  if (retention) {
    retention.start();
    void retention.run().catch((err: unknown) => logger.error({ err }, 'first retention run failed'));
  } else if (!months) logger.info('retention is off: closed cases are kept in full (set retention.anonymiseClosedAfterMonths)');
  const port = await http.listen(env.PORT, env.HOST);
  // The address actually bound, not the one asked for: `localhost` may resolve to ::1.
  const bound = http.server.address() as AddressInfo;
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  logger.info({ host: bound.address, port, ms: elapsedMs() }, `Complaint Desk listening on http://${shown}:${port}`);
  if (metricsHttp) {
    // A second replica on the same host would find the default port taken: that must not stop
    // the bot, only its metrics, and the log says how to fix it.
    await metricsHttp
      .listen(env.METRICS_PORT as number, env.METRICS_HOST)
      .then((p) => logger.info({ port: p }, `metrics on http://${env.METRICS_HOST}:${p}/metrics`))
      .catch((err: unknown) => logger.error({ err }, 'metrics port unavailable: set METRICS_PORT to a free port, or off'));
  }
  if (playground !== 'off') {
    const local = bound.address === '0.0.0.0' || bound.address === '::' ? '127.0.0.1' : shown;
    logger.info(
      `Playground at http://${local}:${port}/playground: it has NO sign-in (anyone on this machine can act as any staff member); it answers loopback clients only${playground === 'local-only' ? ', shows only its own cases and cannot move the clock (PLAYGROUND=force)' : ''}. PLAYGROUND=off turns it off.`,
    );
  }

  const shutdown = async (signal: string) => {
    if (draining) return;
    draining = true;
    logger.info({ signal, graceMs: env.SHUTDOWN_GRACE_MS }, 'shutting down: /readyz is 503, finishing requests in flight');
    // A shutdown that hangs (a database that never answers) still ends the process.
    setTimeout(() => {
      logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, env.SHUTDOWN_GRACE_MS + 15_000).unref();
    await http.close(env.SHUTDOWN_GRACE_MS);
    for (const stop of stoppers) await stop().catch((err: unknown) => logger.warn({ err }, 'adapter stop failed'));
    await reports?.stop();
    await retention?.stop();
    await runtime.close();
    await metricsHttp?.close();
    logger.info('shut down cleanly');
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
