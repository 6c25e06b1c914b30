import { readinessHandler, type ReadinessCheck, type ReadinessWarning } from '../http/health-routes.js';
import { migrationsApplied } from '../persistence/migrate.js';
import type { DeskRuntime } from './desk-runtime.js';

/**
 * What /readyz waits for on every desk: not shutting down, the database reachable and migrated.
 * Warnings (a business calendar without official holidays for this year or next) do not make
 * the bot unready, since it still works; they are listed for the admin's monitoring.
 */
export function deskReadiness(runtime: Pick<DeskRuntime, 'db' | 'calendarWarning'>, draining: () => boolean): { checks: ReadinessCheck[]; warnings: () => ReadinessWarning[] } {
  return {
    checks: [
      { name: 'not shutting down', ready: () => !draining() },
      { name: 'database (reachable, migrations applied)', ready: () => runtime.db.query('SELECT 1').then(() => migrationsApplied(runtime.db)) },
    ],
    warnings: () => {
      const calendar = runtime.calendarWarning();
      return calendar ? [{ component: 'calendar', message: calendar }] : [];
    },
  };
}

/** The /readyz route for a runtime alone (tests; main.ts adds the Slack check to the same list). */
export function readinessRoute(runtime: Pick<DeskRuntime, 'db' | 'calendarWarning'>, draining: () => boolean) {
  const r = deskReadiness(runtime, draining);
  return readinessHandler(r.checks, r.warnings);
}
