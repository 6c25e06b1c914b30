import { sendJson, type HttpServer, type RouteHandler } from './http-server.js';

/** One thing the process waits for before it takes traffic (the database, Slack's auth.test). */
export interface ReadinessCheck {
  name: string;
  ready(): boolean | Promise<boolean>;
}

/** Something an admin should know that does not make the bot unready (a calendar year without official data). */
export interface ReadinessWarning {
  component: string;
  message: string;
}

/** /readyz: 200 only when every check passes, else 503 naming what is awaited; warnings listed either way. */
export function readinessHandler(checks: ReadinessCheck[], warnings: () => ReadinessWarning[] = () => []): RouteHandler {
  return async (_req, res) => {
    const results = await Promise.all(checks.map(async (c) => ({ name: c.name, ready: await Promise.resolve(c.ready()).catch(() => false) })));
    const waiting = results.filter((r) => !r.ready).map((r) => r.name);
    sendJson(res, waiting.length ? 503 : 200, { status: waiting.length ? 'not ready' : 'ready', ...(waiting.length ? { waitingFor: waiting } : {}), warnings: warnings() });
  };
}

/** /healthz: the process answers. /readyz: see readinessHandler. `checks` may grow after mounting (Slack joins once started). */
export function mountHealthRoutes(http: HttpServer, checks: ReadinessCheck[], warnings?: () => ReadinessWarning[]): void {
  http.route('/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  http.route('/readyz', readinessHandler(checks, warnings));
}
