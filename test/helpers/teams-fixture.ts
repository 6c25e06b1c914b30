import { randomUUID } from 'node:crypto';
import { globalAgent } from 'node:https';
import type { CloudAdapter } from 'botbuilder';
import { expect } from 'vitest';
import { attachTeams, type TeamsSettings } from '../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../src/shared/logger.js';
import { HttpServer } from '../../src/http/http-server.js';
import type { DeskHarness } from './desk-harness.js';
import { type DeskFixtureOptions, fixtureHarness, mountDeskRoutes } from './desk-fixture.js';
import { FakeBotConnector, TeamsActivities } from './fake-bot-connector.js';
import { ChannelSigningKey, FakeChannelKeys, FakeLogin } from './fake-bot-framework-auth.js';
import { startedForSuite } from './fixture-hooks.js';
import { settle } from './wait.js';

/** Unauthenticated (TEAMS_AUTH=off): the bot sends no token, so the local connector needs no login authority. */
export const UNAUTHENTICATED_TEAMS = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true } as const;

export type TeamsDeskOptions = DeskFixtureOptions & {
  /**
   * With an app id, offline: channel tokens signed with a local key, the bot's own tokens from a
   * local login authority (whose certificate this process trusts while the desk runs), and a
   * connector whose attachments API takes only those tokens.
   */
  authenticated?: boolean;
};

const AUTH_TENANT_ID = '9b1c7c8e-0000-4000-8000-00000000a11d';
const AUTH_ISSUER = 'https://api.botframework.test';

/** Microsoft's edges for an authenticated desk, all local; `authorize` signs a channel token for one activity. */
async function startBotFrameworkAuth(connector: FakeBotConnector) {
  // One app id per desk: botbuilder caches the bot's tokens process-wide by app id and scope, so another desk's login would otherwise serve this one.
  const appId = randomUUID();
  const keys = new FakeChannelKeys(AUTH_ISSUER);
  const key = new ChannelSigningKey();
  keys.keys.push(key);
  await keys.start();
  const login = new FakeLogin(AUTH_TENANT_ID);
  await login.start();
  const previousCa = globalAgent.options.ca;
  globalAgent.options.ca = login.certificate;
  connector.acceptsToken = (token) => login.tokens().includes(token);
  const settings: TeamsSettings = {
    appId,
    appPassword: 'local-client-secret',
    appType: 'SingleTenant',
    tenantId: AUTH_TENANT_ID,
    endpoints: { openIdMetadataUrl: keys.metadataUrl, tokenIssuer: AUTH_ISSUER, loginUrl: login.authority, oauthScope: AUTH_ISSUER },
  };
  const now = () => Math.floor(Date.now() / 1000);
  return {
    login,
    settings,
    authorize: (activity: unknown): Record<string, string> => {
      const serviceurl = (activity as { serviceUrl?: unknown } | null)?.serviceUrl;
      return { authorization: `Bearer ${key.sign({ iss: AUTH_ISSUER, aud: appId, serviceurl, nbf: now() - 60, exp: now() + 600 })}` };
    },
    stop: async () => {
      globalAgent.options.ca = previousCa;
      await login.stop();
      await keys.stop();
    },
  };
}

/** What an Action.Execute invoke is answered with: the refreshed card or a short message. */
export interface InvokeAnswer {
  statusCode: number;
  type: string;
  value: unknown;
}

/**
 * A desk with the real Teams adapter: botbuilder's CloudAdapter at /api/messages on the bot's
 * own HTTP server, real PGlite or PostgreSQL underneath; only the Bot Connector at the
 * activities' serviceUrl is a local fake.
 */
export interface TeamsDesk {
  h: DeskHarness;
  connector: FakeBotConnector;
  /** Activities addressed from the fake connector, as Teams sends them. */
  activities: TeamsActivities;
  http: HttpServer;
  adapter: CloudAdapter;
  /** The local login authority the bot's tokens come from (authenticated desks only). */
  login: FakeLogin | null;
  base: string;
  /** POSTs an activity (or anything) to /api/messages. */
  post(activity: unknown): Promise<Response>;
  /** An Action.Execute click, expected to be answered 200; returns the invoke answer. */
  invoke(...args: Parameters<TeamsActivities['cardAction']>): Promise<InvokeAnswer>;
  /** Inbox handled, outbox delivered. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamsDesk(o: TeamsDeskOptions = {}): Promise<TeamsDesk> {
  const h = await fixtureHarness(o);
  const connector = new FakeBotConnector();
  const activities = new TeamsActivities(await connector.start());
  const auth = o.authenticated ? await startBotFrameworkAuth(connector) : null;
  const http = new HttpServer();
  const adapter = attachTeams(h.runtime.application, http, auth?.settings ?? UNAUTHENTICATED_TEAMS, o.logger ?? createLogger('silent'));
  mountDeskRoutes(http, h);
  const base = `http://127.0.0.1:${await http.listen(0)}`;
  const post = (activity: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth?.authorize(activity) }, body: JSON.stringify(activity) });
  return {
    h,
    connector,
    activities,
    http,
    adapter,
    login: auth?.login ?? null,
    base,
    post,
    invoke: async (...args) => {
      const res = await post(activities.cardAction(...args));
      expect(res.status, `card action ${args[2]}`).toBe(200);
      return (await res.json()) as InvokeAnswer;
    },
    settle: () => settle(h.runtime),
    close: async () => {
      await http.close();
      await auth?.stop();
      await connector.stop();
      await h.close();
    },
  };
}

/**
 * `startTeamsDesk` for the enclosing describe: started in its beforeAll, closed in its
 * afterAll. Call it in the describe body; what it returns is usable inside hooks and tests.
 */
export function withTeamsAdapter(o: TeamsDeskOptions = {}): TeamsDesk {
  return startedForSuite('withTeamsAdapter()', () => startTeamsDesk(o), o.timeoutMs);
}
