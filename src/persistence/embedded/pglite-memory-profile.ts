import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

/**
 * PostgreSQL's memory settings for the embedded database, sized for one desk rather than for a
 * shared server. PGlite's WebAssembly memory only ever grows: whatever PostgreSQL touches once
 * (a buffer page, a sort area) stays resident until the process ends, so these caps are the
 * database process's idle footprint as much as its peak.
 */
const SETTINGS = {
  // Default 128MB. A desk's working set (open cases, their messages, the inbox/outbox rows) is a
  // few MB; pages that fall out are re-read from the folder's files, which the OS keeps cached.
  shared_buffers: '16MB',
  // Default 4MB per sort or hash. The desk's queries sort at most a page of cases or a report's
  // rows; bigger ones spill to temporary files instead of growing the heap for good.
  work_mem: '2MB',
  // Default 64MB, taken whole by CREATE INDEX and VACUUM. The migrations index small tables and a
  // desk's tables stay small: 16MB builds their indexes in memory all the same.
  maintenance_work_mem: '16MB',
  // Default 8MB, for temporary tables, which the desk never creates (800kB is the minimum).
  temp_buffers: '800kB',
  // Default -1: 1/32 of shared_buffers (512kB here). One session writes: 1MB holds a case
  // transaction's WAL until commit.
  wal_buffers: '1MB',
} as const;

/** PGlite's own start parameters (single-user mode, no parallel workers, …) plus the settings above. */
export const embeddedStartParams: readonly string[] = [...PGlite.defaultStartParams, ...Object.entries(SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`])];

/** The options the embedded database opens `dataDir` with. */
export function embeddedPgliteOptions(dataDir: string): PGliteOptions {
  return { dataDir, startParams: [...embeddedStartParams] };
}
