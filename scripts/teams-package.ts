/**
 * `npm run teams:package [-- <out.zip>]`: writes the app package a Teams admin uploads
 * (manifest.json and both icons at the root of a zip, as Teams requires), with the app and
 * bot id taken from MICROSOFT_APP_ID, the publisher's name and links from TEAMS_DEVELOPER_NAME,
 * TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL and TEAMS_TERMS_URL, and the version from package.json.
 * Default output: dist/complaint-desk-teams.zip. Refuses (exit 1) when any of them is missing:
 * a package with a placeholder id or someone else's privacy policy must not reach an admin.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { formatZodError } from '../src/config/format-zod-error.js';

const SOURCE = 'manifests/teams';

const https = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });
/** What the package needs from the environment; zod names the missing or bad variable. */
export const PackageEnvSchema = z.object({
  MICROSOFT_APP_ID: z.guid({ error: "must be the bot's app id (a GUID) from its Azure Bot or Developer Portal registration" }),
  TEAMS_DEVELOPER_NAME: z.string().trim().min(1).max(32, 'at most 32 characters (Teams limit)'),
  TEAMS_WEBSITE_URL: https,
  TEAMS_PRIVACY_URL: https,
  TEAMS_TERMS_URL: https,
});
export type PackageEnv = z.infer<typeof PackageEnvSchema>;

/** The package's version: Teams wants x.y.z, and the app's own version is package.json's. */
function packageVersion(): string {
  const { version } = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/) }).parse(JSON.parse(readFileSync('package.json', 'utf8')));
  return version;
}

// 1980-01-01: a valid fixed timestamp (a zero date is rejected by strict unzippers) keeps the package reproducible.
const DOS_DATE = (1 << 5) | 1;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal ZIP (deflate, files at the root, no folders): all an app package needs, without a dependency. */
export function buildZip(files: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const packed = deflateRawSync(f.data);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(f.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(entry, name);
    offset += local.length + name.length + packed.length;
  }
  const size = central.reduce((s, b) => s + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

interface Manifest {
  id: string;
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  icons: { color: string; outline: string };
  bots: { botId: string }[];
  webApplicationInfo?: { id: string };
}

/** The manifest with the real app id in every place Teams expects it, the publisher and the version. */
export function manifestFor(env: PackageEnv): Manifest {
  const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8')) as Manifest;
  const appId = env.MICROSOFT_APP_ID;
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = appId;
  if (manifest.webApplicationInfo) manifest.webApplicationInfo.id = appId;
  manifest.version = packageVersion();
  manifest.developer = { name: env.TEAMS_DEVELOPER_NAME, websiteUrl: env.TEAMS_WEBSITE_URL, privacyUrl: env.TEAMS_PRIVACY_URL, termsOfUseUrl: env.TEAMS_TERMS_URL };
  return manifest;
}

function main(): void {
  const out = process.argv[2] ?? 'dist/complaint-desk-teams.zip';
  const parsed = PackageEnvSchema.safeParse(Object.fromEntries(Object.keys(PackageEnvSchema.shape).map((k) => [k, process.env[k]?.trim() || undefined])));
  if (!parsed.success) {
    console.error(`Cannot build the Teams package:\n${formatZodError(parsed.error)}`);
    process.exit(1);
  }
  const manifest = manifestFor(parsed.data);
  const zip = buildZip([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: manifest.icons.color, data: readFileSync(join(SOURCE, manifest.icons.color)) },
    { name: manifest.icons.outline, data: readFileSync(join(SOURCE, manifest.icons.outline)) },
  ]);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`wrote ${out} (${zip.length} bytes): upload it in Teams admin center → Manage apps → Upload, or Teams → Apps → Manage your apps → Upload an app`);
}

// Run as a script (npm run teams:package), not when a test imports the builders.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
