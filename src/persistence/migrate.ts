import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Any constant works; it only has to be the same in every replica.
const MIGRATION_LOCK_KEY = 7_413_001;

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of the file as applied; a database refuses a migration whose file changed since. */
  checksum: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** A migration file edited after a database applied it: that change would never reach the database. */
export class ChangedMigrationError extends Error {
  constructor(readonly migration: string) {
    super(
      `migration ${migration} was changed after it was applied to this database; migrations are append-only: ` +
        `restore the file and put the schema change in a new migration (scripts/db-diff.sh <name>)`,
    );
  }
}

/**
 * Applies the SQL files of prisma/migrations in order, each once, without the Prisma
 * schema engine (which needs a native binary and the internet). Replicas starting
 * together serialise on an advisory lock, so each migration runs exactly once.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const applied: string[] = [];
  await db.execScript(`CREATE TABLE IF NOT EXISTS "_desk_migrations" (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE "_desk_migrations" ADD COLUMN IF NOT EXISTS checksum text;`);
  const files = listMigrations(dir);
  const recorded = new Map((await db.query<{ name: string; checksum: string | null }>(`SELECT name, checksum FROM "_desk_migrations"`)).map((r) => [r.name, r.checksum]));
  for (const m of files) {
    const stored = recorded.get(m.name);
    if (stored && stored !== m.checksum) throw new ChangedMigrationError(m.name);
    // Databases migrated before checksums were recorded learn them from the files they ran.
    if (stored === null) await db.query(`UPDATE "_desk_migrations" SET checksum = $1 WHERE name = $2 AND checksum IS NULL`, [m.checksum, m.name]);
  }
  for (const m of files) {
    const escaped = m.name.replace(/'/g, "''");
    // One script per migration: lock, check, apply, record — all in one transaction.
    const script = `BEGIN;
SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});
DO $migrate$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM "_desk_migrations" WHERE name = '${escaped}') THEN
    EXECUTE ${dollarQuote(m.sql)};
    INSERT INTO "_desk_migrations"(name, checksum) VALUES ('${escaped}', '${m.checksum}');
    RAISE NOTICE 'applied';
  END IF;
END $migrate$;
COMMIT;`;
    const before = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_desk_migrations" WHERE name = $1`, [m.name]);
    await db.execScript(script);
    if (before[0]?.n === 0) applied.push(m.name);
  }
  return applied;
}

/** True when every migration on disk has been applied (used by /readyz). */
export async function migrationsApplied(db: Database, dir = MIGRATIONS_DIR): Promise<boolean> {
  const rows = await db.query<{ name: string }>(`SELECT name FROM "_desk_migrations"`).catch(() => []);
  const done = new Set(rows.map((r) => r.name));
  return listMigrations(dir).every((m) => done.has(m.name));
}

function dollarQuote(sql: string): string {
  let tag = 'sql';
  while (sql.includes(`$${tag}$`)) tag += 'x';
  return `$${tag}$${sql}$${tag}$`;
}
