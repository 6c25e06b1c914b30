import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/ports/clock.js';
import type { RetentionResult, RetentionStore } from '../core/ports/retention.js';
import { monthsBefore } from '../core/privacy/retention-cutoff.js';

export interface RetentionJobOptions {
  store: RetentionStore;
  clock: Clock;
  months: number;
  timeZone: string;
  cron: string;
  onResult?: (r: RetentionResult, closedBefore: Date) => void;
  onError?: (err: unknown) => void;
}

/**
 * The retention period, applied by the scheduler: closed cases older than `months` are
 * anonymised. Daily by default; a missed run is simply caught up by the next one, since the
 * work is whatever the database says is past the cutoff.
 */
export class RetentionJob {
  private task: ScheduledTask | null = null;

  constructor(private readonly o: RetentionJobOptions) {}

  async run(now: Date = this.o.clock.now()): Promise<RetentionResult> {
    const closedBefore = monthsBefore(now, this.o.months);
    const r = await this.o.store.anonymiseClosedCases({ closedBefore, at: now });
    this.o.onResult?.(r, closedBefore);
    return r;
  }

  start(): void {
    const run = () => this.run().then(() => undefined, (err: unknown) => this.o.onError?.(err));
    this.task = cron.schedule(this.o.cron, run, { timezone: this.o.timeZone, noOverlap: true, name: 'retention' });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
  }
}
