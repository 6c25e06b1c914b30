import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/persistence/database.js';
import { type EmbeddedPgliteServer, startEmbeddedPglite } from '../../../src/persistence/embedded/embedded-pglite.js';
import { migrate } from '../../../src/persistence/migrate.js';
import { until } from '../../helpers/wait.js';

// Real PGlite in a real child process, reached through the real `pg` driver over its unix socket.
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'desk-embedded-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(dataDir: string, onUnexpectedExit?: () => void): Promise<EmbeddedPgliteServer> {
  const server = await startEmbeddedPglite(dataDir, { ...(onUnexpectedExit ? { onUnexpectedExit } : {}) });
  cleanups.push(() => server.stop());
  return server;
}

function connect(server: EmbeddedPgliteServer): pg.Pool {
  const pool = new pg.Pool({ host: server.host, port: server.port, user: 'postgres', database: 'postgres', max: 1, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  return pool;
}

// Each test starts a database process (PGlite's WASM boot, plus tsx from source): slow on a loaded machine.
describe('embedded PGlite in its own process (real PGlite, child process, pg driver)', { timeout: 120_000 }, () => {
  it('serves the data folder from another process, over a socket only this user can reach', async () => {
    const server = await serve(join(scratchDir(), 'pglite'));
    expect(server.pid).toBeDefined();
    expect(server.pid).not.toBe(process.pid);
    const { rows } = await connect(server).query<{ answer: number }>('SELECT 41 + 1 AS answer');
    expect(rows).toEqual([{ answer: 42 }]);
    await server.stop();
    expect(existsSync(server.host)).toBe(false);
  });

  it('runs a long statement without holding this process: timers fire while it works', async () => {
    const server = await serve(join(scratchDir(), 'pglite'));
    const pool = connect(server);
    let timerFiredDuringQuery = false;
    let queryDone = false;
    setTimeout(() => {
      timerFiredDuringQuery = !queryDone;
    }, 20);
    // Long enough (about a second of WASM) that an in-process PGlite would hold the timer back.
    await pool.query('SELECT count(*) FROM generate_series(1, 3000000) AS g(n) WHERE n % 7 = 0');
    queryDone = true;
    expect(timerFiredDuringQuery).toBe(true);
  });

  it('starts a killed database process again on the same folder, keeping what was committed', async () => {
    const exits: number[] = [];
    const server = await serve(join(scratchDir(), 'pglite'), () => exits.push(1));
    const pool = connect(server);
    await pool.query('CREATE TABLE kept (n int)');
    await pool.query('INSERT INTO kept VALUES (7)');
    const first = server.pid;
    process.kill(first!, 'SIGKILL');
    await until('the database process is back', async () => server.pid !== first && (await pool.query('SELECT 1')).rowCount === 1, { timeoutMs: 30_000, intervalMs: 100 });
    expect(exits).toHaveLength(1);
    const { rows } = await pool.query<{ n: number }>('SELECT n FROM kept');
    expect(rows).toEqual([{ n: 7 }]);
  });

  it('is what openDatabase gives the bot: migrations, the ORM and raw SQL on one pooled connection', async () => {
    const db = await openDatabase({ pgliteDataDir: join(scratchDir(), 'pglite'), pglite: 'process' });
    cleanups.push(() => db.close());
    expect(db.kind).toBe('pglite');
    // Raw SQL has its own turn on the pool, not a seat inside the ORM's open transaction.
    expect(db.sharedSession).toBe(false);
    await migrate(db);
    const [tx] = await Promise.all([
      db.prisma.$transaction(async (t) => {
        await t.$executeRawUnsafe(`INSERT INTO inbox_message (dedupe_key, platform, message, received_at, available_at) VALUES ('t:1', 'slack', '{}'::jsonb, now(), now())`);
        return 'committed';
      }),
      db.query(`INSERT INTO inbox_message (dedupe_key, platform, message, received_at, available_at) VALUES ('t:2', 'slack', '{}'::jsonb, now(), now())`),
    ]);
    expect(tx).toBe('committed');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox_message'))[0]?.n).toBe(2);
  });

  it('runs with the small memory profile of a single desk, not a shared server', async () => {
    const pool = connect(await serve('memory://'));
    const setting = async (name: string) => (await pool.query<{ v: string }>(`SELECT current_setting($1) AS v`, [name])).rows[0]?.v;
    // PGlite's memory never shrinks: what PostgreSQL may touch is what the process keeps.
    expect(await setting('shared_buffers')).toBe('16MB');
    expect(await setting('maintenance_work_mem')).toBe('16MB');
    expect(await setting('work_mem')).toBe('2MB');
    // PGlite's own start parameters are kept next to them.
    expect(await setting('max_parallel_workers_per_gather')).toBe('0');
  });

  it('opens inline PGlite (tests, one-shot CLIs) with the same memory profile', async () => {
    const db = await openDatabase({ pgliteDataDir: 'memory://', pglite: 'inline' });
    cleanups.push(() => db.close());
    const [row] = await db.query<{ v: string }>(`SELECT current_setting('shared_buffers') AS v`);
    expect(row?.v).toBe('16MB');
  });

  it('keeps a memory:// database in the database process', async () => {
    const db = await openDatabase({ pgliteDataDir: 'memory://', pglite: 'process' });
    cleanups.push(() => db.close());
    await db.query('CREATE TABLE t (n int)');
    await db.query('INSERT INTO t VALUES (1)');
    expect(await db.query('SELECT n FROM t')).toEqual([{ n: 1 }]);
  });
});
