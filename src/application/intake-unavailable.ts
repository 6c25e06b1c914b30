/**
 * The inbox could not store a customer's message. Every adapter answers it the same way: not
 * acknowledged (HTTP 503), so the platform delivers the message again later. It carries a code
 * because Bolt passes coded errors through unchanged, so the Slack receiver can recognise it.
 */
export class IntakeUnavailableError extends Error {
  readonly code = 'desk_intake_unavailable';
  constructor(cause: unknown) {
    super('the inbox could not store the message', { cause });
    this.name = 'IntakeUnavailableError';
  }
}
