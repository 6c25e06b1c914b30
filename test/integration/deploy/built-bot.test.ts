// The bot as `npm start` runs it: compiled by scripts/build.mjs and started from the output with
// plain Node, no TypeScript loader. Files the compiled code reads at run time (the triage model,
// the triage thread's boot file, the playground page) must be in the build, or the bot starts
// and quietly sends every complaint to a human, or triages with the lexicon alone.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Beside dist/, so that node_modules and prisma/migrations resolve as they do from dist/.
const OUT_DIR = '.build-test';
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SLACK_|MICROSOFT_|TEAMS_|BOT_FRAMEWORK_|PLAYGROUND|HOST|PORT|DATABASE_URL|NODE_ENV|NODE_OPTIONS|TRIAGE_)/.test(k)));

function call(port: number, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      { host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text.startsWith('{') ? JSON.parse(text) : text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface CaseSummary {
  id: string;
}
interface CaseDetail {
  view: { category: string | null; urgent: boolean; cues: string[] };
}

describe('the built bot (scripts/build.mjs, run with plain node)', () => {
  let child: ChildProcess;
  let port = 0;

  beforeAll(async () => {
    rmSync(OUT_DIR, { recursive: true, force: true });
    execFileSync(process.execPath, ['scripts/build.mjs', '--out-dir', OUT_DIR], { stdio: 'inherit' });
    child = spawn(process.execPath, [`${OUT_DIR}/main.js`], { env: { ...CLEAN_ENV, PORT: '0', PGLITE_DATA_DIR: 'memory://', SCHEDULER: 'off', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
    port = await new Promise<number>((resolve, reject) => {
      let buffered = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (!line.startsWith('{')) continue;
          const parsed = JSON.parse(line) as { msg: string; port?: number };
          if (parsed.msg.startsWith('Complaint Desk listening')) resolve(parsed.port!);
        }
      });
      child.once('exit', (code) => reject(new Error(`the built bot exited with ${code}`)));
    });
  }, 180_000);
  afterAll(() => {
    child?.kill('SIGTERM');
    rmSync(OUT_DIR, { recursive: true, force: true });
  });

  it('serves the playground page', async () => {
    expect((await call(port, 'GET', '/playground')).status).toBe(200);
  });

  it('triages a complaint on its triage thread with the trained model, not as "needs a human"', async () => {
    const sent = await call(port, 'POST', '/playground/api/customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: '我买的电热水壶用了两天就漏电，手被电了一下，订单号 JD20261203001，要求退款' });
    expect(sent.status).toBe(202);
    // The inbox worker makes the case after the acknowledgement: poll for it, bounded.
    let cases: CaseSummary[] = [];
    for (const giveUpAt = Date.now() + 30_000; cases.length === 0 && Date.now() < giveUpAt; ) {
      cases = ((await call(port, 'GET', '/playground/api/cases')).json as { cases: CaseSummary[] }).cases;
      if (cases.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(cases).toHaveLength(1);
    const detail = (await call(port, 'GET', `/playground/api/cases/${encodeURIComponent(cases[0]!.id)}`)).json as CaseDetail;
    expect(detail.view).toMatchObject({ category: 'product', urgent: true });
    expect(detail.view.cues.some((c) => c.includes('needs_human'))).toBe(false);
    expect(detail.view.cues.some((c) => / · model \d/.test(c))).toBe(true);
  });
});
