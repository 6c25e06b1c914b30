import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { manifestFor } from '../../../../scripts/teams-package.js';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8')) as {
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: { scopes: string[] }[];
  permissions?: unknown;
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
};
const packageEnv = {
  MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555',
  TEAMS_DEVELOPER_NAME: 'Example Trading Ltd',
  TEAMS_WEBSITE_URL: 'https://desk.example.cn',
  TEAMS_PRIVACY_URL: 'https://desk.example.cn/privacy',
  TEAMS_TERMS_URL: 'https://desk.example.cn/terms',
};
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** The newest manifest schema @microsoft/app-manifest ships (v1.30 in 1.1.2), by folder name. */
function newestSchemaVersion(): string {
  const dir = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
  const versions = readdirSync(dir)
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1).split('.').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return versions.at(-1)!.join('.');
}

// ajv-draft-04 and ajv-formats are CommonJS: under ESM the callable is the default export or its `default`.
const cjs = <T>(m: unknown): T => ((m as { default?: T }).default ?? m) as T;

/** Reads a zip's local entries back (what Teams does on upload), inflating each. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extra = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString();
    const start = at + 30 + nameLength + extra;
    files.set(name, inflateRawSync(zip.subarray(start, start + size)));
    at = start + size;
  }
  return files;
}

describe('Teams app package', () => {
  it('declares the newest schema @microsoft/app-manifest ships, no legacy permissions, and only scopes the bot handles', () => {
    expect(manifest.manifestVersion).toBe(newestSchemaVersion());
    expect(manifest.permissions).toBeUndefined();
    // Group chats are not a supported conversation (no case card, no private contact request).
    expect(manifest.bots[0]!.scopes.sort()).toEqual(['personal', 'team']);
    // Resource-specific consent: reading channel messages without an @mention (card-thread replies, support channels).
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'ChannelMessage.Read.Group', type: 'Application' }]);
  });

  it('validates against the official Teams schema for its declared version (offline, from @microsoft/app-manifest)', () => {
    const schema = require(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`) as object;
    const Ajv = cjs<new (o: object) => import('ajv').default>(AjvDraft04);
    const ajv = new Ajv({ allErrors: true, strict: false });
    cjs<(a: unknown) => void>(addFormats)(ajv);
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    // With the real app id filled in it still validates; a broken manifest does not, so the check can fail.
    expect(validate(manifestFor(packageEnv)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...manifest, bots: [{ botId: 'not-a-guid', scopes: ['nowhere'] }] })).toBe(false);
  });

  it('npm run teams:package writes a zip with the manifest (app id filled in) and both icons at its root', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const appId = '11111111-2222-3333-4444-555555555555';
    const run = spawnSync('npm', ['run', '--silent', 'teams:package', '--', out], { encoding: 'utf8', env: { ...process.env, ...packageEnv, MICROSOFT_APP_ID: appId } });
    expect(run.status, run.stderr).toBe(0);
    const files = unzip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(files.get('manifest.json')!.toString()) as { id: string; version: string; developer: Record<string, string>; bots: { botId: string }[]; webApplicationInfo: { id: string } };
    expect(packaged.id).toBe(appId);
    expect(packaged.version).toBe(version);
    expect(packaged.developer).toEqual({ name: 'Example Trading Ltd', websiteUrl: 'https://desk.example.cn', privacyUrl: 'https://desk.example.cn/privacy', termsOfUseUrl: 'https://desk.example.cn/terms' });
    expect(packaged.bots[0]!.botId).toBe(appId);
    expect(packaged.webApplicationInfo.id).toBe(appId);
    const color = files.get('color.png')!;
    expect(color.equals(readFileSync(`manifests/teams/${manifest.icons.color}`))).toBe(true);
    // Teams wants a 192×192 colour icon and a 32×32 outline (PNG width/height at bytes 16 and 20).
    expect([color.readUInt32BE(16), color.readUInt32BE(20)]).toEqual([192, 192]);
    const outline = files.get('outline.png')!;
    expect([outline.readUInt32BE(16), outline.readUInt32BE(20)]).toEqual([32, 32]);
  }, 120_000);

  it('refuses to build without the app id or the publisher links, naming what is missing', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-package-')), 'app.zip');
    const env: Record<string, string | undefined> = { ...process.env, ...packageEnv, MICROSOFT_APP_ID: '', TEAMS_PRIVACY_URL: 'http://desk.example.cn/privacy' };
    const run = spawnSync('npm', ['run', '--silent', 'teams:package', '--', out], { encoding: 'utf8', env });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('MICROSOFT_APP_ID');
    expect(run.stderr).toContain('TEAMS_PRIVACY_URL');
    expect(() => readFileSync(out)).toThrow();
  }, 120_000);
});
