// Real botbuilder CloudAdapter and its Bot Framework JWT check, real PGlite; no network beyond loopback.
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams, teamsSettingsProblem } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/shared/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { TeamsActivities } from '../../../helpers/fake-bot-connector.js';
import { ChannelSigningKey } from '../../../helpers/fake-bot-framework-auth.js';
import { createLogSink } from '../../../helpers/log-sink.js';

/** A loopback port nobody listens on: fetching signing keys from it fails at once (ECONNREFUSED). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const customer = { id: '29:1c', aadObjectId: 'aad-c', name: 'C' };

describe('Teams authentication', () => {
  let h: DeskHarness;
  let http: HttpServer;
  let base = '';
  let openBase = '';
  let open: HttpServer;
  let unreachableBase = '';
  let unreachable: HttpServer;
  const log = createLogSink('info');

  beforeAll(async () => {
    h = await createHarness();
    http = new HttpServer();
    attachTeams(h.runtime.application, http, { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'secret', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'));
    const unauthenticated = new HttpServer();
    open = unauthenticated;
    attachTeams(h.runtime.application, unauthenticated, { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '', unauthenticated: true }, log.logger);
    unreachable = new HttpServer();
    attachTeams(
      h.runtime.application,
      unreachable,
      { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'secret', appType: 'MultiTenant', tenantId: '', endpoints: { openIdMetadataUrl: `http://127.0.0.1:${await closedPort()}/v1/.well-known/openidconfiguration` } },
      createLogger('silent'),
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
    // 0.0.0.0, as a careless deployment would: local mode must still refuse other machines.
    openBase = `http://127.0.0.1:${await open.listen(0, '0.0.0.0')}`;
    unreachableBase = `http://127.0.0.1:${await unreachable.listen(0)}`;
  });
  afterAll(async () => {
    await unreachable.close();
    await open.close();
    await http.close();
    await h.close();
  });

  it('with an app id, refuses activities without a token or with a forged one, and stores nothing', async () => {
    const body = JSON.stringify(new TeamsActivities('http://127.0.0.1:9/').personal(customer, 'My order ORD-55123 arrived broken'));
    const none = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(none.status).toBe(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUifQ.c2lnbmF0dXJl';
    const bad = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` }, body });
    expect(bad.status).toBe(401);
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);
  });

  it('refuses a signed-looking token with 401, quickly and without internals, when the signing keys cannot be fetched', async () => {
    const activity = new TeamsActivities('http://127.0.0.1:9/').personal(customer, 'My order ORD-55124 arrived broken');
    const token = new ChannelSigningKey().sign({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', serviceurl: activity.serviceUrl, exp: Math.floor(Date.now() / 1000) + 600 });
    const started = performance.now();
    const res = await fetch(`${unreachableBase}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).not.toMatch(/openid|127\.0\.0\.1|ECONNREFUSED|fetch/i);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);
  });

  it('without authentication (TEAMS_AUTH=off), accepts only serviceUrls on this machine, so no reference it stores can address another host', async () => {
    for (const serviceUrl of ['https://attacker.example/', 'http://10.0.0.8:8080/', 'http://169.254.169.254/']) {
      const activity = new TeamsActivities(serviceUrl).personal(customer, 'My order ORD-55125 arrived broken');
      const res = await fetch(`${openBase}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status, serviceUrl).toBe(403);
    }
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);
    expect(await h.runtime.db.prisma.conversationRef.count()).toBe(0);
  });

  it('without authentication, refuses clients that are not on this machine', async (ctx) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return ctx.skip('this machine has no non-loopback IPv4 address to connect from');
    const activity = new TeamsActivities('http://127.0.0.1:9/').personal(customer, 'My order ORD-55126 arrived broken');
    const res = await fetch(openBase.replace('127.0.0.1', external.address) + '/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(403);
  });

  it('answers an activity over 1 MB with a readable 413 instead of resetting the connection', async () => {
    const body = JSON.stringify(new TeamsActivities('http://127.0.0.1:9/').personal(customer, '投诉'.repeat(200_000)));
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'too_large' });
  });

  it('refuses with 400 the activities botbuilder would throw on (a 500): serviceUrl not a string, card action without value.action', async () => {
    const activities = new TeamsActivities('http://127.0.0.1:9/');
    const bad = [
      { ...activities.personal(customer, 'hello'), serviceUrl: 42 },
      { ...activities.cardAction(customer, { id: 'a:1', conversationType: 'personal' }, 'claim', {}), value: {} },
      { ...activities.cardAction(customer, { id: 'a:1', conversationType: 'personal' }, 'claim', {}), value: 'x' },
    ];
    for (const activity of bad) {
      const res = await fetch(`${openBase}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status, JSON.stringify(activity).slice(0, 120)).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid_activity' });
    }
  });

  it('without authentication, says so in the log', () => {
    expect(log.messages().join('\n')).toMatch(/WITHOUT authentication \(TEAMS_AUTH=off\)/);
  });

  it('fails fast, naming the variable, when credentials are half set', () => {
    expect(teamsSettingsProblem({ appId: 'x', appPassword: '', appType: 'MultiTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_PASSWORD/);
    expect(teamsSettingsProblem({ appId: 'x', appPassword: 'p', appType: 'SingleTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_TENANT_ID/);
    expect(teamsSettingsProblem({ appId: '', appPassword: 'p', appType: 'MultiTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_ID/);
    expect(teamsSettingsProblem({ appId: '', appPassword: '', appType: 'SingleTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_ID.*TEAMS_AUTH=off/);
    expect(teamsSettingsProblem({ appId: '', appPassword: '', appType: 'SingleTenant', tenantId: '', unauthenticated: true })).toBeNull();
    expect(teamsSettingsProblem({ appId: 'x', appPassword: '', appType: 'UserAssignedMSI', tenantId: 't' })).toBeNull();
    expect(() => attachTeams(h.runtime.application, new HttpServer(), { appId: 'x', appPassword: '', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'))).toThrow(/MICROSOFT_APP_PASSWORD/);
  });
});
