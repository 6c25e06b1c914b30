import cron, { type ScheduledTask } from 'node-cron';
import type { DeskContext } from '../core/cases/desk-settings.js';
import { runDueSlaSteps, runDueSlaStepsBatch, type SlaRunResult } from '../core/cases/run-sla-steps.js';
import type { DueQueue } from '../application/leased-queue.js';
import type { OutageLog } from '../shared/outage-log.js';

export interface SlaSchedulerOptions {
  ctx: DeskContext;
  due: DueQueue;
  /** Cases claimed per round; a tick keeps claiming until nothing is due. */
  batchSize?: number;
  leaseMs?: number;
  /** Transactions worked on at once. */
  concurrency?: number;
  /** Cases taken in one transaction (locked together, their rows written in multi-row statements). */
  casesPerTransaction?: number;
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
    const counted = (r: SlaRunResult) => {
      result.cases++;
      result.steps += r.steps.length;
      result.breaches += r.breaches.length;
      this.o.onResult?.(r);
    };
    for (;;) {
      const due = await this.o.due.claimDue(now, this.o.batchSize ?? 200, this.o.leaseMs ?? 120_000);
      if (due.length === 0) return result;
      // A few transactions of many cases each: round trips, not the steps, are what a tick costs.
      const chunks = chunked(due.map((d) => d.id), this.o.casesPerTransaction ?? 50);
      const worker = async () => {
        for (let ids = chunks.shift(); ids; ids = chunks.shift()) {
          let results: SlaRunResult[] | null = null;
          try {
            results = await runDueSlaStepsBatch(this.o.ctx, ids, now);
          } catch {
            // One case's failure rolled back its batch: take the cases one by one, so only that one waits.
          }
          if (results) results.forEach(counted);
          else await this.oneByOne(ids, now, counted);
        }
      };
      await Promise.all(Array.from({ length: this.o.concurrency ?? 4 }, worker));
    }
  }

  private async oneByOne(ids: readonly string[], now: Date, counted: (r: SlaRunResult) => void): Promise<void> {
    for (const id of ids) {
      try {
        const r = await runDueSlaSteps(this.o.ctx, id, now);
        if (r) counted(r);
      } catch (err) {
        // The lease runs out and the case is tried again on a later tick.
        this.o.onError?.(err, id);
      }
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

function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
