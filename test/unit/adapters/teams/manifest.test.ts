import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8')) as { manifestVersion: string; icons: Record<string, string> };

it('validates against the official Teams schema for its declared version', () => {
  const schema = require(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`) as object;
  // ajv-draft-04 is CommonJS: the class is the default export, or its `default` under some loaders.
  const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ?? AjvDraft04) as unknown as new (o: object) => import('ajv').default;
  const ajv = new Ajv({ allErrors: true, strict: false });
  (addFormats as unknown as (a: unknown) => void)(ajv);
  const validate = ajv.compile(schema);
  const ok = validate(manifest);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  // And a broken manifest is caught: the check can fail.
  expect(validate({ ...manifest, manifestVersion: '9.9', bots: [{ scopes: ['nowhere'] }] })).toBe(false);
});

it('packages the manifest and both icons into an uploadable zip with the bot id filled in', () => {
  const run = spawnSync('npx', ['tsx', 'scripts/teams-package.ts'], { encoding: 'utf8', env: { ...process.env, MICROSOFT_APP_ID: '11111111-2222-3333-4444-555555555555' } });
  expect(run.status).toBe(0);
  const zip = readFileSync('dist/complaint-desk-teams.zip');
  expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  for (const name of ['manifest.json', 'color.png', 'outline.png']) expect(zip.includes(Buffer.from(name))).toBe(true);
  const icon = readFileSync(`manifests/teams/${manifest.icons.color}`);
  expect(icon.readUInt32BE(16)).toBe(192); // PNG width
}, 30_000);
