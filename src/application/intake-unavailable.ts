import { IntakeSaturatedError } from './intake-admission.js';

/**
 * Seconds a refused platform is asked to wait before delivering again (the 503's Retry-After).
 * Shed load clears within about one store's time, a database that is away takes longer to come back.
 */
export const RETRY_AFTER_SECONDS = { saturated: 1, unavailable: 5 } as const;

/**
 * The inbox could not store a customer's message. Every adapter answers it the same way: not
 * acknowledged (HTTP 503 with Retry-After), so the platform delivers the message again later.
 * It carries a code because Bolt passes coded errors through unchanged, so the Slack receiver
 * can recognise it.
 */
export class IntakeUnavailableError extends Error {
  readonly code = 'desk_intake_unavailable';
  /** For the Retry-After header (seconds), decided here once for every adapter. */
  readonly retryAfterSeconds: number;
  constructor(cause: unknown) {
    super('the inbox could not store the message', { cause });
    this.name = 'IntakeUnavailableError';
    this.retryAfterSeconds = cause instanceof IntakeSaturatedError ? RETRY_AFTER_SECONDS.saturated : RETRY_AFTER_SECONDS.unavailable;
  }
}
