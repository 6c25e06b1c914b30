// Real PostgreSQL at 127.0.0.1:5432 (a scratch database): a connection the server drops while a
// transaction holds it between two queries.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Prisma } from '../../../src/generated/prisma/client.js';
import { openDatabase, type Database } from '../../../src/persistence/database.js';
import { describeOnPostgres } from '../../helpers/database-suites.js';

describeOnPostgres('driver transactions', (options) => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ ...options(), poolSize: 2 });
  });
  afterAll(() => db.close());

  it('rolls back, keeps the process alive and the pool usable when the server drops the connection mid-transaction', async () => {
    const outcome = db.transaction(async (session) => {
      const [{ pid }] = (await session.query<{ pid: number }>(Prisma.sql`SELECT pg_backend_pid() AS pid`)) as [{ pid: number }];
      // Another connection ends this one, as a restart or an admin shutdown would.
      await db.query('SELECT pg_terminate_backend($1)', [pid]);
      // Until the backend is gone, the dropped connection's 'error' arrives between queries.
      for (let i = 0; i < 200; i++) {
        const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pid]);
        if (row?.n === 0) break;
      }
      await session.query(Prisma.sql`SELECT 1`);
    });
    await expect(outcome).rejects.toThrow();
    expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await db.transaction((s) => s.query<{ two: number }>(Prisma.sql`SELECT 2 AS two`))).toEqual([{ two: 2 }]);
  });
});
