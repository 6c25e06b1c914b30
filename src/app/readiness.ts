import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http/http-server.js';
import { migrationsApplied } from '../persistence/migrate.js';
import type { DeskRuntime } from './desk-runtime.js';

/**
 * `/readyz`: 503 while shutting down or while the database is away or behind on migrations.
 * Warnings (a business calendar without official holidays for this year or next) do not make
 * the bot unready, since it still works; they are listed in `warnings` for the admin's monitoring.
 */
export function readinessRoute(runtime: Pick<DeskRuntime, 'db' | 'calendarWarning'>, draining: () => boolean) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (draining()) return sendJson(res, 503, { status: 'shutting down' });
    const ready = await runtime.db
      .query('SELECT 1')
      .then(() => migrationsApplied(runtime.db))
      .catch(() => false);
    const calendar = runtime.calendarWarning();
    sendJson(res, ready ? 200 : 503, {
      status: ready ? 'ready' : 'database unavailable or migrations pending',
      warnings: calendar ? [{ component: 'calendar', message: calendar }] : [],
    });
  };
}
