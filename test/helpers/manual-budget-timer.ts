import type { BudgetTimer } from '../../src/workers/triage-pool.js';

/** Text that makes slow-triage-thread.ts spin until its thread is terminated. */
export const SPIN_MARK = '⏳spin';

/** Budget timers the test fires by hand: a budget runs out when the test says so, not after a sleep. */
export class ManualBudgetTimer implements BudgetTimer {
  private readonly pending = new Map<number, () => void>();
  private waiters: (() => void)[] = [];
  private handles = 0;

  set(fire: () => void): unknown {
    const handle = ++this.handles;
    this.pending.set(handle, fire);
    for (const w of this.waiters.splice(0)) w();
    return handle;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Resolves once a budget is running (a thread has a message). */
  armed(): Promise<void> {
    return this.pending.size > 0 ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }

  get running(): number {
    return this.pending.size;
  }

  /** Every running budget runs out now. */
  expireAll(): void {
    const fires = [...this.pending.values()];
    this.pending.clear();
    for (const f of fires) f();
  }
}
