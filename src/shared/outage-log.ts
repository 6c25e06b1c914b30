/** The two log levels an outage needs; a pino logger fits. */
export interface StatusLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export const silentStatusLogger: StatusLogger = { warn: () => {}, info: () => {} };

/**
 * Says once that `subject` lost the database and once that it is back, however many
 * operations fail in between: an outage of a few seconds under load would otherwise be
 * hundreds of identical error lines. The failures are counted and reported with the recovery.
 */
export class OutageLog {
  private downSince: number | null = null;
  private failures = 0;

  constructor(
    private readonly logger: StatusLogger,
    private readonly subject: string,
    /** What happens meanwhile, for the operator reading the first line. */
    private readonly meanwhile: string,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get isDown(): boolean {
    return this.downSince !== null;
  }

  failed(err: unknown): void {
    this.failures++;
    if (this.downSince !== null) return;
    this.downSince = this.now();
    this.logger.warn({ err: errorMessage(err) }, `${this.subject}: database unavailable, ${this.meanwhile}`);
  }

  succeeded(): void {
    if (this.downSince === null) return;
    const downSeconds = Math.round((this.now() - this.downSince) / 100) / 10;
    this.logger.info({ downSeconds, failures: this.failures }, `${this.subject}: database available again`);
    this.downSince = null;
    this.failures = 0;
  }
}

/** One line: Prisma's messages start with several lines naming the invocation; the cause is last. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const lines = err.message.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? (err as { code?: string }).code ?? err.name;
}
