import type { IncomingMessage, ServerResponse } from 'node:http';
import { ActivityEventNames, ActivityTypes, CloudAdapter, type Request } from 'botbuilder';
import { z } from 'zod';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import type { Logger } from '../../app/logger.js';
import { isTooLarge, readBody, sendJson, sendTooLarge, type HttpServer } from '../../http/http-server.js';
import type { ReassignCandidate } from './cards/case-card.js';
import { OutboxRetriedAuthentication } from './connector-retries.js';
import { ConversationAddresses } from './conversation-addresses.js';
import { botbuilderResponse } from './node-http-response.js';
import { TeamsDeskBot } from './teams-bot.js';
import { TeamsNotifier } from './teams-notifier.js';

export interface TeamsSettings {
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
}

/** Start-up check, so a half-configured bot fails with the missing variable's name instead of at its first reply. */
export function teamsSettingsProblem(s: TeamsSettings): string | null {
  if (!s.appId) return s.appPassword ? 'MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is empty' : null;
  if (s.appType !== 'UserAssignedMSI' && !s.appPassword) return `MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID (MICROSOFT_APP_TYPE=${s.appType})`;
  if (s.appType !== 'MultiTenant' && !s.tenantId) return `MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=${s.appType}`;
  return null;
}

export const TEAMS_PATH = '/api/messages';

/**
 * The parts of an activity botbuilder reads without checking their types: a wrong type there
 * throws inside the turn, a 500. Bot Framework never sends such activities, so they are the
 * sender's mistake: a 400.
 */
const ActivityEnvelope = z.looseObject({ type: z.string(), serviceUrl: z.string().optional() });
const CardActionInvoke = z.looseObject({ value: z.looseObject({ action: z.looseObject({}) }) });

export function activityProblem(body: unknown): string | null {
  const envelope = ActivityEnvelope.safeParse(body);
  if (!envelope.success) return 'An activity is a JSON object with a string "type" (and a string "serviceUrl", if any)';
  const a = envelope.data;
  if (a.type === 'invoke' && a.name === 'adaptiveCard/action' && !CardActionInvoke.safeParse(a).success) return 'An adaptiveCard/action invoke carries value.action as an object';
  return null;
}

/**
 * Mounts botbuilder's CloudAdapter on the bot's HTTP server at /api/messages and registers
 * the Teams notifier with the outbox. With an app id, every request must carry a valid Bot
 * Framework token; with none, botbuilder runs unauthenticated, for local testing only.
 */
export function attachTeams(runtime: DeskRuntime, http: HttpServer, s: TeamsSettings, logger: Logger): CloudAdapter {
  const problem = teamsSettingsProblem(s);
  if (problem) throw new Error(`Invalid Teams settings: ${problem}`);
  const auth = new OutboxRetriedAuthentication(
    { MicrosoftAppId: s.appId, MicrosoftAppPassword: s.appPassword, MicrosoftAppType: s.appType, MicrosoftAppTenantId: s.tenantId },
    () => logger.warn('botbuilder connector client has no defaultRetryPolicy to remove: 429 answers may be retried inside the HTTP call'),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // Proactive turns (the notifier's sends) report their own failures to the outbox.
    const proactive = context.activity?.type === ActivityTypes.Event && (context.activity.name === ActivityEventNames.ContinueConversation || context.activity.name === ActivityEventNames.CreateConversation);
    if (!proactive) logger.error({ err: error, activityType: context.activity?.type }, 'teams turn failed');
    // Rethrown, botbuilder answers 500 and the channel delivers the activity again: nothing acknowledged is lost.
    throw error;
  };
  const addresses = new ConversationAddresses(runtime.conversationRefs);
  const staff = runtime.ctx.staff;
  const reassignCandidates = (departmentKey: string | null): ReassignCandidate[] =>
    staff.members.filter((m) => m.department === departmentKey || m.role === 'supervisor').map((m) => ({ id: m.id, name: m.name }));
  const bot = new TeamsDeskBot({ runtime, addresses, reassignCandidates, logger });
  runtime.notifiers.teams = new TeamsNotifier({
    adapter,
    appId: s.appId,
    tenantId: s.tenantId,
    addresses,
    cards: runtime.cards,
    caseView: (caseId) => runtime.desk.caseView(caseId),
    reassignCandidates,
    clock: runtime.ctx.clock,
    logger,
  });

  http.route(TEAMS_PATH, async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed', message: `POST Bot Framework activities to ${TEAMS_PATH}` });
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
    const request: Request = { body: body as Record<string, unknown>, headers: req.headers, method: req.method };
    await runtime.metrics.time('teams', () => adapter.process(request, botbuilderResponse(res), (context) => bot.run(context)));
  });
  if (s.appId) logger.info({ path: TEAMS_PATH, appType: s.appType }, 'Teams is on: Bot Framework activities at /api/messages, authentication on');
  else
    logger.warn(
      { path: TEAMS_PATH },
      'Teams endpoint /api/messages runs WITHOUT authentication because MICROSOFT_APP_ID is empty: fine for local testing, never expose it. Set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD to connect to Teams.',
    );
  return adapter;
}
