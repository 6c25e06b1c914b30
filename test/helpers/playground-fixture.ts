// The playground as `npm start` mounts it: a desk runtime on in-memory PGlite, the real HTTP
// server and routes, and the movable clock the page's fast-forward uses.
import { afterAll, beforeAll } from 'vitest';
import { attachPlayground } from '../../src/adapters/playground/playground-routes.js';
import { createDeskRuntime, type DeskRuntime, type DeskRuntimeOptions } from '../../src/app/desk-runtime.js';
import { playgroundClock } from '../../src/app/playground-clock.js';
import { HttpServer } from '../../src/http/http-server.js';
import { OffsetClock } from '../../src/shared/offset-clock.js';
import { ManualClock } from '../../support/manual-clock.js';
import { exampleConfig } from './desk-harness.js';
import { settle as settleRuntime } from './wait.js';

export interface PlaygroundFixtureOptions {
  /** Where the desk clock starts. */
  startAt: string;
  /** false: mounted without developer mode, so the page cannot move the clock (as with PLAYGROUND=force). */
  movableClock?: boolean;
  /** Lists and acts on playground cases only (as with PLAYGROUND=force). */
  onlyLocalCases?: boolean;
  /** The runtime's status log (outages, dead letters); silent when left out. */
  logger?: DeskRuntimeOptions['logger'];
  /** The address the server binds; loopback unless a suite tests what the playground does on another. */
  host?: string;
}

export interface PlaygroundFixture {
  readonly runtime: DeskRuntime;
  /** The desk clock; a test moves it forward by hand, the page through `POST clock`. */
  readonly clock: OffsetClock;
  /** The port the server listens on. */
  readonly port: number;
  /** `http://127.0.0.1:<port>/playground` */
  readonly base: string;
  /** POSTs JSON (a string body is sent as it is) and reads the JSON answer. */
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** POSTs JSON and hands back the response itself, for its headers or a body that may not be JSON. */
  postRaw(path: string, body: unknown): Promise<Response>;
  get(path: string): Promise<Record<string, unknown>>;
  getWithStatus(path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Runs the inbox and outbox until nothing is left. */
  settle(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {} };

/** Starts the playground before the suite's tests (the clock at `startAt`) and stops it after them. */
export function withPlayground(o: PlaygroundFixtureOptions): PlaygroundFixture {
  let runtime: DeskRuntime | undefined;
  let http: HttpServer | undefined;
  let clock: OffsetClock | undefined;
  let port = 0;
  let base = '';
  beforeAll(async () => {
    clock = new OffsetClock(new ManualClock(new Date(o.startAt)));
    runtime = await createDeskRuntime({ config: exampleConfig(), database: { pgliteDataDir: 'memory://' }, clock, minIntervalMs: {}, ...(o.logger ? { logger: o.logger } : {}) });
    http = new HttpServer();
    attachPlayground(runtime.application, http, {
      local: runtime.local,
      ...(o.movableClock === false ? {} : { advanceClock: playgroundClock(clock, runtime.scheduler) }),
      ...(o.onlyLocalCases ? { onlyLocalCases: true } : {}),
      logger: quiet,
    });
    port = await http.listen(0, o.host);
    base = `http://127.0.0.1:${port}/playground`;
  }, 180_000); // a machine shared with other runs: PGlite start-up can be slow
  afterAll(async () => {
    await http?.close();
    await runtime?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the playground fixture is used before its suite started');
    return value;
  };
  const postRaw = (path: string, body: unknown) =>
    fetch(`${base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const getWithStatus = async (path: string) => {
    const res = await fetch(`${base}/api/${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return {
    get runtime() {
      return started(runtime);
    },
    get clock() {
      return started(clock);
    },
    get port() {
      return port;
    },
    get base() {
      return base;
    },
    post: async (path, body) => {
      const res = await postRaw(path, body);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    postRaw,
    get: async (path) => (await getWithStatus(path)).body,
    getWithStatus,
    settle: () => settleRuntime(started(runtime)),
  };
}
