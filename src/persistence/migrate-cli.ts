/** `npm run db:migrate`: applies pending migrations to the configured database (offline). */
import { loadEnv } from '../config/env.js';
import { openDatabase } from './database.js';
import { migrate } from './migrate.js';

const env = loadEnv();
const db = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDataDir: env.PGLITE_DATA_DIR });
try {
  const applied = await migrate(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.close();
}
