// Real process: `npm start` exactly as the README runs it (built JavaScript on the embedded PGlite),
// configured through an env file, then stopped with SIGTERM as a process manager would.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const get = (port: number, path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });

describe('npm start (built bot, PGlite) with an env file and SIGTERM', () => {
  it('reads .env with real variables winning, serves metrics only on its own port, and shuts down on SIGTERM', async () => {
    const [port, fileMetricsPort, envMetricsPort] = [await freePort(), await freePort(), await freePort()];
    const dir = mkdtempSync(join(tmpdir(), 'desk-start-'));
    const envFile = join(dir, '.env');
    writeFileSync(envFile, `PORT=${port}\nPLAYGROUND=off\nMETRICS_PORT=${fileMetricsPort}\nLOG_LEVEL=info\n`);
    const child = spawn('npm', ['start'], {
      env: { ...process.env, ENV_FILE: envFile, METRICS_PORT: String(envMetricsPort), PGLITE_DATA_DIR: 'memory://', SCHEDULER: 'off', HOST: '127.0.0.1', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (log.includes('Complaint Desk listening')) {
          clearInterval(check);
          resolve();
        }
      }, 100);
      void exited.then(() => reject(new Error(`bot exited during start-up:\n${log}`)));
    });

    // The port came from the file; METRICS_PORT from the real environment beat the file's.
    expect((await get(port, '/healthz')).status).toBe(200);
    expect((await get(port, '/metrics')).status).toBe(404);
    const metrics = await get(envMetricsPort, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('process_cpu_seconds_total');
    expect(metrics.body).not.toContain('desk_process_cpu_seconds_total');
    await expect(get(fileMetricsPort, '/metrics')).rejects.toThrow();
    // Each start-up phase is logged, so a slow first start does not look like a hang.
    expect(log).toContain('desk configuration loaded');
    expect(log).toContain('database ready');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('shut down cleanly');
    await expect(get(port, '/healthz')).rejects.toThrow();
  }, 180_000);
});
