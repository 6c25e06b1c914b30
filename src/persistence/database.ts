import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
// pglite-prisma-adapter bundles its own copy of the driver-adapter types; the shapes match at runtime.
import { PrismaClient } from '../generated/prisma/client.js';
import { type EmbeddedPgliteEvents, startEmbeddedPglite } from './embedded/embedded-pglite.js';
import { embeddedPgliteOptions } from './embedded/pglite-memory-profile.js';
import { pgliteTransaction, pgTransaction, type SqlSession } from './sql-session.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** One database handle: the Prisma client plus raw SQL for migrations and health checks. */
export interface Database {
  kind: DatabaseKind;
  /**
   * True when raw queries share the ORM's one session (PGlite inside this process): a raw
   * query issued while the ORM has a transaction open would run inside that transaction.
   */
  sharedSession: boolean;
  prisma: PrismaClient;
  /** Runs a script of several statements (migrations). */
  execScript(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` in one transaction on the driver, without the ORM (the hot paths); rolled back if it throws. */
  transaction<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; absent means the embedded PGlite. */
  url?: string | undefined;
  /** PGlite data folder; `memory://` keeps it in memory (tests). */
  pgliteDataDir?: string;
  /**
   * Where PGlite runs: `process` (its own child process, reached through `pg` over a unix
   * socket, so its WASM never blocks this event loop; what the bot uses) or `inline` (inside
   * this process: tests and one-shot CLIs, which start faster).
   */
  pglite?: 'inline' | 'process';
  /** Told when the embedded database's process ends unasked (it is restarted). */
  embeddedEvents?: EmbeddedPgliteEvents;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres({ connectionString: options.url, max: options.poolSize ?? 10 }, 'postgres');
  const dataDir = options.pgliteDataDir ?? 'memory://';
  if (options.pglite !== 'process') return openPglite(dataDir);
  const server = await startEmbeddedPglite(dataDir, options.embeddedEvents);
  // One connection: PGlite has one session, and the server does not keep two clients' extended-
  // protocol messages apart. Never closed when idle, so no reconnect races the old connection.
  const db = await openPostgres({ host: server.host, port: server.port, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 }, 'pglite');
  return {
    ...db,
    close: async () => {
      await db.close();
      await server.stop();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // The same small memory profile as the database process (pglite-memory-profile.ts).
  const pglite = new PGlite(embeddedPgliteOptions(dataDir));
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as unknown as PrismaPg });
  return {
    kind: 'pglite',
    sharedSession: true,
    prisma,
    execScript: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
    transaction: (work) => pgliteTransaction(pglite, work),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

async function openPostgres(connection: pg.PoolConfig, kind: DatabaseKind): Promise<Database> {
  // A starved pool would otherwise wait forever (pg's default connectionTimeoutMillis is 0).
  const pool = new pg.Pool({ connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000, ...connection });
  pool.on('error', () => {
    // Idle clients dropped by a database restart; the pool replaces them on next use.
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind,
    sharedSession: false,
    prisma,
    execScript: async (sql) => {
      await pool.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    transaction: (work) => pgTransaction(pool, work),
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
