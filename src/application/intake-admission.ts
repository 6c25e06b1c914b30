/**
 * Back-pressure on intake. A platform waits for our acknowledgement (Slack gives up at 3 s and
 * then retries); when the store is saturated, queueing more requests only makes every answer
 * slower. So intake admits a bounded number of stores at once and gives each a time budget:
 * past either, it refuses at once (503) and the platform delivers the message again. A store
 * that finishes after its budget ran out is kept (the retry is then a duplicate and acknowledged),
 * so nothing is lost and nothing is stored twice.
 */
export interface IntakeAdmissionLimits {
  /** Stores in progress at once; one more is refused without waiting. */
  maxPending: number;
  /** Longest a platform waits for an acknowledgement before it is refused. */
  ackBudgetMs: number;
}

export class IntakeSaturatedError extends Error {
  constructor(readonly reason: 'too_many_pending' | 'ack_budget') {
    super(reason === 'too_many_pending' ? 'too many messages are being stored at once' : 'the message could not be stored within the acknowledgement budget');
    this.name = 'IntakeSaturatedError';
  }
}

/** The timer the budget runs on: injectable so tests drive it (vi fake timers) instead of sleeping. */
export interface BudgetTimer {
  start(ms: number, onExpiry: () => void): () => void;
}

export const realBudgetTimer: BudgetTimer = {
  start(ms, onExpiry) {
    const t = setTimeout(onExpiry, ms);
    return () => clearTimeout(t);
  },
};

export class IntakeAdmission {
  private pending = 0;

  constructor(
    private readonly limits: IntakeAdmissionLimits,
    private readonly timer: BudgetTimer = realBudgetTimer,
  ) {}

  /**
   * Runs `store` if admitted and waits for it up to the budget. `late` is told the outcome of a
   * store that finished after its caller had been refused, so the message it stored is worked on.
   */
  run<T>(store: () => Promise<T>, late: (outcome: T) => void): Promise<T> {
    if (this.pending >= this.limits.maxPending) return Promise.reject(new IntakeSaturatedError('too_many_pending'));
    this.pending++;
    const stored = store().finally(() => this.pending--);
    return new Promise<T>((resolve, reject) => {
      let refused = false;
      const cancel = this.timer.start(this.limits.ackBudgetMs, () => {
        refused = true;
        reject(new IntakeSaturatedError('ack_budget'));
      });
      stored.then(
        (outcome) => {
          cancel();
          if (refused) late(outcome);
          else resolve(outcome);
        },
        (err: unknown) => {
          cancel();
          if (!refused) reject(err);
        },
      );
    });
  }
}
