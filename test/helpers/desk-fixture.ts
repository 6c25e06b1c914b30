import type { DeskRuntimeOptions } from '../../src/app/desk-runtime.js';
import type { Logger } from '../../src/shared/logger.js';
import type { DeskConfig } from '../../src/config/desk-config.js';
import { mountEvidenceRoutes } from '../../src/http/evidence-routes.js';
import type { HttpServer } from '../../src/http/http-server.js';
import type { DatabaseOptions } from '../../src/persistence/database.js';
import { createHarness, type DeskHarness } from './desk-harness.js';

/** What every desk fixture with a real platform adapter takes, whichever the platform. */
export interface DeskFixtureOptions {
  /** PGlite in memory by default; a function is read at start-up (describeOnDatabases hands out its database then). */
  database?: DatabaseOptions | (() => DatabaseOptions);
  /** The desk config (staff languages, quiet hours, cadences); config/desk.example.yaml by default. */
  config?: DeskConfig;
  /** The bot's logger (a LogSink's to read what it logs); silent by default. */
  logger?: Logger;
  /** Evidence size limit and signed links, as main.ts sets them from EVIDENCE_* and PUBLIC_URL; the runtime's defaults otherwise. */
  evidence?: DeskRuntimeOptions['evidence'];
  /** Milliseconds the start-up may take (PGlite on a busy machine). */
  timeoutMs?: number;
}

/** The harness under a fixture; the runtime logs to the bot's logger, as in main.ts (outage lines come from the workers and intake). */
export function fixtureHarness(o: DeskFixtureOptions, runtime: Pick<DeskRuntimeOptions, 'intakeAdmission'> = {}): Promise<DeskHarness> {
  const database = typeof o.database === 'function' ? o.database() : o.database;
  return createHarness(database, o.config, { ...(o.logger ? { logger: o.logger } : {}), runtime: { ...(o.evidence ? { evidence: o.evidence } : {}), ...runtime } });
}

/** The routes main.ts mounts beside every adapter: the signed /evidence links on case cards. */
export function mountDeskRoutes(http: HttpServer, h: DeskHarness): void {
  mountEvidenceRoutes(http, h.runtime.evidenceLinks, h.runtime.evidenceFiles);
}
