import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances and HTTP servers are heavy; two cores, so keep forks few.
    pool: 'forks',
    maxWorkers: 2,
  },
});
