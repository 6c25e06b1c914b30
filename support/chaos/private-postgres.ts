/**
 * A throwaway PostgreSQL cluster of our own, on a free loopback port, that may be stopped
 * hard and started again. The shared server at 127.0.0.1:5432 is other people's: outages are
 * only ever staged on a cluster made here.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port.js';

const run = promisify(execFile);
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  port: number;
  /** `pg_ctl -m immediate stop`: every connection is cut, as in a crash. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /**
   * When the server itself says it was last down: from "database system is shut down" to the
   * next "ready to accept connections", in epoch milliseconds, read from its own log. A probe
   * on a busy machine sees the server late; the server's log does not.
   */
  lastOutage(): { downAt: number; upAt: number } | null;
  /** Stops the cluster if it runs and deletes its files. */
  remove(): Promise<void>;
}

/** Parses "2026-12-03 07:30:00.123 UTC" (log_line_prefix %m with log_timezone UTC). */
const logTime = (line: string) => Date.parse(`${line.slice(0, 23).replace(' ', 'T')}Z`);

export function lastOutageInLog(log: string): { downAt: number; upAt: number } | null {
  const lines = log.split('\n');
  const down = lines.findLastIndex((l) => l.includes('database system is shut down'));
  if (down < 0) return null;
  const up = lines.findIndex((l, i) => i > down && l.includes('database system is ready to accept connections'));
  if (up < 0) return null;
  return { downAt: logTime(lines[down]!), upAt: logTime(lines[up]!) };
}

const isRoot = () => process.getuid?.() === 0;

/** initdb refuses to run as root, so as root every cluster command runs as the postgres user. */
function asOwner(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const file = join(BIN, command);
  return isRoot() ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
}

/** null when a private cluster can be made here, else why not (for a test's skip message). */
export async function privatePostgresUnavailableReason(): Promise<string | null> {
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) if (!existsSync(join(BIN, tool))) return `no ${tool} in ${BIN}`;
  if (isRoot()) {
    try {
      await run('runuser', ['-u', 'postgres', '--', 'true']);
    } catch (err) {
      return `running as root and cannot run commands as the postgres user (${(err as Error).message.split('\n')[0]})`;
    }
  }
  return null;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const base = mkdtempSync(join(tmpdir(), 'desk-pg-'));
  const data = join(base, 'data');
  if (isRoot()) await run('chown', ['postgres:postgres', base]);
  await asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  // Millisecond UTC timestamps on every server log line: lastOutage() reads them.
  appendFileSync(join(data, 'postgresql.conf'), "\nlog_line_prefix = '%m '\nlog_timezone = 'UTC'\n");
  const port = await freePort();
  // -l: the server must not inherit our pipes, or pg_ctl's caller would wait for them to close.
  const ctl = (...args: string[]) => asOwner('pg_ctl', ['-D', data, '-l', join(base, 'server.log'), ...args]);
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1`;
  let running = false;
  const start = async () => {
    await ctl('-o', options, '-w', '-t', '30', 'start');
    running = true;
  };
  const stop = async () => {
    await ctl('-m', 'immediate', '-w', 'stop');
    running = false;
  };
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    lastOutage: () => lastOutageInLog(readFileSync(join(base, 'server.log'), 'utf8')),
    remove: async () => {
      if (running) await stop().catch(() => {});
      rmSync(base, { recursive: true, force: true });
    },
  };
}
