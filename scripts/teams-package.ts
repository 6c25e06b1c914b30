/**
 * `npm run teams:package [-- <out.zip>]`: writes the app package a Teams admin uploads
 * (manifest.json and both icons at the root of a zip, as Teams requires), with the app and
 * bot id taken from MICROSOFT_APP_ID. Default output: dist/complaint-desk-teams.zip.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const SOURCE = 'manifests/teams';
const PLACEHOLDER = '00000000-0000-0000-0000-000000000000';

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
  icons: { color: string; outline: string };
  bots: { botId: string }[];
  webApplicationInfo?: { id: string };
}

/** The manifest with the real app id in every place Teams expects it. */
export function manifestFor(appId: string | undefined): Manifest {
  const manifest = JSON.parse(readFileSync(join(SOURCE, 'manifest.json'), 'utf8')) as Manifest;
  if (!appId) return manifest;
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = appId;
  if (manifest.webApplicationInfo) manifest.webApplicationInfo.id = appId;
  return manifest;
}

function main(): void {
  const appId = process.env.MICROSOFT_APP_ID?.trim();
  const out = process.argv[2] ?? 'dist/complaint-desk-teams.zip';
  if (!appId) console.warn(`MICROSOFT_APP_ID is not set: the package carries the placeholder id ${PLACEHOLDER}; set it to the bot's app id before uploading.`);
  const manifest = manifestFor(appId);
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
