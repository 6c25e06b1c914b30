/**
 * How fast the desk turns stored messages into cases, without HTTP: N new complaints through
 * Desk.receiveCustomerMessage, `concurrency` at a time (as the inbox worker runs them), on a
 * scratch PostgreSQL, on PGlite inside this process, and on PGlite in its own process (what
 * `npm start` runs). Prints cases/s and this process' CPU per case.
 */
import { createDeskRuntime } from '../../src/app/desk-runtime.js';
import { loadDeskConfig } from '../../src/config/desk-config.js';
import { createScratchPostgres } from '../../support/databases.js';

const N = Number(process.env.CASES ?? 400);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 8);
const TEXTS = [
  '我买的电水壶用了两天就漏水了，订单号 20261116-8871，希望换一个新的。电话 13812345678',
  'My parcel never arrived, order 20261110-4411. I want a refund. Phone 13912345678',
  '快遞三天沒動了，訂單號 20261120-5521，請盡快處理，電話 0912345678',
];

export type CaseCreationTarget = 'postgres' | 'pglite' | 'pglite-process';

export async function measureCaseCreation(database: CaseCreationTarget = 'postgres'): Promise<{ casesPerSecond: number; cpuMsPerCase: number }> {
  const scratch = database === 'postgres' ? await createScratchPostgres() : null;
  const pgliteDataDir = process.env.CASE_PGLITE_DIR ?? 'memory://';
  const runtime = await createDeskRuntime({
    config: loadDeskConfig('config/desk.example.yaml'),
    database: scratch ? { url: scratch.url } : { pgliteDataDir, pglite: database === 'pglite-process' ? 'process' : 'inline' },
  });
  try {
    let next = 0;
    const started = performance.now();
    // CPU of this process (core, ORM, driver; not the database server): robust on a noisy machine where wall time is not.
    const cpuBefore = process.cpuUsage();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < N; i = next++) {
          await runtime.desk.receiveCustomerMessage({
            platform: 'slack',
            messageId: `bench-${i}`,
            customer: { userId: `U${i}`, displayName: `Customer ${i}` },
            conversation: { channelId: `D${i}`, threadId: null },
            text: TEXTS[i % TEXTS.length]!,
            attachments: i % 2 ? [{ fileId: `F${i}`, name: 'photo.jpg', mimeType: 'image/jpeg' }] : [],
          });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { casesPerSecond: N / seconds, cpuMsPerCase: (cpu.user + cpu.system) / 1000 / N };
  } finally {
    await runtime.close();
    await scratch?.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const targets = (process.env.CASE_TARGETS?.split(',') ?? ['postgres', 'pglite', 'pglite-process']) as CaseCreationTarget[];
  for (const db of targets) {
    const r = await measureCaseCreation(db);
    console.log(`case creation on ${db}: ${N} cases, concurrency ${CONCURRENCY}: ${r.casesPerSecond.toFixed(0)} cases/s, ${r.cpuMsPerCase.toFixed(1)} ms of bot CPU per case`);
  }
}
