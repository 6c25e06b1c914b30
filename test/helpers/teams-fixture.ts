import type { CloudAdapter } from 'botbuilder';
import { expect } from 'vitest';
import { attachTeams } from '../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../src/shared/logger.js';
import { HttpServer } from '../../src/http/http-server.js';
import type { DeskHarness } from './desk-harness.js';
import { type DeskFixtureOptions, fixtureHarness, mountDeskRoutes } from './desk-fixture.js';
import { FakeBotConnector, TeamsActivities } from './fake-bot-connector.js';
import { startedForSuite } from './fixture-hooks.js';
import { settle } from './wait.js';

/** Unauthenticated (TEAMS_AUTH=off): the bot sends no token, so the local connector needs no login authority. */
export const UNAUTHENTICATED_TEAMS = { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true } as const;

export type TeamsDeskOptions = DeskFixtureOptions;

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
  const http = new HttpServer();
  const adapter = attachTeams(h.runtime.application, http, UNAUTHENTICATED_TEAMS, o.logger ?? createLogger('silent'));
  mountDeskRoutes(http, h);
  const base = `http://127.0.0.1:${await http.listen(0)}`;
  const post = (activity: unknown) => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  return {
    h,
    connector,
    activities,
    http,
    adapter,
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
