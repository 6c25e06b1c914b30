import type { DeskRuntime } from '../../src/app/desk-runtime.js';

/**
 * What the inbox and outbox workers would do in the background, run now: every stored
 * message handled, then everything due in the outbox delivered (to the fakes at the edge).
 */
export async function settle(runtime: Pick<DeskRuntime, 'inboxWorker' | 'outbox'>): Promise<void> {
  while ((await runtime.inboxWorker.drainOnce()) > 0);
  while ((await runtime.outbox.drainOnce()).sent > 0);
}

/**
 * Polls `condition` until it holds, for what real time decides (a process restarting, a
 * worker loop on real timers). A condition that throws counts as "not yet": it often asks a
 * database that is on its way back; the last error is in the timeout message.
 */
export async function until(what: string, condition: () => Promise<boolean> | boolean, o: { timeoutMs?: number; intervalMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? 15_000);
  let lastError: unknown;
  for (;;) {
    try {
      if (await condition()) return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}${lastError ? ` (last error: ${(lastError as Error).message ?? String(lastError)})` : ''}`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 50));
  }
}
