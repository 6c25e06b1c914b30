import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';
import { sendJson, type RouteHandler } from './http-server.js';

/** GET /metrics: the registry in Prometheus' text format. */
export function metricsHandler(registry: Registry): RouteHandler {
  return async (_req, res) => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  };
}

/** Serves `handler` only to requests carrying `Authorization: Bearer <token>` (compared in constant time). */
export function withBearerToken(token: string, handler: RouteHandler): RouteHandler {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return sendJson(res, 401, { error: 'unauthorized', message: 'metrics need a bearer token' });
    }
    return handler(req, res);
  };
}
