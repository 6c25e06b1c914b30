import { afterAll, beforeAll, describe } from 'vitest';
import type { DatabaseOptions } from '../../src/persistence/database.js';
import { DATABASE_FLAVOURS, databaseFor, postgresUnavailableReason, type DatabaseFlavour } from '../../support/databases.js';

const pgReason = await postgresUnavailableReason();
if (pgReason) console.warn(`[skip] PostgreSQL half of the database suites: ${pgReason}`);

/**
 * Runs a suite once on the embedded PGlite and once on the real PostgreSQL at
 * 127.0.0.1:5432 (each in a scratch database). The PostgreSQL half is skipped, with the
 * reason printed, only when no server answers.
 */
export function describeOnDatabases(name: string, suite: (db: () => DatabaseOptions, flavour: DatabaseFlavour) => void): void {
  for (const flavour of DATABASE_FLAVOURS) {
    const skip = flavour === 'postgres' && pgReason !== null;
    (skip ? describe.skip : describe)(`${name} [${flavour}]`, () => {
      let options: DatabaseOptions | undefined;
      let cleanup = async () => {};
      beforeAll(async () => {
        const d = await databaseFor(flavour);
        options = d.options;
        cleanup = d.cleanup;
      });
      afterAll(() => cleanup());
      suite(() => options!, flavour);
    });
  }
}

export function describeOnPostgres(name: string, suite: (db: () => DatabaseOptions) => void): void {
  (pgReason ? describe.skip : describe)(`${name} [postgres]`, () => {
    let options: DatabaseOptions | undefined;
    let cleanup = async () => {};
    beforeAll(async () => {
      const d = await databaseFor('postgres');
      options = d.options;
      cleanup = d.cleanup;
    });
    afterAll(() => cleanup());
    suite(() => options!);
  });
}
