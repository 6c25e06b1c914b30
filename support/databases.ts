import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseOptions } from '../src/persistence/database.js';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let reachable: Promise<string | null> | undefined;

/** null when the PostgreSQL at 127.0.0.1:5432 answers, else the reason it is skipped. */
export function postgresUnavailableReason(): Promise<string | null> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return null;
    } catch (err) {
      return `PostgreSQL at ${POSTGRES_ADMIN_URL} did not answer (${(err as Error).message})`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** A fresh database per test file, so suites never see each other's rows; dropped afterwards. */
export async function createScratchPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `desk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type DatabaseFlavour = 'pglite' | 'postgres';
export const DATABASE_FLAVOURS: DatabaseFlavour[] = ['pglite', 'postgres'];

/** Database options for a flavour, plus the clean-up to run after the suite. */
export async function databaseFor(flavour: DatabaseFlavour): Promise<{ options: DatabaseOptions; cleanup: () => Promise<void> }> {
  if (flavour === 'pglite') return { options: { pgliteDataDir: 'memory://' }, cleanup: async () => {} };
  const scratch = await createScratchPostgres();
  return { options: { url: scratch.url, poolSize: 25 }, cleanup: scratch.drop };
}
