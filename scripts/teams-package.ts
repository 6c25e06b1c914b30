/**
 * `npm run teams:package`: writes dist/complaint-desk-teams.zip (manifest.json + icons), with the
 * bot id taken from MICROSOFT_APP_ID, ready for a Teams admin to upload.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildZip } from './zip.js';

const appId = process.env.MICROSOFT_APP_ID?.trim();
const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8')) as { id: string; bots: { botId: string }[]; validDomains: string[] };
if (appId) {
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = appId;
} else console.warn('MICROSOFT_APP_ID is not set: the package carries the placeholder id 00000000-…; set it before uploading.');
const zip = buildZip([
  { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
  { name: 'color.png', data: readFileSync('manifests/teams/color.png') },
  { name: 'outline.png', data: readFileSync('manifests/teams/outline.png') },
]);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/complaint-desk-teams.zip', zip);
console.log(`wrote dist/complaint-desk-teams.zip (${zip.length} bytes)`);
