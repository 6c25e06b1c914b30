import { type ChildProcess, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddedServerMessage } from './embedded-protocol.js';

const BOOT = fileURLToPath(new URL('../../workers/module-boot.mjs', import.meta.url));
// The extension follows this file's own: .ts from source, .js from the build.
const SERVER_MODULE = new URL(`./pglite-server-process${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
/** pg reaches a unix socket as `<host dir>/.s.PGSQL.<port>`. */
const SOCKET_PORT = 5432;
const START_TIMEOUT_MS = 60_000;
/**
 * V8 flags of the database process. PGlite is one big WebAssembly module: by default V8 compiles
 * it twice (Liftoff at once, then TurboFan in the background for hot functions) and keeps both,
 * about 120 MB of code. Liftoff alone halves the process' idle memory (255 → 135 MB) and starts
 * it sooner; statements run about 8 % slower (bench: `npm run bench -- cases`, pglite-process).
 * A 2 MB young generation suffices: the process' own JavaScript heap is about 12 MB.
 */
const DATABASE_PROCESS_FLAGS = ['--liftoff-only', '--max-semi-space-size=2'];
const RESTART_DELAY_MS = 1_000;

export interface EmbeddedPgliteEvents {
  /** The database process ended without being asked; it is started again on the same folder. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Where the bot's `pg` pool connects: a unix socket in a private (0700) folder, never a TCP port. */
export interface EmbeddedPgliteServer {
  host: string;
  port: number;
  /** The database process now serving (it changes when a crashed one is started again). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Runs the embedded PGlite in a child process serving the PostgreSQL protocol, so its WASM
 * never runs on the bot's event loop. A unix socket rather than a loopback port: the server
 * has no authentication, and a socket in a 0700 folder admits only this user.
 */
export async function startEmbeddedPglite(dataDir: string, events: EmbeddedPgliteEvents = {}): Promise<EmbeddedPgliteServer> {
  // memory:// lives in the database process: gone when it stops (or is restarted after a crash).
  const inMemory = dataDir.startsWith('memory://');
  const absoluteDataDir = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(absoluteDataDir, { recursive: true });
  const socketDir = mkdtempSync(join(tmpdir(), 'complaint-desk-db-'));
  const options = JSON.stringify({ dataDir: absoluteDataDir, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) });
  const fresh = !inMemory && !existsSync(join(absoluteDataDir, 'PG_VERSION'));
  let child: ChildProcess = await launch(options);
  if (fresh) {
    // Creating the cluster (initdb) touches about 600 MB of WebAssembly memory, which never
    // shrinks: a database process kept from a first start would idle at 800 MB instead of 200.
    // The cluster is on disk now; a second process opens it at the usual footprint.
    await ask(child);
    child = await launch(options);
  }
  let stopping = false;

  const relaunch = (): void => {
    setTimeout(() => {
      if (stopping) return;
      launch(options).then(watch, relaunch);
    }, RESTART_DELAY_MS).unref();
  };
  const watch = (c: ChildProcess): void => {
    child = c;
    c.once('exit', (code, signal) => {
      if (stopping) return;
      events.onUnexpectedExit?.(code, signal);
      // The pool's queries fail meanwhile and take the outage path (503, retries) until it is back.
      relaunch();
    });
  };
  watch(child);

  return {
    host: socketDir,
    port: SOCKET_PORT,
    get pid() {
      return child.pid;
    },
    stop: async () => {
      stopping = true;
      await ask(child);
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

function launch(options: string): Promise<ChildProcess> {
  const child = fork(BOOT, [SERVER_MODULE, options], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: DATABASE_PROCESS_FLAGS });
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the embedded database did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const failed = (reason: string) => {
      clearTimeout(timer);
      fail(new Error(`the embedded database could not start: ${reason}`));
    };
    child.once('exit', (code, signal) => failed(`its process ended (${signal ?? `code ${code}`})`));
    child.on('message', (m: EmbeddedServerMessage) => {
      if (m.kind === 'failed') return failed(m.message);
      clearTimeout(timer);
      child.removeAllListeners('exit');
      done(child);
    });
  });
}

/** Asks the process to close PGlite (which flushes its files) and waits for it to end. */
function ask(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.send('stop');
  });
}
