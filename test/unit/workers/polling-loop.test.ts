import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutageLog, type StatusLogger } from '../../../src/shared/outage-log.js';
import { PollingLoop } from '../../../src/workers/polling-loop.js';

function recordingLogger(): StatusLogger & { lines: { level: string; message: string; details: object }[] } {
  const lines: { level: string; message: string; details: object }[] = [];
  return {
    lines,
    warn: (details, message) => lines.push({ level: 'warn', message, details }),
    info: (details, message) => lines.push({ level: 'info', message, details }),
  };
}

describe('OutageLog', () => {
  it('logs the first failure and the recovery, counting the failures in between', () => {
    const logger = recordingLogger();
    let clock = 0;
    const outage = new OutageLog(logger, 'inbox worker', 'retrying', () => clock);
    outage.succeeded();
    for (let i = 0; i < 50; i++) outage.failed(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    clock = 6000;
    outage.succeeded();
    outage.succeeded();
    expect(logger.lines).toEqual([
      { level: 'warn', message: 'inbox worker: database unavailable, retrying', details: { err: 'connect ECONNREFUSED 127.0.0.1:5432' } },
      { level: 'info', message: 'inbox worker: database available again', details: { downSeconds: 6, failures: 50 } },
    ]);
  });

  it("keeps only the cause from Prisma's several-line messages", () => {
    const logger = recordingLogger();
    new OutageLog(logger, 'outbox worker', 'retrying').failed(new Error("\nInvalid `prisma.$queryRaw()` invocation:\n\n\nCan't reach database server at 127.0.0.1:5432"));
    expect(logger.lines[0]!.details).toEqual({ err: "Can't reach database server at 127.0.0.1:5432" });
  });
});

// The loop sleeps with setTimeout: with it faked, every wait is exactly the one the loop chose.
describe('PollingLoop (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('survives failing work, backs off while it fails, and says once that it is down and once that it is back', async () => {
    const logger = recordingLogger();
    const startedAt: number[] = [];
    let failuresLeft = 5;
    const loop = new PollingLoop(
      async () => {
        startedAt.push(performance.now());
        if (failuresLeft-- > 0) throw new Error('Connection terminated unexpectedly');
        return 0;
      },
      { outage: new OutageLog(logger, 'test worker', 'retrying'), maxBackoffMs: 80 },
    );
    loop.start(10);
    await vi.advanceTimersByTimeAsync(10 + 20 + 40 + 80 + 80 + 10);
    await loop.stop();
    // Waits after failures 1..5: 10, 20, 40, 80 (capped), 80 ms; the first good run polls again after 10 ms.
    const gaps = startedAt.slice(1).map((t, i) => t - startedAt[i]!);
    expect(gaps).toEqual([10, 20, 40, 80, 80, 10]);
    expect(logger.lines.map((l) => `${l.level} ${l.message}`)).toEqual(['warn test worker: database unavailable, retrying', 'info test worker: database available again']);
  });

  it('wakes from a back-off at once when poked', async () => {
    let calls = 0;
    const loop = new PollingLoop(async () => {
      calls++;
      throw new Error('down');
    }, { maxBackoffMs: 60_000 });
    loop.start(60_000);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(calls).toBe(1);
    loop.poke();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    await loop.stop();
  });
});
