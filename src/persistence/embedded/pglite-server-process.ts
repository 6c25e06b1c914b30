// The embedded database's own process. PGlite is PostgreSQL compiled to WebAssembly: every
// statement runs synchronously on the event loop of the process that holds it. Held by the bot,
// one case transaction would stall every acknowledgement and health probe behind it; held
// here, it runs on the other core and the bot talks to it over the PostgreSQL protocol, through
// the same `pg` driver as a real server.
import { rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { z } from 'zod';
import type { EmbeddedServerMessage } from './embedded-protocol.js';
import { embeddedPgliteOptions } from './pglite-memory-profile.js';

// argv[2] is this module's URL (module-boot.mjs), argv[3] the options.
const Args = z.object({ dataDir: z.string().min(1), socketPath: z.string().min(1) });
const args = Args.parse(JSON.parse(process.argv[3] ?? '{}'));

function tell(message: EmbeddedServerMessage): void {
  process.send?.(message);
}

// A small memory profile: see pglite-memory-profile.ts.
const db = new PGlite(embeddedPgliteOptions(args.dataDir));
// The bot's pool holds one connection; a second slot lets a replacement connect while the
// server is still closing the one it replaces. Statements never run on two at once: PGlite
// has one session, and the server queues the connections' messages onto it.
const server = new PGLiteSocketServer({ db, path: args.socketPath, maxConnections: 2 });

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => undefined);
  // Closing flushes PGlite's files: a kill without it may lose the last writes.
  await db.close().catch(() => undefined);
  process.exit(code);
}

// Ctrl-C reaches the whole process group: the bot decides when the database stops, after it
// has finished with it, so this process waits for the word (or for the bot to be gone).
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => void stop(0));
process.on('disconnect', () => void stop(0));
process.on('message', (m) => {
  if (m === 'stop') void stop(0);
});

try {
  await db.waitReady;
  // A process killed before it could close leaves its socket file behind, and listen() would refuse it.
  rmSync(args.socketPath, { force: true });
  await server.start();
  tell({ kind: 'ready' });
} catch (err) {
  tell({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
  await stop(1);
}
