import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request, type Response } from 'botbuilder';
import type { DeskRuntime } from '../../app/desk-runtime.js';
import type { Logger } from '../../app/logger.js';
import { readBody, sendJson, type HttpServer } from '../../http/http-server.js';
import { TeamsDeskBot } from './teams-bot.js';
import { TeamsNotifier } from './teams-notifier.js';

export interface TeamsSettings {
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
}

/** botbuilder speaks to Express/Restify-style responses; this gives it one over Node's own. */
function botResponse(res: ServerResponse): Response {
  let statusCode = 200;
  const send = (body?: unknown) => {
    if (res.headersSent) return;
    if (body === undefined || body === null) {
      res.writeHead(statusCode);
      res.end();
      return;
    }
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(statusCode, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' });
    res.end(payload);
  };
  return {
    socket: res.socket,
    status: (code: number) => (statusCode = code),
    header: (name: string, value: unknown) => res.setHeader(name, String(value)),
    send,
    end: () => send(),
  };
}

/**
 * Mounts botbuilder's CloudAdapter at /api/messages. With an app id, Bot Framework JWTs are
 * checked; with none, it runs unauthenticated for local testing, as botbuilder does.
 */
export function attachTeams(runtime: DeskRuntime, http: HttpServer, s: TeamsSettings, logger: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: s.appId,
    MicrosoftAppPassword: s.appPassword,
    MicrosoftAppType: s.appType,
    MicrosoftAppTenantId: s.tenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error.message, activityType: context.activity?.type }, 'teams turn failed');
    // Surface a store failure as a 5xx so the channel resends instead of losing the message.
    throw error;
  };
  const bot = new TeamsDeskBot(runtime, logger);
  runtime.notifiers.teams = new TeamsNotifier({
    adapter,
    appId: s.appId,
    refs: runtime.conversationRefs,
    cards: runtime.cards,
    caseView: (id) => runtime.desk.caseView(id),
    staffFor: (dept) => runtime.ctx.staff.members.filter((m) => m.department === dept || m.role === 'supervisor').map((m) => ({ id: m.id, name: m.name })),
  });

  http.route('/api/messages', async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method_not_allowed', message: 'POST activities to /api/messages' });
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (err) {
      const status = (err as { status?: number }).status ?? 400;
      return sendJson(res, status, { error: status === 413 ? 'too_large' : 'invalid_json', message: status === 413 ? 'The activity is larger than 1 MB' : 'The body is not valid JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string')
      return sendJson(res, 400, { error: 'invalid_activity', message: 'An activity is a JSON object with a string "type"' });
    const request: Request = { body: body as Record<string, unknown>, headers: req.headers as Request['headers'], method: req.method };
    await runtime.metrics.time('teams', () => adapter.process(request, botResponse(res), (context) => bot.run(context)));
  });
  logger.info({ authenticated: Boolean(s.appId) }, s.appId ? 'Teams is on at /api/messages (Bot Framework authentication on)' : 'Teams endpoint /api/messages is open without authentication (MICROSOFT_APP_ID is empty: local testing only)');
  return adapter;
}
