/**
 * Idle memory of the embedded default: the bot started by package.json's own `start` script
 * (`exec node <flags> scripts/start.mjs`: the built dist/ on plain node, built first when stale), with
 * nothing configured but a temporary PGlite folder and free ports, so the playground is on and
 * Slack and Teams are off. Once /readyz answers, it samples the resident set every second until
 * two samples in a row are within 2 % (at most 30 s), then prints the RSS of the bot process, of
 * every process under it (the PGlite database process) and their total, for a first start on a
 * new folder and for a second, warm start on it. Goal: total < 300 MB.
 *   npm run bench -- idle
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { stopBot } from '../shared/bench-processes.js';
import { freePort } from '../../support/free-port.js';

const GOAL_MB = 300;
const SETTLED_WITHIN = 0.02;
const SETTLE_LIMIT_S = 30;
/** A first start builds dist/ and creates the database: minutes on a busy machine. */
const READY_LIMIT_MS = 240_000;

export interface ProcessRss {
  pid: number;
  cmd: string;
  rssMb: number;
}

export interface IdleMemory {
  bot: ProcessRss;
  children: ProcessRss[];
  totalMb: number;
  settledAfterS: number;
}

function vmRssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Children of every thread of `pid` (a forked child is listed under the thread that forked it). */
function childrenOf(pid: number): number[] {
  const out = new Set<number>();
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) out.add(Number(child));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return [...out];
}

function descendants(pid: number): number[] {
  return childrenOf(pid).flatMap((child) => [child, ...descendants(child)]);
}

function describe(pid: number): ProcessRss {
  let cmd = '';
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {}
  return { pid, cmd, rssMb: vmRssMb(pid) };
}

function snapshot(botPid: number): Omit<IdleMemory, 'settledAfterS'> {
  const bot = describe(botPid);
  const children = descendants(botPid).map(describe);
  return { bot, children, totalMb: bot.rssMb + children.reduce((n, c) => n + c.rssMb, 0) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 1_000));

async function waitReady(child: ChildProcess, port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot exited before it was ready: ${output().slice(-800)}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the bot was not ready within ${READY_LIMIT_MS / 1000} s: ${output().slice(-800)}`);
}

/**
 * Two starts on one temporary folder: the first creates the database (initdb and every
 * migration, as a first `npm start` does), the second opens it warm (every later start).
 */
export async function measureIdleMemory(): Promise<{ first: IdleMemory; warm: IdleMemory }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-idle-pglite-'));
  try {
    return { first: await measureOnce(dataDir), warm: await measureOnce(dataDir) };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureOnce(dataDir: string): Promise<IdleMemory> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  // The embedded default: no DATABASE_URL, no platform credentials, no .env file.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DATABASE_URL|SLACK_|MICROSOFT_|PLAYGROUND|PGLITE_|TRIAGE_|NODE_ENV|NODE_OPTIONS)/.test(k)) env[k] = v;
  // package.json's start script itself, so its node flags are measured as `npm start` runs them;
  // its `exec` makes the shell's pid the bot's. This node comes first on the PATH.
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const child = spawn('/bin/sh', ['-c', start], {
    env: { ...env, PATH: `${dirname(process.execPath)}${delimiter}${env.PATH ?? ''}`, ENV_FILE: join(dataDir, 'no.env'), PORT: String(port), METRICS_PORT: String(metricsPort), PGLITE_DATA_DIR: join(dataDir, 'pglite'), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await waitReady(child, port, () => out);
    let previous = snapshot(child.pid!);
    for (let s = 1; s <= SETTLE_LIMIT_S; s++) {
      await tick();
      const now = snapshot(child.pid!);
      if (Math.abs(now.totalMb - previous.totalMb) <= SETTLED_WITHIN * previous.totalMb) return { ...now, settledAfterS: s };
      previous = now;
    }
    return { ...previous, settledAfterS: SETTLE_LIMIT_S };
  } finally {
    await stopBot(child);
  }
}

const mb = (n: number) => `${n.toFixed(0).padStart(4)} MB`;

export function formatIdleMemory(r: { first: IdleMemory; warm: IdleMemory }): string {
  return [formatOne('first start (new database)', r.first), formatOne('warm start', r.warm)].join('\n');
}

function formatOne(label: string, m: IdleMemory): string {
  const lines = [`idle, ${label} (embedded default, npm start, settled after ${m.settledAfterS} s): bot ${mb(m.bot.rssMb)}`];
  for (const c of m.children) lines.push(`  child ${c.pid} ${mb(c.rssMb)}  ${c.cmd.slice(0, 120)}`);
  lines.push(`  total ${mb(m.totalMb)} (goal < ${GOAL_MB} MB: ${m.totalMb < GOAL_MB ? 'met' : 'missed'})`);
  return lines.join('\n');
}
