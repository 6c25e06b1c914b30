// The playground as `npm start` mounts it: a desk runtime on in-memory PGlite, the real HTTP
// server and routes, and the movable clock the page's fast-forward uses.
import { afterAll, beforeAll } from 'vitest';
import { attachPlayground } from '../../src/adapters/playground/playground-routes.js';
import { createDeskRuntime, type DeskRuntime } from '../../src/app/desk-runtime.js';
import { playgroundClock } from '../../src/app/playground-clock.js';
import { HttpServer } from '../../src/http/http-server.js';
import { OffsetClock } from '../../src/shared/offset-clock.js';
import { ManualClock } from '../../support/manual-clock.js';
import { exampleConfig } from './desk-harness.js';
import { settle as settleRuntime } from './wait.js';

export interface PlaygroundFixture {
  readonly runtime: DeskRuntime;
  /** `http://127.0.0.1:<port>/playground` */
  readonly base: string;
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<Record<string, unknown>>;
  /** Runs the inbox and outbox until nothing is left. */
  settle(): Promise<void>;
}

/** Starts the playground before the suite's tests (the clock at `startAt`) and stops it after them. */
export function withPlayground(o: { startAt: string }): PlaygroundFixture {
  let runtime: DeskRuntime | undefined;
  let http: HttpServer | undefined;
  let base = '';
  beforeAll(async () => {
    const clock = new OffsetClock(new ManualClock(new Date(o.startAt)));
    runtime = await createDeskRuntime({ config: exampleConfig(), database: { pgliteDataDir: 'memory://' }, clock, minIntervalMs: {} });
    http = new HttpServer();
    attachPlayground(runtime.application, http, { local: runtime.local, advanceClock: playgroundClock(clock, runtime.scheduler), logger: { info() {}, warn() {}, error() {} } });
    base = `http://127.0.0.1:${await http.listen(0)}/playground`;
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await runtime?.close();
  });
  const started = () => {
    if (!runtime) throw new Error('the playground fixture is used before its suite started');
    return runtime;
  };
  return {
    get runtime() {
      return started();
    },
    get base() {
      return base;
    },
    post: async (path, body) => {
      const res = await fetch(`${base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    get: async (path) => (await (await fetch(`${base}/api/${path}`)).json()) as Record<string, unknown>,
    settle: () => settleRuntime(started()),
  };
}
