import { sendJson, type HttpServer } from './http-server.js';

/** One thing the process waits for before it takes traffic (the database, Slack's auth.test). */
export interface ReadinessCheck {
  name: string;
  ready(): boolean | Promise<boolean>;
}

/** /healthz: the process answers. /readyz: 200 only when every check passes, else 503 naming what is awaited. */
export function mountHealthRoutes(http: HttpServer, checks: ReadinessCheck[]): void {
  http.route('/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  http.route('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => ({ name: c.name, ready: await Promise.resolve(c.ready()).catch(() => false) })));
    const waiting = results.filter((r) => !r.ready).map((r) => r.name);
    sendJson(res, waiting.length ? 503 : 200, waiting.length ? { status: 'not ready', waitingFor: waiting } : { status: 'ready' });
  });
}
