import { loadDeskConfig, type DeskConfig } from '../config/desk-config.js';
import { loadEnv } from '../config/env.js';
import { resolveDeskConfigPath } from '../config/resolve-config-path.js';
import { openDatabase, type Database } from '../persistence/database.js';
import { migrate } from '../persistence/migrate.js';

/**
 * The admin CLIs' view of the desk: the validated configuration and the database the
 * server uses (DATABASE_URL, else the PGlite folder). An embedded PGlite folder is
 * single-process: stop the server first, or use PostgreSQL.
 */
export async function openCliDatabase(): Promise<{ config: DeskConfig; db: Database }> {
  const env = loadEnv();
  const config = loadDeskConfig(resolveDeskConfigPath(env.DESK_CONFIG));
  const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDataDir: env.PGLITE_DATA_DIR });
  await migrate(db);
  return { config, db };
}

/** Runs a CLI body; a usage or configuration error prints plainly and exits 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
