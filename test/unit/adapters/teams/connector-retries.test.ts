import { CloudAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { asRetryable, OutboxRetriedAuthentication, retryDelayMs } from '../../../../src/adapters/teams/connector-retries.js';
import { RateLimitedError } from '../../../../src/core/ports.js';

const clock = { now: () => new Date('2026-11-23T02:00:00Z') };
const restError = (statusCode: number, retryAfter?: string) => Object.assign(new Error(`status ${statusCode}`), { statusCode, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

describe('Bot Connector answers that mean "wait"', () => {
  it('turns 429, 412, 502 and 504 into RateLimitedError with the Retry-After delay', () => {
    for (const status of [429, 412, 502, 504]) {
      const err = asRetryable(restError(status, '7'), clock);
      expect(err).toBeInstanceOf(RateLimitedError);
      expect((err as RateLimitedError).retryAfterMs).toBe(7000);
    }
  });

  it('reads Retry-After as an HTTP date too, and waits 1–2 s when there is none', () => {
    expect(retryDelayMs('Mon, 23 Nov 2026 02:00:30 GMT', clock)).toBe(30_000);
    expect(retryDelayMs(undefined, clock, () => 0.5)).toBe(1500);
    expect(retryDelayMs('0', clock)).toBe(100);
  });

  it('leaves other failures alone (404 conversation gone, 403 bot removed, network errors)', () => {
    const notFound = restError(404);
    expect(asRetryable(notFound, clock)).toBe(notFound);
    const network = new Error('ECONNREFUSED');
    expect(asRetryable(network, clock)).toBe(network);
  });

  it('builds connector clients without the in-call retry policy, so a 429 reaches the outbox at once', async () => {
    let missing = 0;
    const auth = new OutboxRetriedAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant', MicrosoftAppTenantId: '' }, () => missing++);
    // The client a proactive turn gets, the one the notifier sends with.
    let client: unknown;
    const address = { serviceUrl: 'http://127.0.0.1:9/', channelId: 'msteams', conversation: { id: 'a:1chat' }, bot: { id: '28:bot' } };
    await new CloudAdapter(auth).continueConversationAsync('', address as never, async (tc) => {
      client = tc.turnState.get(tc.adapter.ConnectorClientKey);
    });
    const policies = (client as { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } }).client.pipeline.getOrderedPolicies().map((p) => p.name);
    expect(policies).toContain('logPolicy'); // the pipeline is there, only the retry is gone
    expect(policies).not.toContain('defaultRetryPolicy');
    expect(missing).toBe(0);
  });
});
