import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import { Prisma } from '../generated/prisma/client.js';

/**
 * One database session inside a transaction, for hand-written SQL on the hot paths: the
 * statement goes straight to the driver, which costs about 0.17 ms of CPU where the same
 * statement through Prisma's $queryRaw costs about 0.44 ms.
 */
export interface SqlSession {
  /** Rows typed as Prisma's raw queries return them (see RESULT_TYPES), so the record mappers fit. */
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** The number of rows the statement touched. */
  execute(sql: Prisma.Sql): Promise<number>;
  /** Takes the transaction-scoped advisory lock on `key` (hashed); waits while another transaction holds it. */
  advisoryLock(key: string): Promise<void>;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * Where the drivers' defaults differ from Prisma's: pg returns int8 and numeric as strings,
 * PGlite int8 as a number. json, jsonb and timestamptz are parsed as Prisma does by both.
 * Passed per query: `db.query` callers expect the drivers' defaults.
 */
const RESULT_PARSERS: Record<number, (value: string) => unknown> = {
  [INT8]: (v) => BigInt(v),
  [NUMERIC]: (v) => new Prisma.Decimal(v),
};

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => RESULT_PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Sent with BEGIN in one round trip. The server ends a transaction that runs too long or sits
 * idle (a stuck caller), as Prisma's interactive-transaction timeout did; the client then fails
 * on its next statement and is dropped from the pool.
 */
export const TRANSACTION_TIMEOUT_MS = 20_000;
const BEGIN = `BEGIN; SET LOCAL statement_timeout = ${TRANSACTION_TIMEOUT_MS}; SET LOCAL idle_in_transaction_session_timeout = ${TRANSACTION_TIMEOUT_MS}`;

/**
 * BEGIN is sent with the transaction's first statement, not on its own: when that statement is
 * the advisory lock (intake's first step), both go as one simple query, a round trip less per
 * case. The key is then a quoted literal (pg's escapeLiteral), since a simple query takes no
 * parameters. The reads that the lock guards come after it, in statements of their own.
 */
function pgSession(client: pg.PoolClient): SqlSession & { begun(): boolean } {
  let begun = false;
  const run = async (sql: Prisma.Sql) => {
    if (!begun) {
      begun = true;
      await client.query(BEGIN);
    }
    return client.query({ text: sql.text, values: sql.values, types: pgTypes });
  };
  return {
    query: async <T>(sql: Prisma.Sql) => (await run(sql)).rows as T[],
    execute: async (sql) => (await run(sql)).rowCount ?? 0,
    advisoryLock: async (key) => {
      const lock = `SELECT pg_advisory_xact_lock(hashtextextended(${client.escapeLiteral(key)}, 0))`;
      if (begun) await client.query(lock);
      else {
        begun = true;
        await client.query(`${BEGIN}; ${lock}`);
      }
    },
    begun: () => begun,
  };
}

/** A transaction on a pool client: committed, or rolled back and the client dropped if even that fails. */
export async function pgTransaction<T>(pool: pg.Pool, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors only on idle clients. A connection the server drops while this
  // transaction holds it (a restart, an admin shutdown) emits 'error' between queries; unheard,
  // that would end the process. Heard, the next query fails and the transaction rolls back.
  let broken: Error | undefined;
  const onError = (err: Error) => {
    broken = err;
  };
  client.on('error', onError);
  const release = (err?: Error | boolean) => {
    client.off('error', onError);
    client.release(err ?? broken);
  };
  let result: T;
  const session = pgSession(client);
  try {
    result = await work(session);
    // A transaction that sent nothing has nothing to commit (BEGIN is sent with the first statement).
    if (session.begun()) await client.query('COMMIT');
  } catch (err) {
    try {
      if (session.begun()) await client.query('ROLLBACK');
      release();
    } catch (rollbackErr) {
      // A dropped connection: the server has already rolled back; the pool must not reuse it.
      release(rollbackErr instanceof Error ? rollbackErr : true);
    }
    throw err;
  }
  release();
  return result;
}

function pgliteSession(tx: PgliteTransaction): SqlSession {
  return {
    query: async <T>(sql: Prisma.Sql) => (await tx.query<T>(sql.text, sql.values, { parsers: RESULT_PARSERS })).rows,
    execute: async (sql) => (await tx.query(sql.text, sql.values, { parsers: RESULT_PARSERS })).affectedRows ?? 0,
    advisoryLock: async (key) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
    },
  };
}

/** A transaction on the in-process PGlite (one session; its own lock keeps other queries out meanwhile). */
export function pgliteTransaction<T>(pglite: PGlite, work: (session: SqlSession) => Promise<T>): Promise<T> {
  return pglite.transaction((tx) => work(pgliteSession(tx)));
}
