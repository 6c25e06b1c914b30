import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { RateLimitedError, type Clock } from '../../core/ports.js';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * The connector client's HTTP pipeline (@azure/core-client) has a `defaultRetryPolicy` that
 * sleeps out 429 and 5xx answers inside the call (Retry-After, then exponential, 3 times).
 * Our outbox retries instead: persisted, per conversation and in order, on the injected
 * clock, within its lease. The pipeline sits on a field botbuilder types as private, so
 * this reaches in; it reports whether it found the policy.
 */
export function removeInlineRetries(client: ConnectorClient): boolean {
  const pipeline = (client as unknown as { client?: { pipeline?: { getOrderedPolicies(): { name: string }[]; removePolicy(p: { name: string }): unknown } } }).client?.pipeline;
  if (!pipeline?.getOrderedPolicies().some((p) => p.name === 'defaultRetryPolicy')) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return true;
}

function withoutInlineRetries(factory: ConnectorFactory, onMissing: () => void): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string) => {
      const client = await factory.create(serviceUrl, audience);
      if (!removeInlineRetries(client)) onMissing();
      return client;
    },
  };
}

/**
 * Bot Framework authentication from our settings (an empty app id turns it off, as in
 * botbuilder) whose connector clients answer 429 at once instead of sleeping on it.
 */
export class OutboxRetriedAuthentication extends ConfigurationBotFrameworkAuthentication {
  private warned = false;

  constructor(
    options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    private readonly onPolicyMissing: () => void = () => {},
    credentialsFactory?: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1],
  ) {
    super(options, credentialsFactory);
  }

  private readonly missing = () => {
    if (this.warned) return;
    this.warned = true;
    this.onPolicyMissing();
  };

  override createConnectorFactory(...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>): ConnectorFactory {
    return withoutInlineRetries(super.createConnectorFactory(...args), this.missing);
  }

  override async authenticateRequest(activity: Activity, authHeader: string) {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: withoutInlineRetries(result.connectorFactory, this.missing) } : result;
  }
}

// Answers the Bot Connector means as "try again" (Teams rate limits, PLATFORM-NOTES).
const RETRYABLE_STATUS = new Set([412, 429, 502, 504]);

function retryAfterHeader(err: object): string | undefined {
  const headers = (err as { response?: { headers?: unknown } }).response?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') return (get.call(headers, 'retry-after') as string | undefined) ?? undefined;
  const value = (headers as Record<string, unknown>)['retry-after'];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After is seconds or an HTTP date; without it, wait 1–2 s (jittered so replicas do not retry in step). */
export function retryDelayMs(header: string | undefined, clock: Clock, jitter: () => number = Math.random): number {
  if (header !== undefined && header.trim() !== '') {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(seconds * 1000, 100);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.max(at - clock.now().getTime(), 100);
  }
  return 1000 + Math.round(jitter() * 1000);
}

/**
 * A connector failure the outbox should wait out (429, 412, 502, 504) as the core's
 * RateLimitedError, which reschedules the conversation's queue in order and never drops it;
 * anything else is returned unchanged.
 */
export function asRetryable(err: unknown, clock: Clock): unknown {
  if (!err || typeof err !== 'object') return err;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || !RETRYABLE_STATUS.has(status)) return err;
  const waitMs = retryDelayMs(retryAfterHeader(err), clock);
  return new RateLimitedError(waitMs, `Bot Connector answered ${status}; retrying in ${waitMs} ms`);
}
