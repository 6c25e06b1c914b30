// The Dockerfile and compose.yaml cannot be built here (no Docker engine), so this checks what can
// be checked: everything they call exists, every variable they set is one env.ts accepts, and the
// image starts the bot the way `npm start` does.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvSchema } from '../../../src/config/env.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string>; engines: { node: string } };
const dockerfile = readFileSync('Dockerfile', 'utf8');
const instructions = dockerfile
  .split('\n')
  .filter((l) => l.trim() && !l.trimStart().startsWith('#'))
  .map((l) => {
    const [keyword, ...rest] = l.trim().split(/\s+/);
    return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
  });

describe('Dockerfile', () => {
  it('builds on the Node major version in .nvmrc, slim', () => {
    const major = readFileSync('.nvmrc', 'utf8').trim();
    const images = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(' ')[0]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toBe(`node:${major}-slim`);
    expect(Number(major)).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)![0]));
  });

  it('copies only files that exist and runs only npm scripts that exist', () => {
    for (const copy of instructions.filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(source), `COPY ${source}`).toBe(true);
    }
    for (const run of instructions.filter((i) => i.keyword === 'RUN')) {
      for (const [, script] of run.args.matchAll(/npm run ([\w:-]+)/g)) expect(pkg.scripts, `npm run ${script}`).toHaveProperty(script!);
    }
  });

  it('runs the built entry point that npm start runs, as a non-root user', () => {
    const cmd = instructions.filter((i) => i.keyword === 'CMD').at(-1)!;
    expect(JSON.parse(cmd.args)).toEqual(['node', 'dist/main.js']);
    expect(pkg.scripts.start).toContain('scripts/start.mjs');
    expect(readFileSync('scripts/start.mjs', 'utf8')).toContain("'dist/main.js'");
    expect(pkg.scripts.build).toBeDefined();
    expect(instructions.filter((i) => i.keyword === 'USER').at(-1)?.args).toBe('node');
  });
});

describe('compose.yaml', () => {
  const compose = parse(readFileSync('compose.yaml', 'utf8')) as {
    services: Record<string, { environment?: Record<string, string>; healthcheck?: unknown; depends_on?: Record<string, { condition: string }>; ports?: string[] }>;
  };
  const desk = compose.services.desk!;
  // ${VAR:-} is filled from the admin's .env; unset, it is empty.
  const env = Object.fromEntries(Object.entries(desk.environment ?? {}).map(([k, v]) => [k, String(v).replace(/\$\{\w+:-([^}]*)\}/g, '$1')]));

  it('sets only variables env.ts knows, with values it accepts', () => {
    const known = Object.keys(EnvSchema.shape);
    for (const key of Object.keys(env)) expect(known, key).toContain(key);
    expect(EnvSchema.safeParse(env).success).toBe(true);
  });

  it('wires the bot to the PostgreSQL service with a volume and health checks', () => {
    const url = new URL(env.DATABASE_URL!);
    expect(compose.services).toHaveProperty(url.hostname);
    expect(compose.services[url.hostname]!.healthcheck).toBeDefined();
    expect(desk.depends_on?.[url.hostname]?.condition).toBe('service_healthy');
    expect(desk.ports).toContain(`${env.PORT}:${env.PORT}`);
  });
});
