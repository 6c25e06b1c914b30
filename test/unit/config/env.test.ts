import { describe, expect, it } from 'vitest';
import { loadEnv, playgroundEnabled, playgroundMode, teamsMode } from '../../../src/config/env.js';

describe('environment', () => {
  it('turns the playground on outside production unless PLAYGROUND=off', () => {
    expect(playgroundEnabled(loadEnv({}))).toBe(true);
    expect(playgroundEnabled(loadEnv({ PLAYGROUND: 'off' }))).toBe(false);
    expect(playgroundEnabled(loadEnv({ NODE_ENV: 'production' }))).toBe(false);
  });

  it('refuses the playground in production, naming the variable', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', PLAYGROUND: 'on' })).toThrow(/PLAYGROUND.*production/s);
    expect(() => loadEnv({ NODE_ENV: 'production', PLAYGROUND: 'force' })).toThrow(/PLAYGROUND.*production/s);
  });

  it('names a bad field', () => {
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('listens on loopback unless HOST says otherwise', () => {
    expect(loadEnv({}).HOST).toBe('127.0.0.1');
    expect(loadEnv({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
  });

  it('keeps the playground off next to real Slack or Teams credentials unless forced, and then only for its own cases', () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    const teams = { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' };
    expect(playgroundMode(loadEnv({}))).toBe('full');
    expect(playgroundMode(loadEnv(slack))).toBe('off');
    expect(playgroundMode(loadEnv(teams))).toBe('off');
    expect(() => loadEnv({ ...slack, PLAYGROUND: 'on' })).toThrow(/PLAYGROUND.*force/s);
    expect(playgroundMode(loadEnv({ ...slack, PLAYGROUND: 'force' }))).toBe('local-only');
    expect(playgroundMode(loadEnv({ ...teams, PLAYGROUND: 'force' }))).toBe('local-only');
  });

  it('requires the evidence link secret and public URL in production with Slack or Teams, and checks them', () => {
    const slack = { NODE_ENV: 'production', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' };
    expect(() => loadEnv(slack)).toThrow(/EVIDENCE_LINK_SECRET.*PUBLIC_URL/s);
    const ready = { ...slack, EVIDENCE_LINK_SECRET: 'x'.repeat(32), PUBLIC_URL: 'https://desk.example.com' };
    expect(loadEnv(ready)).toMatchObject({ EVIDENCE_MAX_BYTES: 10 * 1024 * 1024, EVIDENCE_LINK_TTL_HOURS: 168, PUBLIC_URL: 'https://desk.example.com' });
    expect(() => loadEnv({ ...ready, EVIDENCE_LINK_SECRET: 'short' })).toThrow(/EVIDENCE_LINK_SECRET.*32/s);
    expect(() => loadEnv({ ...ready, PUBLIC_URL: 'http://desk.example.com' })).toThrow(/PUBLIC_URL.*https/s);
    // Outside production a per-process secret and a loopback URL stand in (env.ts, main.ts).
    expect(loadEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).EVIDENCE_LINK_SECRET).toBeUndefined();
    expect(loadEnv({ EVIDENCE_MAX_BYTES: '2048' }).EVIDENCE_MAX_BYTES).toBe(2048);
  });

  it('mounts Teams only with credentials or TEAMS_AUTH=off, which production refuses', () => {
    expect(teamsMode(loadEnv({}))).toBe('off');
    expect(teamsMode(loadEnv({ TEAMS_AUTH: 'off' }))).toBe('unauthenticated');
    expect(teamsMode(loadEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' }))).toBe('authenticated');
    expect(() => loadEnv({ NODE_ENV: 'production', TEAMS_AUTH: 'off' })).toThrow(/TEAMS_AUTH.*production/s);
    expect(() => loadEnv({ TEAMS_AUTH: 'off', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TENANT_ID: 't' })).toThrow(/TEAMS_AUTH/);
  });

  it('defaults MICROSOFT_APP_TYPE to SingleTenant and then requires MICROSOFT_APP_TENANT_ID', () => {
    expect(loadEnv({}).MICROSOFT_APP_TYPE).toBe('SingleTenant');
    expect(() => loadEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'p' })).toThrow(/MICROSOFT_APP_TENANT_ID/);
    expect(loadEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'MultiTenant' }).MICROSOFT_APP_TYPE).toBe('MultiTenant');
    expect(() => loadEnv({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_TENANT_ID: 't' })).toThrow(/MICROSOFT_APP_PASSWORD/);
  });

  it('takes Bot Framework endpoints as https, or http on loopback for a local stand-in', () => {
    expect(loadEnv({ BOT_FRAMEWORK_OPENID_METADATA_URL: 'http://127.0.0.1:9/openid' }).BOT_FRAMEWORK_OPENID_METADATA_URL).toBe('http://127.0.0.1:9/openid');
    expect(() => loadEnv({ BOT_FRAMEWORK_OPENID_METADATA_URL: 'http://login.example/openid' })).toThrow(/BOT_FRAMEWORK_OPENID_METADATA_URL/);
    expect(() => loadEnv({ BOT_FRAMEWORK_LOGIN_URL: 'http://127.0.0.1:9/tenant' })).toThrow(/BOT_FRAMEWORK_LOGIN_URL/);
  });
});
