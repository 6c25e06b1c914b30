/**
 * Processes the load benchmarks start: the bot (`src/main.ts`) as its own node process, the
 * load generator as another, and the memory each of them holds.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface LoadResult {
  rate: number;
  sent: number;
  answered: number;
  errors: number;
  elapsedSeconds: number;
  /** Answered per second, whatever the status: see ackedPerSecond for 200s only. */
  achievedPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  statuses: Record<string, number>;
}

/** Requests answered 200 (acknowledged) per second of the run; a 503 is answered but not acknowledged. */
export const ackedPerSecond = (r: LoadResult) => (r.statuses['200'] ?? 0) / r.elapsedSeconds;

/** One load-generator process sending `rate`/s for `seconds` round-robin across `urls`; `customerTag` keeps runs' customers apart. */
export function runLoad(urls: string[], rate: number, seconds: number, secret: string, customers = 2000, customerTag = ''): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/intake/load-generator.ts', urls.join(','), String(rate), String(seconds), secret, String(customers), customerTag], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', () => {
      const line = out.trim().split('\n').find((l) => l.startsWith('{'));
      if (!line) return reject(new Error(`load generator printed nothing: ${out}`));
      resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** `npx tsx <args>` as a process, resolved once its output contains `ready`. */
export function startProcess(args: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn('npx', ['tsx', ...args], { env: { ...process.env, METRICS_PORT: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(ready)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out.slice(-500)}`)));
    setTimeout(() => reject(new Error(`timeout starting ${args.join(' ')}: ${out.slice(-500)}`)), 60_000);
  });
}

export interface BotProcess {
  port: number;
  child: ChildProcess;
  output: () => string;
}

/**
 * The bot as its own node process (tsx as an --import loader, no npx wrapper in between), so
 * its pid is the bot's own and a signal reaches it directly. Resolves once /readyz answers 200:
 * database reachable and migrations applied.
 */
export async function startBot(port: number, env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, METRICS_PORT: 'off', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const bot = { port, child, output: () => out };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`bot on port ${port} exited before it was ready: ${out.slice(-800)}`);
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((res) => res.ok, () => false)) return bot;
    await new Promise((res) => setTimeout(res, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`bot on port ${port} did not start: ${out.slice(-800)}`);
}

export async function stopBot(child: ChildProcess | null | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

export function rssMb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return NaN;
  }
}

/** Every process under `root` with its command line (npx → tsx → node bot → node database). */
export function descendants(root: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  const walk = (pid: number) => {
    for (const child of execSync(`pgrep -P ${pid} || true`).toString().trim().split('\n').filter(Boolean).map(Number)) {
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${child}/cmdline`, 'utf8').replaceAll('\0', ' ');
      } catch {}
      out.push({ pid: child, cmd });
      walk(child);
    }
  };
  walk(root);
  return out;
}

const databaseRss = (root: number) => descendants(root).filter((p) => p.cmd.includes('pglite-server-process')).reduce((n, p) => n + rssMb(p.pid), 0);

/** The bot's own RSS and, when PGlite runs in its own process, the database process's; `proc` is the npx wrapper. */
export function memoryOf(proc: ChildProcess): { bot: number; database: number } {
  const tree = descendants(proc.pid!);
  const bot = tree.filter((p) => /node .*src\/main\.ts/.test(p.cmd) || /node .*bare-bolt-app/.test(p.cmd)).reduce((n, p) => n + rssMb(p.pid), 0);
  return { bot, database: databaseRss(proc.pid!) };
}

/** The same for a bot started by startBot, whose pid is the bot itself. */
export function memoryOfBot(bot: BotProcess): { bot: number; database: number } {
  return { bot: rssMb(bot.child.pid!), database: databaseRss(bot.child.pid!) };
}
