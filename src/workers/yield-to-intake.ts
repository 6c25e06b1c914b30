/** How long background work steps aside while customers' messages are arriving. */
export interface IntakeYield {
  /** Intake counts as quiet after this long without a new message. */
  quietMs: number;
  /** Never wait longer than this, so background work still moves under constant load. */
  maxYieldMs: number;
}

/**
 * Waits until intake has been quiet for `quietMs` (or `maxYieldMs` has passed). Acknowledgements
 * share this process's CPU, and on PGlite its one database session, with case creation and
 * delivery; they must come first, since Slack retries anything not acknowledged within 3 s.
 */
export async function yieldToIntake(lastAcceptAt: () => number, y: IntakeYield): Promise<void> {
  const started = performance.now();
  while (performance.now() - lastAcceptAt() < y.quietMs && performance.now() - started < y.maxYieldMs)
    await new Promise((r) => setTimeout(r, y.quietMs));
}
