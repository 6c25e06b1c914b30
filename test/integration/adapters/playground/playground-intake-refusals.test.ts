// The playground on the one intake path and the one error hook: an outage is answered as on
// Slack and Teams, and a refusal is told in the language of the staff member acting.
import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_SECONDS } from '../../../../src/application/intake-unavailable.js';
import { describeDeskError, deskErrors } from '../../../../src/core/errors.js';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';
import { createLogSink } from '../../../helpers/log-sink.js';

describe('playground intake and refusals (real HTTP server, inbox, desk on PGlite)', () => {
  const log = createLogSink('info');
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI, logger: log.logger });
  const post = playground.postRaw;
  const complaint = (customerId: string) => ({ customerId, displayName: 'Emma Clark', text: 'My parcel never arrived, order 20261110-4411. I want a refund.' });
  const received = async () => (await playground.runtime.metrics.registry.metrics()).split('\n').filter((l) => l.startsWith('desk_events_received_total{') && l.includes('platform="local"'));

  it('answers 503 with Retry-After during an outage, logs it once, and counts it as Slack and Teams do', async () => {
    const inbox = playground.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      for (const who of ['away-1', 'away-2']) {
        const res = await post('customer-messages', complaint(who));
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS.unavailable));
        expect(await res.text()).not.toMatch(/ECONNREFUSED/);
      }
    } finally {
      inbox.accept = realAccept;
    }
    expect(log.warnings().filter((m) => m.startsWith('intake:'))).toHaveLength(1);
    expect((await post('customer-messages', complaint('away-1'))).status).toBe(202);
    expect(await received()).toEqual(expect.arrayContaining(['desk_events_received_total{platform="local",outcome="unavailable"} 2', 'desk_events_received_total{platform="local",outcome="accepted"} 1']));
  });

  it('tells a refusal in the acting staff member’s own language, not the desk’s', async () => {
    await playground.settle();
    const c = await playground.runtime.db.prisma.case.findFirstOrThrow();
    // 吴昊 (security, zh-Hans) may not work a case of another department.
    const res = await post('staff-actions', { action: 'claim', actor: 'wu-hao', caseId: c.id });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { message: string };
    expect(body.message).toBe(describeDeskError(deskErrors.notPermitted({ reason: 'not_in_department', staff: '吴昊', number: c.number }), 'zh-Hans'));
  });
});
