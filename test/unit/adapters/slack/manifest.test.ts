import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTIONS, SHORTCUT_CREATE_CASE } from '../../../../src/adapters/slack/slack-ids.js';

const manifest = parse(readFileSync('manifests/slack/manifest.yaml', 'utf8')) as {
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url: string }; interactivity: { is_enabled: boolean; request_url: string } };
  features: { shortcuts: { callback_id: string }[]; slash_commands: { command: string; url: string }[] };
};

const source = (dir: string): string =>
  readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? source(join(dir, e.name)) : readFileSync(join(dir, e.name), 'utf8')))
    .join('\n');

it('declares exactly what the Slack adapter uses, all on /slack/events', () => {
  const code = source('src/adapters/slack');
  const events = manifest.settings.event_subscriptions.bot_events;
  expect(events).toEqual(expect.arrayContaining(['message.im', 'message.channels', 'app_mention', 'reaction_added']));
  expect(code).toContain("app.event('message'");
  expect(code).toContain("app.event('app_mention'");
  expect(code).toContain("app.event('reaction_added'");
  expect(manifest.features.shortcuts.map((s) => s.callback_id)).toEqual([SHORTCUT_CREATE_CASE]);
  expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/complaint']);
  expect(code).toContain("app.command('/complaint'");
  for (const url of [manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url, manifest.features.slash_commands[0]!.url]) expect(url).toMatch(/\/slack\/events$/);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
  expect(Object.values(ACTIONS).length).toBeGreaterThan(5);
  // Each scope is justified by a call the code makes.
  const scopeUse: Record<string, string> = {
    'chat:write': 'chat.postMessage',
    'im:write': 'conversations.open',
    'files:write': 'filesUploadV2',
    'files:read': 'url_private_download',
    'channels:history': 'conversations.history',
  };
  for (const [scope, call] of Object.entries(scopeUse)) {
    expect(manifest.oauth_config.scopes.bot).toContain(scope);
    expect(code).toContain(call);
  }
});
