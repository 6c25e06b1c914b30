import { SocketModeReceiver, type App, type ReceiverEvent, type SocketModeReceiverOptions } from '@slack/bolt';
import { IntakeUnavailableError } from '../../application/intake-unavailable.js';
import type { Logger } from '../../shared/logger.js';

/** What @slack/socket-mode emits as `slack_event` for every envelope but hello and disconnect. */
interface SocketEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  type: string;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Socket Mode that acknowledges an envelope only after the listeners finished, as
 * `processBeforeResponse` does over HTTP. Bolt's own SocketModeReceiver hands the listeners
 * an `ack` that sends at once, and App.processEvent acks every Events API event before any
 * listener runs: a message the inbox could not store was acknowledged and lost. Here `ack()`
 * only records the response; it is sent once processEvent resolves. When a listener throws
 * (the inbox is down), nothing is sent and Slack delivers the envelope again (`retry_attempt`).
 */
export class DurableSocketModeReceiver extends SocketModeReceiver {
  private bolt: App | undefined;

  constructor(
    options: SocketModeReceiverOptions,
    private readonly log: Pick<Logger, 'warn' | 'debug'>,
  ) {
    super(options);
    // Replace the parent's envelope handler, which passes Slack's ack straight to Bolt.
    this.client.removeAllListeners('slack_event');
    this.client.on('slack_event', (envelope: SocketEnvelope) => void this.handle(envelope));
  }

  override init(app: App): void {
    this.bolt = app;
    super.init(app);
  }

  private async handle(envelope: SocketEnvelope): Promise<void> {
    let response: { body: Record<string, unknown> | undefined } | null = null;
    const event: ReceiverEvent = {
      body: envelope.body,
      // Bolt types ack bodies loosely (a string, a view, options).
      ack: async (body?: unknown) => {
        response ??= { body: typeof body === 'string' ? { text: body } : (body as Record<string, unknown> | undefined) };
      },
      ...(envelope.retry_num !== undefined ? { retryNum: envelope.retry_num } : {}),
      ...(envelope.retry_reason !== undefined ? { retryReason: envelope.retry_reason } : {}),
    };
    try {
      await this.bolt?.processEvent(event);
    } catch (err) {
      const line = { envelopeId: envelope.envelope_id, type: envelope.type, retryNum: envelope.retry_num ?? 0 };
      // An inbox outage is logged once by the intake; every unacknowledged envelope only at debug.
      if (err instanceof IntakeUnavailableError) this.log.debug(line, 'socket mode envelope not acknowledged: the message could not be stored; Slack delivers it again');
      else this.log.warn({ ...line, err: (err as Error).message }, 'socket mode envelope not acknowledged: a listener failed; Slack delivers it again');
      return;
    }
    const answer = response as { body: Record<string, unknown> | undefined } | null;
    // Nothing acknowledged it (no listener for an action): like HTTP, Slack sees no answer.
    if (!answer) return this.log.debug({ envelopeId: envelope.envelope_id, type: envelope.type }, 'socket mode envelope not acknowledged by any listener');
    await envelope.ack(answer.body).catch((err: unknown) => this.log.warn({ envelopeId: envelope.envelope_id, err: (err as Error).message }, 'socket mode acknowledgement could not be sent; Slack delivers the envelope again'));
  }
}
