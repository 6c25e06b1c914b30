// Real botbuilder CloudAdapter and its Bot Framework JWT check, real PGlite; no network beyond loopback.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams, teamsSettingsProblem } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { TeamsActivities } from '../../../helpers/fake-bot-connector.js';

const customer = { id: '29:1c', aadObjectId: 'aad-c', name: 'C' };

describe('Teams authentication', () => {
  let h: DeskHarness;
  let http: HttpServer;
  let base = '';
  let openBase = '';
  let open: HttpServer;
  const logLines: string[] = [];

  beforeAll(async () => {
    h = await createHarness();
    http = new HttpServer();
    attachTeams(h.runtime.application, http, { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'secret', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'));
    const unauthenticated = new HttpServer();
    open = unauthenticated;
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
    attachTeams(h.runtime.application, unauthenticated, { appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, pino({ level: 'info' }, sink));
    base = `http://127.0.0.1:${await http.listen(0)}`;
    openBase = `http://127.0.0.1:${await open.listen(0)}`;
  });
  afterAll(async () => {
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

  it('without an app id, says in the log that /api/messages runs unauthenticated', () => {
    expect(logLines.join('')).toMatch(/WITHOUT authentication because MICROSOFT_APP_ID is empty/);
  });

  it('fails fast, naming the variable, when credentials are half set', () => {
    expect(teamsSettingsProblem({ appId: 'x', appPassword: '', appType: 'MultiTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_PASSWORD/);
    expect(teamsSettingsProblem({ appId: 'x', appPassword: 'p', appType: 'SingleTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_TENANT_ID/);
    expect(teamsSettingsProblem({ appId: '', appPassword: 'p', appType: 'MultiTenant', tenantId: '' })).toMatch(/MICROSOFT_APP_ID/);
    expect(teamsSettingsProblem({ appId: 'x', appPassword: '', appType: 'UserAssignedMSI', tenantId: 't' })).toBeNull();
    expect(() => attachTeams(h.runtime.application, new HttpServer(), { appId: 'x', appPassword: '', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'))).toThrow(/MICROSOFT_APP_PASSWORD/);
  });
});
