// Bot Framework authentication end to end, offline: real botbuilder CloudAdapter, its JWT validation
// and MSAL token client, real PGlite. Microsoft's edges are local fakes: the channel's OpenID metadata
// and signing keys, the login authority (HTTPS, self-signed) and the Bot Connector.
import { globalAgent } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachTeams } from '../../../../src/adapters/teams/teams-adapter.js';
import { createLogger } from '../../../../src/shared/logger.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeBotConnector, TeamsActivities } from '../../../helpers/fake-bot-connector.js';
import { ChannelSigningKey, FakeChannelKeys, FakeLogin } from '../../../helpers/fake-bot-framework-auth.js';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const TENANT_ID = '9b1c7c8e-0000-4000-8000-00000000a11c';
const ISSUER = 'https://api.botframework.test';
const customer = { id: '29:1offline', aadObjectId: 'aad-offline', name: 'Offline customer' };

describe('Teams authentication, offline end to end', () => {
  let h: DeskHarness;
  let http: HttpServer;
  let connector: FakeBotConnector;
  let keys: FakeChannelKeys;
  let login: FakeLogin;
  let key: ChannelSigningKey;
  let teams: TeamsActivities;
  let base = '';
  let previousCa: unknown;

  beforeAll(async () => {
    h = await createHarness();
    connector = new FakeBotConnector();
    teams = new TeamsActivities(await connector.start());
    keys = new FakeChannelKeys(ISSUER);
    key = new ChannelSigningKey();
    keys.keys.push(key);
    await keys.start();
    login = new FakeLogin(TENANT_ID);
    await login.start();
    // Trust the fake login's self-signed certificate, in this test process only.
    previousCa = globalAgent.options.ca;
    globalAgent.options.ca = login.certificate;
    http = new HttpServer();
    attachTeams(
      h.runtime.application,
      http,
      {
        appId: APP_ID,
        appPassword: 'local-client-secret',
        appType: 'SingleTenant',
        tenantId: TENANT_ID,
        endpoints: { openIdMetadataUrl: keys.metadataUrl, tokenIssuer: ISSUER, loginUrl: login.authority, oauthScope: ISSUER },
      },
      createLogger('silent'),
    );
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    globalAgent.options.ca = previousCa as typeof globalAgent.options.ca;
    await http.close();
    await login.stop();
    await keys.stop();
    await connector.stop();
    await h.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  // The claims the Bot Framework puts in a channel token (the service URL claim is spelt `serviceurl`).
  const claimsFor = (activity: Record<string, unknown>, over: Record<string, unknown> = {}) => ({ iss: ISSUER, aud: APP_ID, serviceurl: activity.serviceUrl, nbf: now() - 60, exp: now() + 600, ...over });
  const postActivity = async (activity: Record<string, unknown>, authorization?: string) => {
    const res = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  };

  it('accepts a channel token signed with the published key, and answers through the connector with a token from the login authority', async () => {
    const activity = teams.personal(customer, 'The blender I ordered arrived cracked, order 55667788');
    const res = await postActivity(activity, `Bearer ${key.sign(claimsFor(activity))}`);
    expect(res.status).toBe(200);
    expect(keys.fetches).toBe(1);
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    await h.deliver();
    const sent = connector.sent(teams.personalChatId(customer));
    expect(sent.length).toBeGreaterThan(0);
    expect(String(sent[0]!.body.text)).toMatch(/CMP-/);
    // The bot asked the local authority for a client-credentials token for the configured scope, and used it.
    expect(login.tokenRequests[0]).toMatchObject({ grant_type: 'client_credentials', client_id: APP_ID, client_secret: 'local-client-secret', scope: `${ISSUER}/.default` });
    expect(sent.every((c) => login.tokens().includes(String(c.authorization).replace(/^Bearer /, '')))).toBe(true);
  });

  it('refuses with 401, storing nothing, tokens that are forged, unsigned, expired, for another bot or another serviceUrl', async () => {
    const before = await h.runtime.db.prisma.inboxMessage.count();
    const activity = teams.personal(customer, 'Please refund me now');
    const impostor = new ChannelSigningKey();
    const [head, body] = key.sign(claimsFor(activity)).split('.');
    const forged = {
      'signed with another key under the published kid': impostor.sign(claimsFor(activity), key.kid),
      'unsigned (alg none)': `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', kid: key.kid })).toString('base64url')}.${body}.`,
      'payload swapped after signing': `${head}.${Buffer.from(JSON.stringify(claimsFor(activity, { aud: 'other' }))).toString('base64url')}.${key.sign(claimsFor(activity)).split('.')[2]}`,
      expired: key.sign(claimsFor(activity, { nbf: now() - 7200, exp: now() - 3600 })),
      'for another bot': key.sign(claimsFor(activity, { aud: 'another-app-id' })),
      'for another serviceUrl': key.sign(claimsFor(activity, { serviceurl: 'https://attacker.example/' })),
      'from another issuer': key.sign(claimsFor(activity, { iss: 'https://sts.attacker.example/' })),
      'unknown key id': impostor.sign(claimsFor(activity)),
    };
    for (const [what, token] of Object.entries(forged)) {
      const res = await postActivity(activity, `Bearer ${token}`);
      expect(res.status, what).toBe(401);
      expect(res.text, what).not.toMatch(/botframework|127\.0\.0\.1|stack|Error:/);
    }
    expect((await postActivity(activity)).status).toBe(401);
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(before);
  });
});
