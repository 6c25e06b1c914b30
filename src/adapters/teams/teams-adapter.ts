import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivityEventNames, ActivityTypes, CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { z } from 'zod';
import type { DeskApplication } from '../../application/desk-application.js';
import { IntakeUnavailableError } from '../../application/intake-unavailable.js';
import type { Logger } from '../../shared/logger.js';
import { isTooLarge, readBody, refuseUnread, sendJson, sendTooLarge, type HttpServer } from '../../http/http-server.js';
import { teamsCredentialsProblem } from '../../config/env.js';
import { isLoopbackClient, isLoopbackAddress } from '../../http/loopback.js';
import { botCredentialsFactory, botFrameworkConfiguration, botTokenSource, type BotFrameworkEndpoints } from './bot-framework-auth.js';
import { OutboxRetriedAuthentication } from './connector-retries.js';
import { ConversationAddresses } from './conversation-addresses.js';
import { TeamsDeskBot } from './teams-bot.js';
import { TeamsCaseCards } from './case-cards.js';
import { TeamsFileDownloader } from './teams-file-downloader.js';
import { TeamsNotifier } from './teams-notifier.js';

export interface TeamsSettings {
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
  /** TEAMS_AUTH=off: no app id, no Bot Framework tokens; for local tests only (loopback clients and service URLs). */
  unauthenticated?: boolean;
  /** Where botbuilder validates channel tokens and fetches the bot's own; Microsoft's public cloud by default. */
  endpoints?: BotFrameworkEndpoints;
  /** How long validating a token may take (fetching signing keys included) before the request is refused with 401. */
  authTimeoutMs?: number;
}

/** Start-up check, so a half-configured bot fails with the missing variable's name instead of at its first reply. */
export function teamsSettingsProblem(s: TeamsSettings): string | null {
  if (!s.appId && !s.unauthenticated) return 'MICROSOFT_APP_ID is empty: set MICROSOFT_APP_ID (and its password and tenant), or TEAMS_AUTH=off for local tests';
  if (s.appId && s.unauthenticated) return 'TEAMS_AUTH=off cannot be combined with MICROSOFT_APP_ID';
  return teamsCredentialsProblem(s)?.message ?? null;
}

/** The request's token could not be validated: answered 401, whatever the reason (bad signature, keys unreachable, timeout). */
export class TeamsAuthenticationError extends Error {
  override readonly name = 'TeamsAuthenticationError';
}

/** Local mode talks only to this machine: the activity's serviceUrl is where the bot would send. */
function loopbackServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  try {
    const host = new URL(serviceUrl).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || isLoopbackAddress(host);
  } catch {
    return false;
  }
}

export const TEAMS_PATH = '/api/messages';

/**
 * The parts of an activity botbuilder reads without checking their types: a wrong type there
 * throws inside the turn, a 500. Bot Framework never sends such activities, so they are the
 * sender's mistake: a 400.
 */
const ActivityEnvelope = z.looseObject({ type: z.string().min(1), serviceUrl: z.string().optional() });
const CardActionInvoke = z.looseObject({ value: z.looseObject({ action: z.looseObject({}) }) });

export function activityProblem(body: unknown): string | null {
  const envelope = ActivityEnvelope.safeParse(body);
  if (!envelope.success) return 'An activity is a JSON object with a non-empty string "type" (and a string "serviceUrl", if any)';
  const a = envelope.data;
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && !CardActionInvoke.safeParse(a).success) return 'An adaptiveCard/action invoke carries value.action as an object';
  return null;
}

/**
 * botbuilder's CloudAdapter, answering each request itself instead of through `process`,
 * which prints every failure with its stack and sends the error's own text (an OpenID URL, a
 * DNS error) back to the caller. Here: 401 for a token that cannot be validated, 503 when the
 * message could not be stored (the channel delivers it again), 500 with no internals otherwise.
 */
class DeskCloudAdapter extends CloudAdapter {
  constructor(
    auth: OutboxRetriedAuthentication,
    private readonly authTimeoutMs: number,
  ) {
    super(auth);
  }

  /**
   * Authenticates first, on its own: anything that goes wrong there (jsonwebtoken's own
   * errors for a bad signature, a DNS or connection error fetching the signing keys, which
   * botbuilder does not wrap) is a TeamsAuthenticationError, so a request is refused with 401
   * and never reaches the turn, rather than being answered 500 with botbuilder's message.
   */
  async handle(authHeader: string, activity: Activity, logic: (tc: TurnContext) => Promise<void>): Promise<{ status: number; body?: unknown }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`token not validated within ${this.authTimeoutMs} ms`)), this.authTimeoutMs);
    });
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await Promise.race([this.botFrameworkAuthentication.authenticateRequest(activity, authHeader), timeout]);
    } catch (err) {
      throw new TeamsAuthenticationError((err as Error)?.message ?? String(err));
    } finally {
      clearTimeout(timer);
    }
    const response = await this.processActivity(authenticated, activity, logic);
    return { status: response?.status ?? 200, ...(response?.body !== undefined ? { body: response.body } : {}) };
  }
}

/**
 * Mounts botbuilder's CloudAdapter on the bot's HTTP server at /api/messages and registers
 * the Teams notifier with the outbox. With an app id, every request must carry a valid Bot
 * Framework token. Unauthenticated (TEAMS_AUTH=off, never in production) it answers only
 * loopback clients and only activities whose serviceUrl is on this machine: a reference
 * stored from such a turn can only ever address this machine, so no unauthenticated request
 * can point later case cards, escalations or direct messages at a host of its choosing.
 */
export function attachTeams(desk: DeskApplication, http: HttpServer, s: TeamsSettings, logger: Logger): CloudAdapter {
  const problem = teamsSettingsProblem(s);
  if (problem) throw new Error(`Invalid Teams settings: ${problem}`);
  const endpoints = s.endpoints ?? {};
  const credentials = botCredentialsFactory(s, endpoints);
  const auth = new OutboxRetriedAuthentication(
    botFrameworkConfiguration(s, endpoints),
    () => logger.warn('botbuilder connector client has no defaultRetryPolicy to remove: 429 answers may be retried inside the HTTP call'),
    credentials,
  );
  const adapter = new DeskCloudAdapter(auth, s.authTimeoutMs ?? 5000);
  adapter.onTurnError = async (context, error) => {
    // Proactive turns (the notifier's sends) report their own failures to the outbox; a message
    // that could not be stored is logged once per outage by the intake path.
    const proactive = context.activity?.type === ActivityTypes.Event && (context.activity.name === ActivityEventNames.ContinueConversation || context.activity.name === ActivityEventNames.CreateConversation);
    if (!proactive && !(error instanceof IntakeUnavailableError)) logger.error({ err: error, activityType: context.activity?.type }, 'teams turn failed');
    // Rethrown, the request is not acknowledged and the channel delivers the activity again: nothing acknowledged is lost.
    throw error;
  };
  const addresses = new ConversationAddresses(desk.conversationRefs);
  const cards = new TeamsCaseCards(desk, addresses);
  const bot = new TeamsDeskBot({ app: desk, addresses, cards, logger });
  desk.registerNotifier(
    new TeamsNotifier({
      adapter,
      appId: s.appId,
      tenantId: s.tenantId,
      addresses,
      cardLocations: desk.cards,
      cards,
      clock: desk.clock,
      logger,
    }),
  );

  desk.registerEvidenceDownloader(
    'teams',
    new TeamsFileDownloader({
      botToken: botTokenSource(s, endpoints, credentials),
      serviceUrlOf: async (conversationId) => (await addresses.conversation(conversationId))?.serviceUrl ?? null,
    }),
  );

  http.route(TEAMS_PATH, async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return refuseUnread(req, res, 405, { error: 'method_not_allowed', message: `POST Bot Framework activities to ${TEAMS_PATH}` });
    if (s.unauthenticated && !isLoopbackClient(req)) {
      res.setHeader('connection', 'close');
      return sendJson(res, 403, { error: 'forbidden', message: 'Teams runs without authentication (TEAMS_AUTH=off): only clients on this machine are answered' });
    }
    // botbuilder expects the body already parsed (Express/Restify middleware does it elsewhere).
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (err) {
      if (isTooLarge(err)) return sendTooLarge(res, 'The activity');
      return sendJson(res, 400, { error: 'invalid_json', message: 'The body is not valid JSON' });
    }
    const problem = activityProblem(body);
    if (problem) return sendJson(res, 400, { error: 'invalid_activity', message: problem });
    if (s.unauthenticated && !loopbackServiceUrl((body as { serviceUrl?: unknown }).serviceUrl))
      return sendJson(res, 403, { error: 'forbidden', message: 'Teams runs without authentication (TEAMS_AUTH=off): only a serviceUrl on this machine is accepted' });
    const header = req.headers.authorization;
    const answer: { status: number; body?: unknown; headers?: Record<string, string> } = await adapter.handle(typeof header === 'string' ? header : '', body as Activity, (context) => bot.run(context)).catch((err: unknown) => {
      if (err instanceof TeamsAuthenticationError) {
        logger.debug({ reason: err.message }, 'teams request refused: token not valid');
        return { status: 401, body: { error: 'unauthorized', message: 'The request carries no valid Bot Framework token' } };
      }
      if (err instanceof IntakeUnavailableError)
        return { status: 503, headers: { 'retry-after': String(err.retryAfterSeconds) }, body: { error: 'unavailable', message: 'The message could not be stored yet; deliver it again' } };
      logger.error({ err }, 'teams request failed');
      return { status: 500, body: { error: 'internal_error', message: 'The activity could not be handled' } };
    });
    if (res.headersSent) return;
    if (answer.body === undefined) {
      res.writeHead(answer.status, answer.headers);
      res.end();
    } else sendJson(res, answer.status, answer.body, answer.headers);
  });
  if (s.appId) logger.info({ path: TEAMS_PATH, appType: s.appType, openIdMetadataUrl: botFrameworkConfiguration(s, endpoints).ToBotFromChannelOpenIdMetadataUrl }, 'Teams is on: Bot Framework activities at /api/messages, authentication on');
  else
    logger.warn(
      { path: TEAMS_PATH },
      'Teams endpoint /api/messages runs WITHOUT authentication (TEAMS_AUTH=off): local tests only; it answers loopback clients with loopback serviceUrls only. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID to connect to Teams.',
    );
  return adapter;
}
