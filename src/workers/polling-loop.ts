/**
 * Runs `work` until stopped: again at once while it finds something to do, otherwise after
 * `pollMs` or as soon as `poke()` says new work was written. Errors (the database away) only
 * mean "try again later": the rows are safe where they are.
 */
export class PollingLoop {
  private running = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(private readonly work: () => Promise<number>) {}

  start(pollMs: number): void {
    if (this.running) return;
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const done = await this.work().catch(() => 0);
        if (!this.running) break;
        if (done > 0) continue;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, pollMs);
          this.wakeUp = () => {
            clearTimeout(t);
            resolve();
          };
        });
        this.wakeUp = null;
      }
    })();
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
