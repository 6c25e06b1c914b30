// Real HTTP server, real Bolt HTTPReceiver (behind the bot's request guard) and real botbuilder
// CloudAdapter with Bot Framework authentication on, real PGlite; only Slack's Web API is a local fake.
// The same generator as `npm run fuzz`, a few hundred requests per endpoint.
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/slack-app.js';
import { attachTeams } from '../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../src/shared/logger.js';
import { HttpServer } from '../../../src/http/http-server.js';
import { ENDPOINTS, hostileRequest, type Endpoint } from '../../../support/fuzz/hostile-requests.js';
import { countRows, rowChanges, type Query } from '../../../support/fuzz/row-counts.js';
import { inPool, send } from '../../../support/fuzz/send.js';
import { FuzzTally } from '../../../support/fuzz/tally.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { FakeSlackApi } from '../../../support/fake-slack-api.js';

const PER_ENDPOINT = 300;
const SEED = 20261123;
const SECRET = 'fuzz-test-secret';

describe('hostile input against the real HTTP server, Bolt receiver and botbuilder CloudAdapter', () => {
  let h: DeskHarness;
  let api: FakeSlackApi;
  let http: HttpServer;
  let base = '';
  /** The same runtime's Teams endpoint without an app id: authentication off, so the activities reach the bot's own code. */
  let openTeamsBase = '';
  let openTeams: HttpServer;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const tally = new FuzzTally();
  let query: Query;

  beforeAll(async () => {
    h = await createHarness();
    api = new FakeSlackApi();
    await api.start();
    http = new HttpServer();
    // Bolt answers interactions no listener acknowledges (unknown action ids) after this wait; short here to keep the test fast.
    await createSlackAdapter(h.runtime.application, http, { botToken: 'xoxb-fuzz', signingSecret: SECRET, apiUrl: api.url, unhandledRequestTimeoutMillis: 200 }, createLogger('silent'));
    attachTeams(h.runtime.application, http, { appId: 'fuzz-app-id', appPassword: 'fuzz-password', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'));
    base = `http://127.0.0.1:${await http.listen(0)}`;
    openTeams = new HttpServer();
    attachTeams(h.runtime.application, openTeams, { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true }, createLogger('silent'));
    openTeamsBase = `http://127.0.0.1:${await openTeams.listen(0)}`;
    query = (sql) => h.runtime.db.query(sql);
    // Bolt and botbuilder print every refusal (bad signature, no token) on the console; expected here by the hundred.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    agent.destroy();
    await openTeams.close();
    await http.close();
    await api.stop();
    await h.close();
  });

  const all = ENDPOINTS.flatMap((endpoint) => Array.from({ length: PER_ENDPOINT }, (_, n) => ({ endpoint, n })));
  const build = (p: { endpoint: Endpoint; n: number }) => hostileRequest(p.endpoint, p.n, { seed: SEED, secret: SECRET, nowSeconds: Math.floor(Date.now() / 1000) });
  const sendAll = (list: { endpoint: Endpoint; n: number }[]) =>
    inPool(list.length, 16, async (i) => {
      const req = build(list[i]!);
      tally.record(req, list[i]!.n, await send(base, req, agent));
    });

  it('refuses every must-reject request with a 4xx and writes nothing', async () => {
    const rejects = all.filter((p) => build(p).mustReject);
    expect(rejects.length).toBeGreaterThan(PER_ENDPOINT);
    const before = await countRows(query);
    await sendAll(rejects);
    const after = await countRows(query);
    expect(tally.examples).toEqual([]);
    expect(tally.rejected4xx).toBe(rejects.length);
    expect(rowChanges(before, after)).toEqual([]);
  });

  it('answers the rest (correctly signed, meaningless or odd) with 200 or a 4xx, never a 5xx', async () => {
    const rest = all.filter((p) => !build(p).mustReject);
    await sendAll(rest);
    expect(tally.examples).toEqual([]);
    expect(tally.serverErrors + tally.noAnswer + tally.notRejected).toBe(0);
    expect(tally.sent).toBe(all.length);
    // Still serving after all that.
    expect((await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBeLessThan(500);
  });

  it('with Teams authentication off, the bot itself answers garbage activities with 200 or a 4xx (501 only for invokes it does not implement)', async () => {
    const statuses: Record<string, number> = {};
    const wrong: string[] = [];
    await inPool(PER_ENDPOINT, 16, async (n) => {
      const req = build({ endpoint: 'teams-messages', n });
      const { authorization: _token, ...headers } = req.headers;
      const outcome = await send(openTeamsBase, { ...req, headers }, agent);
      statuses[String(outcome.status)] = (statuses[String(outcome.status)] ?? 0) + 1;
      // botbuilder answers invokes the bot does not implement (task/fetch, no name) with 501, its documented "not implemented".
      const unimplementedInvoke = outcome.status === 501 && /"type":"invoke"/.test(req.body.toString()) && !/"name":"adaptiveCard\/action"/.test(req.body.toString());
      if (!(typeof outcome.status === 'number' && (outcome.status < 500 || unimplementedInvoke))) wrong.push(`#${n} ${outcome.status}: ${req.body.toString().slice(0, 200)}`);
    });
    expect(wrong).toEqual([]);
    expect(statuses['200'] ?? 0).toBeGreaterThan(0);
  });
});
