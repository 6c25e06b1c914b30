// `npm start`'s entry point as a real process: what it binds, what it mounts, what it says and refuses.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|MICROSOFT_|TEAMS_|BOT_FRAMEWORK_|PLAYGROUND|HOST|PORT|DATABASE_URL|NODE_ENV)/.test(k)));

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('start-up with nothing configured', () => {
  let child: ChildProcess;
  const lines: { msg: string; host?: string; port?: number }[] = [];
  let port = 0;

  beforeAll(async () => {
    child = spawn('npx', ['tsx', 'src/main.ts'], { env: { ...CLEAN_ENV, PORT: '0', PGLITE_DATA_DIR: 'memory://', SCHEDULER: 'off', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (!line.startsWith('{')) continue;
          const parsed = JSON.parse(line) as { msg: string; host?: string; port?: number };
          lines.push(parsed);
          if (parsed.msg.startsWith('Playground at')) resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    port = lines.find((l) => l.msg.startsWith('Complaint Desk listening'))!.port!;
  }, 120_000);
  afterAll(() => {
    child.kill('SIGTERM');
  });

  it('binds loopback and prints the address actually bound', () => {
    const listening = lines.find((l) => l.msg.startsWith('Complaint Desk listening'))!;
    expect(listening.host).toBe('127.0.0.1');
    expect(listening.msg).toBe(`Complaint Desk listening on http://127.0.0.1:${port}`);
  });

  it('prints one line saying where the playground is and that it has no sign-in', () => {
    const playground = lines.filter((l) => l.msg.startsWith('Playground at'));
    expect(playground).toHaveLength(1);
    expect(playground[0]!.msg).toContain(`http://127.0.0.1:${port}/playground`);
    expect(playground[0]!.msg).toMatch(/NO sign-in/);
  });

  it('does not mount /api/messages without Teams credentials, and serves the playground only under its own Host', async () => {
    expect(await get(port, '/api/messages')).toBe(404);
    expect(lines.some((l) => l.msg.startsWith('Teams is off'))).toBe(true);
    expect(await get(port, '/playground/api/setup', { host: `127.0.0.1:${port}` })).toBe(200);
    expect(await get(port, '/playground/api/setup', { host: 'rebound.example' })).toBe(403);
  });
});

describe('start-up refusals', () => {
  const run = (env: Record<string, string>) => spawnSync('npx', ['tsx', 'src/main.ts'], { env: { ...CLEAN_ENV, PGLITE_DATA_DIR: 'memory://', ...env }, encoding: 'utf8', timeout: 80_000 });

  it('refuses TEAMS_AUTH=off in production, naming the variable', () => {
    const r = run({ NODE_ENV: 'production', TEAMS_AUTH: 'off' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/TEAMS_AUTH: .*production/);
  }, 90_000);

  it('refuses a Teams app id without a tenant id (SingleTenant by default), naming the variable', () => {
    const r = run({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'p' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/MICROSOFT_APP_TENANT_ID/);
  }, 90_000);
});
