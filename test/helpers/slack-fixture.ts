import type { IntakeAdmissionLimits } from '../../src/application/intake-admission.js';
import { createSlackAdapter, type SlackAdapter, type SlackSettings } from '../../src/adapters/slack/slack-app.js';
import { createLogger } from '../../src/shared/logger.js';
import { HttpServer } from '../../src/http/http-server.js';
import type { DeskHarness } from './desk-harness.js';
import { type DeskFixtureOptions, fixtureHarness, mountDeskRoutes } from './desk-fixture.js';
import { FakeSlackApi, type SlackApiCall } from '../../support/fake-slack-api.js';
import { startedForSuite } from './fixture-hooks.js';
import { postToSlackEndpoint, sendEvent, sendInteraction, SIGNING_SECRET, type PostResult } from './slack-requests.js';
import { settle } from './wait.js';

export interface SlackDeskOptions extends DeskFixtureOptions {
  /** auth.test answers `invalid_auth` this many times before it succeeds. */
  failAuthTest?: number;
  /** The adapter's wait between auth.test retries; none by default, so a failed start-up retries at once. */
  sleep?: SlackSettings['sleep'];
  /** Wait for the adapter to handle events before the tests run (false to watch it start). */
  waitUntilStarted?: boolean;
  /** Intake back-pressure, as main.ts sets it from INTAKE_MAX_PENDING; none by default. */
  intakeAdmission?: IntakeAdmissionLimits;
}

/**
 * A desk with the real Slack adapter: the real Bolt HTTPReceiver at /slack/events on the bot's
 * own HTTP server, real PGlite or PostgreSQL underneath; only slack.com/api is a local fake.
 */
export interface SlackDesk {
  h: DeskHarness;
  api: FakeSlackApi;
  http: HttpServer;
  adapter: SlackAdapter;
  /** http://127.0.0.1:port of the bot's HTTP server. */
  base: string;
  /** A signed Events API request, as Slack sends it. */
  sendEvent(event: Record<string, unknown>, opts?: { eventId?: string; headers?: Record<string, string> }): Promise<PostResult>;
  /** A signed interactivity request (button click, view submission, shortcut). */
  sendInteraction(payload: Record<string, unknown>): Promise<PostResult>;
  /** Any signed body to /slack/events. */
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<PostResult>;
  /** Inbox handled, outbox delivered. */
  settle(): Promise<void>;
  /** The chat.postMessage calls the bot made, in order. */
  posts(): SlackApiCall['args'][];
  close(): Promise<void>;
}

export async function startSlackDesk(o: SlackDeskOptions = {}): Promise<SlackDesk> {
  const h = await fixtureHarness(o, o.intakeAdmission ? { intakeAdmission: o.intakeAdmission } : {});
  const api = new FakeSlackApi();
  api.failAuthTest = o.failAuthTest ?? 0;
  await api.start();
  const http = new HttpServer();
  const adapter = await createSlackAdapter(
    h.runtime.application,
    http,
    { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: api.url, sleep: o.sleep ?? (async () => {}) },
    o.logger ?? createLogger('silent'),
  );
  mountDeskRoutes(http, h);
  if (o.waitUntilStarted ?? true) await adapter.started;
  const base = `http://127.0.0.1:${await http.listen(0)}`;
  return {
    h,
    api,
    http,
    adapter,
    base,
    sendEvent: (event, opts) => sendEvent(base, event, opts),
    sendInteraction: (payload) => sendInteraction(base, payload),
    post: (body, contentType, headers) => postToSlackEndpoint(base, body, contentType, headers),
    settle: () => settle(h.runtime),
    posts: () => api.callsTo('chat.postMessage'),
    close: async () => {
      await adapter.stop();
      await http.close();
      await api.stop();
      await h.close();
    },
  };
}

/**
 * `startSlackDesk` for the enclosing describe: started in its beforeAll, closed in its
 * afterAll. Call it in the describe body; what it returns is usable inside hooks and tests.
 */
export function withSlackAdapter(o: SlackDeskOptions = {}): SlackDesk {
  return startedForSuite('withSlackAdapter()', () => startSlackDesk(o), o.timeoutMs);
}
