import type { OutageLog } from '../shared/outage-log.js';

export interface PollingLoopOptions {
  /** Told about the first failure of a run of failures and about the recovery. */
  outage?: OutageLog;
  /** Longest wait between attempts while `work` keeps failing. */
  maxBackoffMs?: number;
}

/**
 * Runs `work` until stopped: again at once while it finds something to do, otherwise after
 * `pollMs` or as soon as `poke()` says new work was written. Errors (the database away) only
 * mean "try again later": the rows are safe where they are. While they repeat, the wait
 * doubles up to `maxBackoffMs`, so an outage costs a few attempts, not a busy loop.
 */
export class PollingLoop {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly work: () => Promise<number>,
    private readonly options: PollingLoopOptions = {},
  ) {}

  start(pollMs: number): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      let failuresInARow = 0;
      while (this.running) {
        let done = 0;
        try {
          done = await this.work();
          failuresInARow = 0;
          this.options.outage?.succeeded();
        } catch (err) {
          failuresInARow++;
          this.options.outage?.failed(err);
        }
        if (!this.running) break;
        if (done > 0) continue;
        const backoff = failuresInARow === 0 ? pollMs : Math.min(pollMs * 2 ** (failuresInARow - 1), this.options.maxBackoffMs ?? 5000);
        await this.sleep(backoff);
      }
    })();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        this.wakeUp = null;
        resolve();
      };
    });
  }

  poke(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
  }
}

/**
 * A worker that drains its queue on one PollingLoop: it says how to drain once (and how much it
 * did, so the loop knows whether to go again at once); starting, waking and stopping are the loop's.
 */
export abstract class PolledWorker {
  private readonly loop: PollingLoop;

  constructor(outage: OutageLog | undefined) {
    this.loop = new PollingLoop(() => this.drainCount(), outage ? { outage } : {});
  }

  /** Drains once; the number of rows it handled (0: nothing to do, wait for the next poll). */
  protected abstract drainCount(): Promise<number>;

  start(pollMs = 1000): void {
    this.loop.start(pollMs);
  }

  /** Wakes the loop at once: a handler has just written new work. */
  poke(): void {
    this.loop.poke();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
