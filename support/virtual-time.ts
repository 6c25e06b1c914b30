import type { ManualClock } from './manual-clock.js';

/**
 * A discrete-event clock for workers that sleep and talk to a real database: time moves only
 * when every worker is asleep and no database call or delivery is in flight, straight to the
 * earliest wake-up. No real sleeping, and the order of events follows the simulated clock.
 */
export class VirtualTime {
  private waiters: { at: number; wake: () => void }[] = [];
  private inFlight = 0;

  constructor(readonly clock: ManualClock) {}

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.waiters.push({ at: this.clock.now().getTime() + Math.max(0, ms), wake });
    });

  /** `target` with every promise-returning method counted as in flight until it settles. */
  track<T extends object>(target: T): T {
    return new Proxy(target, {
      get: (obj, key, receiver) => {
        const value = Reflect.get(obj, key, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
          if (!(result instanceof Promise)) return result;
          this.inFlight++;
          return result.finally(() => this.inFlight--);
        };
      },
    });
  }

  private async settle(): Promise<void> {
    // setImmediate runs after the microtasks: whatever a settled call led to has started by then.
    do await new Promise((r) => setImmediate(r));
    while (this.inFlight > 0);
    await new Promise((r) => setImmediate(r));
    if (this.inFlight > 0) return this.settle();
  }

  /** Runs until `done()` or until the clock passes `limitMs` from now; false when it ran out. */
  async run(done: () => boolean, limitMs: number): Promise<boolean> {
    const limit = this.clock.now().getTime() + limitMs;
    for (;;) {
      await this.settle();
      if (done()) return true;
      if (this.waiters.length === 0) return false;
      const at = Math.min(...this.waiters.map((w) => w.at));
      if (at > limit) return false;
      if (at > this.clock.now().getTime()) this.clock.set(new Date(at));
      const due = this.waiters.filter((w) => w.at <= at);
      this.waiters = this.waiters.filter((w) => w.at > at);
      for (const w of due) w.wake();
    }
  }

  /** Wakes every sleeper (to let worker loops see that they should stop). */
  wakeAll(): void {
    for (const w of this.waiters.splice(0)) w.wake();
  }
}
