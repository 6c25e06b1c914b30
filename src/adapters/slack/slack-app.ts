import { App, HTTPModuleFunctions, HTTPReceiver, LogLevel, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { DeskApplication } from '../../application/desk-application.js';
import { IntakeUnavailableError } from '../../application/intake-unavailable.js';
import type { Logger } from '../../shared/logger.js';
import { sendJson, type HttpServer } from '../../http/http-server.js';
import { DurableSocketModeReceiver } from './durable-socket-mode-receiver.js';
import { SlackIdentity, unrefSleep, type Sleep } from './slack-identity.js';
import { registerActionListeners } from './listeners/actions.js';
import { registerCaseFromMessage } from './listeners/case-from-message.js';
import { registerCommands } from './listeners/commands.js';
import { registerMessageListeners } from './listeners/messages.js';
import { registerViewListeners } from './listeners/views.js';
import type { SlackContext } from './slack-context.js';
import { SlackNotifier } from './slack-notifier.js';
import { SlackFileDownloader } from './slack-file-downloader.js';
import { guardSlackRequest } from './slack-request-guard.js';

export interface SlackSettings {
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  /** Bolt's answer window; Slack itself gives up after 3 s. */
  unhandledRequestTimeoutMillis?: number;
  /** The wait between auth.test retries (injectable: tests release it by hand). */
  sleep?: Sleep;
}

export interface SlackAdapter {
  /** The Bolt app, once the bot's identity is known (it is built with it). */
  app(): InstanceType<typeof App> | null;
  mode: 'http' | 'socket';
  /** auth.test has succeeded and events are handled; until then /readyz is 503. */
  ready(): boolean;
  /** Resolves when the adapter handles events (auth.test succeeded, Socket Mode connected). */
  started: Promise<void>;
  stop(): Promise<void>;
}

/**
 * An event whose message could not be stored gets 503 (with Retry-After) without Bolt's per-event error line
 * (the outage is logged once); any other listener failure gets Bolt's usual 500.
 */
async function refuseUnstoredEvents(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  if (!(args.error instanceof IntakeUnavailableError) || args.response.headersSent) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  args.response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(args.error.retryAfterSeconds) });
  args.response.end('the message could not be stored yet; deliver it again');
  return false;
}

/**
 * The Slack side of the desk: a Bolt app whose events, interactivity and slash commands all
 * arrive at /slack/events on the bot's own HTTP server (or over Socket Mode when an app token
 * is set), plus the notifier that delivers the core's outbound intents.
 */
export async function createSlackAdapter(desk: DeskApplication, http: HttpServer, s: SlackSettings, logger: Logger): Promise<SlackAdapter> {
  const slackApiUrl = s.apiUrl ? (s.apiUrl.endsWith('/') ? s.apiUrl : `${s.apiUrl}/`) : undefined;
  const clientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    // The outbox schedules retries per channel; a paused global queue would stall every channel.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
  };
  const probe = new WebClient(s.botToken, clientOptions);
  // The bot's identity before any event: mention rules need its user id, and no event waits on auth.test.
  const identity = new SlackIdentity(() => probe.auth.test(), { sleep: s.sleep ?? unrefSleep, logger });
  await identity.start();
  const socket = Boolean(s.appToken);
  const channels = desk.channelsOf('slack');
  const ctx: SlackContext = {
    app: desk,
    logger,
    botUserId: () => identity.botUserId,
    departmentChannels: channels.departments,
    supportChannels: channels.support,
  };
  // The outbox may deliver while auth.test is still being retried: the notifier uses the bot token directly.
  desk.registerNotifier(new SlackNotifier({ client: probe, cards: desk.cards, departmentCard: (id) => desk.desk.departmentCaseCard(id), cardFor: (actor, id) => desk.desk.caseCardFor(actor, id), botUserId: ctx.botUserId, evidenceLink: (id) => desk.evidenceLink(id) }));
  desk.registerEvidenceDownloader('slack', new SlackFileDownloader(s.botToken, slackApiUrl));

  let bolt: { app: InstanceType<typeof App>; http?: HTTPReceiver } | null = null;
  let handling = false;
  const build = () => {
    const receiver = socket
      ? new DurableSocketModeReceiver({ appToken: s.appToken!, logLevel: LogLevel.WARN, installerOptions: { clientOptions: slackApiUrl ? { slackApiUrl } : {} } }, logger)
      : new HTTPReceiver({
          signingSecret: s.signingSecret ?? '',
          endpoints: '/slack/events',
          // Listeners store the message before Bolt answers, so an unstored event is not acknowledged.
          processBeforeResponse: true,
          unhandledRequestTimeoutMillis: s.unhandledRequestTimeoutMillis ?? 2900,
          processEventErrorHandler: refuseUnstoredEvents,
          logLevel: LogLevel.WARN,
        });
    const app = new App({
      token: s.botToken,
      receiver,
      botId: identity.botId ?? 'B0UNKNOWN',
      botUserId: identity.botUserId!,
      tokenVerificationEnabled: false,
      clientOptions,
      logLevel: LogLevel.WARN,
    });
    registerMessageListeners(app, ctx);
    registerCaseFromMessage(app, ctx);
    registerActionListeners(app, ctx);
    registerViewListeners(app, ctx);
    registerCommands(app, ctx);
    app.error(async (err) => {
      // Store failures are logged once per outage by intakeOutage, not once per event.
      if (!(err instanceof IntakeUnavailableError)) logger.error({ err: err.message, code: (err as { code?: string }).code }, 'slack listener failed');
      // Rethrown so that the request is answered with an error, not acknowledged: with
      // processBeforeResponse (and the durable Socket Mode receiver), a handler that returns
      // here would let the stored acknowledgement go out.
      throw err;
    });
    return receiver instanceof HTTPReceiver ? { app, http: receiver } : { app };
  };

  if (!socket)
    http.route('/slack/events', (req, res) => {
      // Until the bot knows its own user id, mention rules cannot apply: Slack delivers the event again later.
      if (!bolt?.http) return sendJson(res, 503, { error: 'starting', message: 'The bot is not ready yet (auth.test has not succeeded); deliver it again' });
      const receiver = bolt.http;
      return guardSlackRequest(req, res, () => receiver.requestListener(req, res));
    });
  const started = identity.known.then(async () => {
    bolt = build();
    if (socket) await bolt.app.start();
    handling = true;
    logger.info({ mode: socket ? 'socket' : 'http', botUserId: identity.botUserId, apiUrl: slackApiUrl ?? 'https://slack.com/api/' }, 'Slack is on');
  });
  started.catch((err: unknown) => logger.error({ err: (err as Error).message }, 'Slack could not be started'));
  if (identity.isKnown) await started;
  return {
    app: () => bolt?.app ?? null,
    mode: socket ? 'socket' : 'http',
    ready: () => handling,
    started,
    stop: async () => {
      identity.stop();
      if (socket && bolt) await bolt.app.stop();
    },
  };
}
