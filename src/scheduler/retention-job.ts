import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { anonymiseClosedCases, monthsBefore, type RetentionResult } from '../persistence/personal-data.js';

export interface RetentionJobOptions {
  prisma: PrismaClient;
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
    const r = await anonymiseClosedCases(this.o.prisma, { closedBefore, at: now });
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
