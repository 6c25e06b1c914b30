// Real databases: PGlite on disk and the PostgreSQL at 127.0.0.1:5432.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { listMigrations, migrate, migrationsApplied } from '../../../src/persistence/migrate.js';
import { openDatabase } from '../../../src/persistence/database.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

describeOnDatabases('migrations', (db, flavour) => {
  it('apply once, in order, and a second run is a no-op', async () => {
    const first = await openDatabase(db());
    const applied = await migrate(first);
    expect(applied).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(first)).toEqual([]);
    expect(await migrationsApplied(first)).toBe(true);
    const [seq] = await first.query<{ n: string }>(`SELECT nextval('case_number_seq')::text AS n`);
    expect(Number(seq!.n)).toBeGreaterThan(0);
    await first.close();
  });

  if (flavour === 'postgres')
    it('run exactly once when three replicas start together', async () => {
      const replicas = await Promise.all([0, 1, 2].map(() => openDatabase(db())));
      await Promise.all(replicas.map((r) => migrate(r)));
      const rows = await replicas[0]!.query<{ name: string }>(`SELECT name FROM "_desk_migrations" ORDER BY name`);
      expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
      await Promise.all(replicas.map((r) => r.close()));
    });
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

it('PGlite keeps its data in the folder across restarts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-pglite-'));
  dirs.push(dir);
  const a = await openDatabase({ pgliteDataDir: dir });
  await migrate(a);
  await a.prisma.department.create({ data: { key: 'kept', name: 'Kept' } });
  await a.close();
  const b = await openDatabase({ pgliteDataDir: dir });
  expect(await migrate(b)).toEqual([]);
  expect(await b.prisma.department.findUnique({ where: { key: 'kept' } })).toMatchObject({ name: 'Kept' });
  await b.close();
});
