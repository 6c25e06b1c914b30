// Starts a worker thread's or a child process's module. Plain JavaScript on purpose: it runs
// before TypeScript can be loaded. From source (tsx, tests) the module is TypeScript, so tsx's
// loader is registered first; from the build (dist/) it is JavaScript and runs as it is.
// The module's URL comes in workerData.module (a thread) or as the first argument (a process).
import { isMainThread, workerData } from 'node:worker_threads';

const module = isMainThread ? process.argv[2] : workerData.module;
if (!module) throw new Error('module-boot: no module to start');
if (module.endsWith('.ts')) (await import('tsx/esm/api')).register();
await import(module);
