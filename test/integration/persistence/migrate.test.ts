// Real databases: PGlite on disk and the PostgreSQL at 127.0.0.1:5432.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ChangedMigrationError, listMigrations, MIGRATIONS_DIR, migrate, migrationsApplied } from '../../../src/persistence/migrate.js';
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

  it('refuse to run when an applied migration file was changed afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-migrations-'));
    dirs.push(dir);
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const database = await openDatabase(db());
    await migrate(database, dir);
    // Regenerating 0001_init in place (what the old db-diff script did) never reaches this database.
    appendFileSync(join(dir, '0001_init', 'migration.sql'), '\nALTER TABLE "case" ADD COLUMN sneaked_in text;\n');
    await expect(migrate(database, dir)).rejects.toThrow(ChangedMigrationError);
    await expect(migrate(database, dir)).rejects.toThrow(/0001_init was changed after it was applied/);
    await database.close();
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
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

it('committed migrations are append-only: each keeps the checksum pinned when it was added', () => {
  // A new migration adds its line to prisma/migrations/checksums.txt; an edited one fails here, in CI.
  const pinned = new Map(
    readFileSync(join(MIGRATIONS_DIR, 'checksums.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.trim().split(/\s+/) as [string, string]),
  );
  for (const m of listMigrations()) expect({ name: m.name, checksum: m.checksum }).toEqual({ name: m.name, checksum: pinned.get(m.name) });
});

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
