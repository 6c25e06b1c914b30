import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface BotProcess {
  baseUrl: string;
  child: ChildProcess;
  /** Set when the process ended on its own: the fuzz crashed it. */
  exited: () => string | null;
  /** Error-level log lines and anything on stderr, deduplicated by message. */
  errors: Map<string, number>;
  /** Resident set and V8 heap in use, from the bot's own /metrics. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  stop(): Promise<void>;
}

/**
 * Starts `src/main.ts` as its own process. It runs as `node --import tsx` rather than through
 * npx, so the child's pid is the bot's own and its exit is the bot's exit.
 */
/** The fuzz run reads the bot's memory from /metrics on the public port, behind this token. */
const FUZZ_METRICS_TOKEN = 'fuzz-metrics-token-0123456789';

export function startBot(env: Record<string, string>, port: number, logFile: string): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: { ...process.env, METRICS_PORT: 'off', METRICS_TOKEN: FUZZ_METRICS_TOKEN, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  // Everything the bot says, kept for whoever has to explain a failure.
  const log = createWriteStream(logFile);
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const errors = new Map<string, number>();
  let exit: string | null = null;
  let startupOutput = '';
  const note = (message: string) => errors.set(message, (errors.get(message) ?? 0) + 1);
  const onLine = (line: string, stream: 'stdout' | 'stderr') => {
    if (!line.trim()) return;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: unknown };
      if ((entry.level ?? 0) >= 50) note(`${entry.msg ?? ''} ${JSON.stringify(entry.err ?? '').slice(0, 200)}`);
    } catch {
      // Plain stderr: keep the lines that name an error, not the stack frames and object dumps under them.
      if (stream === 'stderr' && /error|unhandled|uncaught/i.test(line) && !/^\s+at /.test(line)) note(line.slice(0, 300));
    }
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream]!.on('data', (d: Buffer) => {
      const text = partial + d.toString();
      if (startupOutput.length < 20_000) startupOutput += d.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line, stream);
    });
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exit = `exit code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  const bot: BotProcess = {
    baseUrl,
    child,
    exited: () => exit,
    errors,
    async memory() {
      const text = await (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${FUZZ_METRICS_TOKEN}` } })).text();
      // prom-client's default metrics, under their standard names.
      const read = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
      return { rss: read('process_resident_memory_bytes'), heapUsed: read('nodejs_heap_size_used_bytes') };
    },
    async stop() {
      if (exit) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (!exit) child.kill('SIGKILL');
    },
  };
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 90_000;
    const poll = async () => {
      if (exit) return reject(new Error(`bot exited during start-up (${exit}): ${startupOutput.slice(-1500)}`));
      if (Date.now() > deadline) return reject(new Error(`bot not ready after 90 s: ${startupOutput.slice(-1500)}`));
      const ready = await fetch(`${baseUrl}/readyz`).then((r) => r.ok, () => false);
      if (ready) resolve(bot);
      else setTimeout(() => void poll(), 300);
    };
    void poll();
  });
}
