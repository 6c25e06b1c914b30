// Plain JavaScript on purpose: it runs before TypeScript can be loaded in the thread. It
// registers tsx's loader (the app runs from source) and imports the thread's module.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
