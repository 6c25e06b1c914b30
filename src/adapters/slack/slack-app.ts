import { App, HTTPModuleFunctions, HTTPReceiver, LogLevel, type ReceiverProcessEventErrorHandlerArgs } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { DeskApplication } from '../../application/desk-application.js';
import { IntakeUnavailableError } from '../../application/intake-unavailable.js';
import type { Logger } from '../../app/logger.js';
import type { HttpServer } from '../../http/http-server.js';
import { registerActionListeners } from './listeners/actions.js';
import { registerCaseFromMessage } from './listeners/case-from-message.js';
import { registerCommands } from './listeners/commands.js';
import { registerMessageListeners } from './listeners/messages.js';
import { registerViewListeners } from './listeners/views.js';
import type { SlackContext } from './slack-context.js';
import { SlackNotifier } from './slack-notifier.js';
import { guardSlackRequest } from './slack-request-guard.js';

export interface SlackSettings {
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  /** Bolt's answer window; Slack itself gives up after 3 s. */
  unhandledRequestTimeoutMillis?: number;
}

export interface SlackAdapter {
  app: InstanceType<typeof App>;
  mode: 'http' | 'socket';
  stop(): Promise<void>;
}

/**
 * An event whose message could not be stored gets 503 without Bolt's per-event error line
 * (the outage is logged once); any other listener failure gets Bolt's usual 500.
 */
async function refuseUnstoredEvents(args: ReceiverProcessEventErrorHandlerArgs): Promise<boolean> {
  if (!(args.error instanceof IntakeUnavailableError) || args.response.headersSent) return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
  args.response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
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
  // Learn who the bot is once, so no event waits on auth.test.
  const identity = await probe.auth.test().then(
    (r) => ({ botId: r.bot_id as string | undefined, botUserId: r.user_id as string | undefined }),
    (err: Error) => {
      logger.warn({ err: err.message }, 'slack auth.test failed; the bot cannot recognise its own mentions until it succeeds');
      return { botId: undefined, botUserId: undefined };
    },
  );
  const socket = Boolean(s.appToken);
  const receiver = socket
    ? undefined
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
    ...(receiver ? { receiver } : { appToken: s.appToken, socketMode: true }),
    ...(identity.botUserId ? { botId: identity.botId ?? 'B0UNKNOWN', botUserId: identity.botUserId } : {}),
    tokenVerificationEnabled: false,
    clientOptions,
    logLevel: LogLevel.WARN,
  });
  const channels = desk.channelsOf('slack');
  const ctx: SlackContext = {
    app: desk,
    logger,
    botUserId: () => identity.botUserId,
    departmentChannels: channels.departments,
    supportChannels: channels.support,
  };
  registerMessageListeners(app, ctx);
  registerCaseFromMessage(app, ctx);
  registerActionListeners(app, ctx);
  registerViewListeners(app, ctx);
  registerCommands(app, ctx);
  app.error(async (err) => {
    // Store failures are logged once per outage by intakeOutage, not once per event.
    if (!(err instanceof IntakeUnavailableError)) logger.error({ err: err.message, code: (err as { code?: string }).code }, 'slack listener failed');
    // Rethrown so that the request is answered with an error, not acknowledged: with
    // processBeforeResponse, a handler that returns here would let Bolt send the stored 200.
    throw err;
  });

  desk.registerNotifier(new SlackNotifier({ client: app.client, cards: desk.cards, caseView: (id) => desk.desk.caseView(id), botUserId: ctx.botUserId }));
  if (receiver) http.route('/slack/events', (req, res) => guardSlackRequest(req, res, () => receiver.requestListener(req, res)));
  else await app.start();
  logger.info({ mode: socket ? 'socket' : 'http', botUserId: identity.botUserId, apiUrl: slackApiUrl ?? 'https://slack.com/api/' }, 'Slack is on');
  return {
    app,
    mode: socket ? 'socket' : 'http',
    stop: async () => {
      if (socket) await app.stop();
    },
  };
}
