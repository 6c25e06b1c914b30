import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { yieldToIntake } from '../../../src/workers/yield-to-intake.js';

describe('yieldToIntake (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('goes at once when intake is quiet', async () => {
    let done = false;
    void yieldToIntake(() => performance.now() - 1000, { quietMs: 20, maxYieldMs: 2000 }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('waits for a lull while messages keep arriving, but never longer than maxYieldMs', async () => {
    let done = false;
    void yieldToIntake(() => performance.now(), { quietMs: 20, maxYieldMs: 2000 }).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(1900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(true);
  });

  it('goes as soon as intake falls quiet', async () => {
    let last = 0;
    let done = false;
    void yieldToIntake(() => last, { quietMs: 20, maxYieldMs: 2000 }).then(() => (done = true));
    last = performance.now();
    await vi.advanceTimersByTimeAsync(10);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(40);
    expect(done).toBe(true);
  });
});
