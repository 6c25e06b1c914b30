import cron, { type ScheduledTask } from 'node-cron';
import type { DeskContext } from '../core/desk-settings.js';
import { runDueSlaSteps, type SlaRunResult } from '../core/sla/run-sla-steps.js';
import type { DueQueue } from '../application/leased-queue.js';
import type { OutageLog } from '../app/outage-log.js';

export interface SlaSchedulerOptions {
  ctx: DeskContext;
  due: DueQueue;
  /** Cases claimed per round; a tick keeps claiming until nothing is due. */
  batchSize?: number;
  leaseMs?: number;
  /** Cases worked on at once (each in its own short transaction). */
  concurrency?: number;
  onResult?: (r: SlaRunResult) => void;
  onError?: (err: unknown, caseId: string) => void;
  /** Logs a failed tick (the database away) once, and the next good tick. */
  outage?: OutageLog;
}

export interface TickResult {
  cases: number;
  steps: number;
  breaches: number;
}

/**
 * The scheduler only ticks: due work lives in the database (case.next_check_at), so a tick
 * after downtime catches up on everything that fell due meanwhile, once, in due order — node-cron
 * itself skips missed runs and must not be relied on for that.
 */
export class SlaScheduler {
  private task: ScheduledTask | null = null;

  constructor(private readonly o: SlaSchedulerOptions) {}

  async tick(now: Date = this.o.ctx.clock.now()): Promise<TickResult> {
    const result: TickResult = { cases: 0, steps: 0, breaches: 0 };
    for (;;) {
      const due = await this.o.due.claimDue(now, this.o.batchSize ?? 200, this.o.leaseMs ?? 120_000);
      if (due.length === 0) return result;
      const queue = [...due];
      const worker = async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          try {
            const r = await runDueSlaSteps(this.o.ctx, d.id, now);
            if (!r) continue;
            result.cases++;
            result.steps += r.steps.length;
            result.breaches += r.breaches.length;
            this.o.onResult?.(r);
          } catch (err) {
            // The lease runs out and the case is tried again on a later tick.
            this.o.onError?.(err, d.id);
          }
        }
      };
      await Promise.all(Array.from({ length: this.o.concurrency ?? 4 }, worker));
    }
  }

  /** Every minute by default, in the desk's time zone; an overlapping run is skipped, not queued. */
  start(expression = '* * * * *'): void {
    // A failed tick is retried by the next one; node-cron would print a stack trace every minute.
    const tick = () =>
      this.tick().then(
        () => this.o.outage?.succeeded(),
        (err: unknown) => this.o.outage?.failed(err),
      );
    this.task = cron.schedule(expression, tick, { timezone: this.o.ctx.settings.timeZone, noOverlap: true, name: 'sla-tick' });
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
  }
}
