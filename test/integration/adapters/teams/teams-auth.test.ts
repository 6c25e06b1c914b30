// Real botbuilder CloudAdapter with Bot Framework authentication on: a forged token never gets in.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/app/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { activity } from '../../../helpers/fake-bot-connector.js';

let h: DeskHarness;
let http: HttpServer;
let base = '';
beforeAll(async () => {
  h = await createHarness();
  http = new HttpServer();
  attachTeams(h.runtime, http, { appId: '11111111-2222-3333-4444-555555555555', appPassword: 'secret', appType: 'MultiTenant', tenantId: '' }, createLogger('silent'));
  base = `http://127.0.0.1:${await http.listen(0)}`;
});
afterAll(async () => {
  await http.close();
  await h.close();
});

it('refuses activities without a token or with a forged one, and stores nothing', async () => {
  const body = JSON.stringify(activity('http://127.0.0.1:9/', { text: 'My order ORD-55123 arrived broken' }));
  const none = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(none.status).toBe(401);
  const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiIxMTExMTExMS0yMjIyLTMzMzMtNDQ0NC01NTU1NTU1NTU1NTUifQ.c2lnbmF0dXJl';
  const bad = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` }, body });
  expect(bad.status).toBe(401);
  expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);
}, 30_000);
