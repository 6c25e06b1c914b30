import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';

// The schema's env("DATABASE_URL") must resolve or the CLI looks for the native
// query engine online; without a database configured the embedded PGlite is used.
process.env.DATABASE_URL ??= 'postgresql://embedded-pglite/unused';

// The CLI runs on the JS engine with a driver adapter, so it needs no native
// binaries and works offline. Only `generate` and `migrate diff` are used.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (url && !url.includes('embedded-pglite')) return new PrismaPg({ connectionString: url });
    // pglite-prisma-adapter bundles its own copy of the adapter types; the shapes match at runtime.
    return new PrismaPGlite(new PGlite()) as unknown as PrismaPg;
  },
});
