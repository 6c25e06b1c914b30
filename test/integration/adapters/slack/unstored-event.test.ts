// Real Bolt HTTPReceiver and PGlite; the inbox is made to fail as it does when the database is away.
import { describe, expect, it, vi } from 'vitest';
import { createLogSink } from '../../../helpers/log-sink.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { nextTs } from '../../../helpers/slack-requests.js';
import { RETRY_AFTER_SECONDS } from '../../../../src/application/intake-unavailable.js';

describe('a Slack event the inbox cannot store', () => {
  const log = createLogSink('info');
  const desk = withSlackAdapter({ logger: log.logger });

  it('is answered 503 with Retry-After, not acknowledged, with one log line however many are refused; the retry is stored once', async () => {
    const inbox = desk.h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const complaint = { type: 'message', channel_type: 'im', channel: 'D0AWAY', user: 'U0AWAY', text: 'The fridge I bought stopped cooling, order F-30912', ts: nextTs() };
    const other = { ...complaint, user: 'U0AWAY2', channel: 'D0AWAY2', ts: nextTs() };
    try {
      const refused = await desk.sendEvent(complaint, { eventId: 'Ev-away-1' });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS.unavailable));
      expect((await desk.sendEvent(other, { eventId: 'Ev-away-2' })).status).toBe(503);
      expect((await desk.sendEvent(complaint, { eventId: 'Ev-away-1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } })).status).toBe(503);
    } finally {
      inbox.accept = realAccept;
    }
    expect(await desk.h.runtime.db.prisma.inboxMessage.count({ where: { dedupeKey: { startsWith: 'slack:D0AWAY' } } })).toBe(0);
    expect(log.warnings()).toEqual([
      'intake: database unavailable, refusing messages with 503 (not acknowledged) so the platform delivers them again',
    ]);

    expect((await desk.sendEvent(complaint, { eventId: 'Ev-away-1', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    expect((await desk.sendEvent(complaint, { eventId: 'Ev-away-1', headers: { 'x-slack-retry-num': '3', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    expect(log.lines.at(-1)!.msg).toBe('intake: database available again');
    while ((await desk.h.runtime.inboxWorker.drainOnce()) > 0);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count({ where: { dedupeKey: { startsWith: 'slack:D0AWAY' } } })).toBe(1);
    expect(await desk.h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: `D0AWAY:${complaint.ts}` } })).toBe(1);
  });
});

describe('a Slack event over the intake admission limit', () => {
  const desk = withSlackAdapter({ intakeAdmission: { maxPending: 1, ackBudgetMs: 2500 } });

  it('is answered 503 at once with a shorter Retry-After, and the held store is acknowledged when it completes', async () => {
    const inbox = desk.h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    let storing = false;
    // The first store waits, so it occupies the one admission slot while the second event arrives.
    inbox.accept = async (m) => {
      storing = true;
      await held;
      return realAccept(m);
    };
    const first = { type: 'message', channel_type: 'im', channel: 'D0BUSY1', user: 'U0BUSY1', text: 'My washing machine leaks, order W-55120', ts: nextTs() };
    const second = { ...first, channel: 'D0BUSY2', user: 'U0BUSY2', ts: nextTs() };
    try {
      const pending = desk.sendEvent(first, { eventId: 'Ev-busy-1' });
      await vi.waitFor(() => expect(storing).toBe(true));
      const refused = await desk.sendEvent(second, { eventId: 'Ev-busy-2' });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe(String(RETRY_AFTER_SECONDS.saturated));
      release();
      expect((await pending).status).toBe(200);
    } finally {
      release();
      inbox.accept = realAccept;
    }
  });
});
