// Plain JavaScript on purpose: it runs before TypeScript can be loaded in the thread. From source
// (tsx, tests) the thread's module is TypeScript, so tsx's loader is registered first; from the
// build (dist/) it is JavaScript and runs as it is.
import { workerData } from 'node:worker_threads';

if (workerData.module.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(workerData.module);
