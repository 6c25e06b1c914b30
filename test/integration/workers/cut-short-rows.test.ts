// Real PGlite. A row whose processing failed while the database was away cannot be put back
// then; the worker gives it back as soon as it reaches the database again, not a lease later.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notifier, OutboundIntent } from '../../../src/core/ports.js';
import { InboxWorker } from '../../../src/workers/inbox-worker.js';
import { OutboxWorker } from '../../../src/workers/outbox-worker.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';

const databaseAway = () => Promise.reject(new Error('Connection terminated unexpectedly'));

describe('rows cut short by a database outage', () => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('inbox: a row that failed and could not be rescheduled is processed on the next drain, without waiting for its lease', async () => {
    await h.runtime.inbox.accept({
      platform: 'local',
      messageId: 'D-cut:1.1',
      customer: { userId: 'U-cut' },
      conversation: { channelId: 'D-cut', threadId: null },
      text: 'My washing machine leaks, order W-88120, please replace it',
    });
    let away = true;
    const real = h.runtime.inboxQueue;
    const queue: typeof real = Object.assign(Object.create(real) as typeof real, {
      retry: (...args: Parameters<typeof real.retry>) => (away ? databaseAway() : real.retry(...args)),
    });
    const worker = new InboxWorker({
      queue,
      inbox: h.runtime.inbox,
      clock: h.clock,
      workerId: 'cut-short',
      receive: (m) => (away ? databaseAway() : h.runtime.desk.receiveCustomerMessage(m)),
    });
    expect(await worker.drainOnce()).toBe(1);
    away = false;
    // The clock has not moved: only the release makes the row claimable again.
    expect(await worker.drainOnce()).toBe(1);
    expect(await h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: 'D-cut:1.1' } })).toBe(1);
    expect(await h.runtime.db.prisma.inboxMessage.findUniqueOrThrow({ where: { dedupeKey: 'local:D-cut:1.1' } })).toMatchObject({ status: 'done' });
  });

  it("inbox: a customer's later message waits while an earlier one could not be put back, so it cannot overtake it", async () => {
    const from = { platform: 'local' as const, customer: { userId: 'U-order' }, conversation: { channelId: 'D-order', threadId: null } };
    await h.runtime.inbox.accept({ ...from, messageId: 'D-order:1.1', text: 'The kettle arrived broken, order K-5531, I want a refund' });
    await h.runtime.inbox.accept({ ...from, messageId: 'D-order:1.2', text: 'Also the lid is missing' });
    let away = true;
    const real = h.runtime.inboxQueue;
    const queue: typeof real = Object.assign(Object.create(real) as typeof real, {
      retry: (...args: Parameters<typeof real.retry>) => {
        if (!away) return real.retry(...args);
        // The database comes back just after the put-back failed.
        away = false;
        return databaseAway();
      },
    });
    const received: string[] = [];
    const worker = new InboxWorker({
      queue,
      inbox: h.runtime.inbox,
      clock: h.clock,
      workerId: 'cut-order',
      receive: (m) => {
        if (away) return databaseAway();
        received.push(m.messageId);
        return h.runtime.desk.receiveCustomerMessage(m);
      },
    });
    await worker.drainOnce();
    expect(received).toEqual([]);
    await worker.drainOnce();
    expect(received).toEqual(['D-order:1.1', 'D-order:1.2']);
  });

  it('outbox: rows whose delivery failed and could not be rescheduled are delivered on the next drain', async () => {
    await h.say('outbox-cut', 'The sofa arrived torn, order S-4410, I want a refund');
    let away = true;
    const delivered: OutboundIntent[] = [];
    const local: Notifier = { platform: 'local', deliver: async (intent) => (away ? databaseAway() : void delivered.push(intent)) };
    const real = h.runtime.outboxQueue;
    const queue: typeof real = Object.assign(Object.create(real) as typeof real, {
      retry: (...args: Parameters<typeof real.retry>) => (away ? databaseAway() : real.retry(...args)),
    });
    const worker = new OutboxWorker({ queue, notifiers: { local }, clock: h.clock, workerId: 'cut-short-outbox' });
    await expect(worker.drainOnce()).rejects.toThrow('Connection terminated');
    away = false;
    const pending = await h.runtime.outboxQueue.pendingCount();
    expect(pending).toBeGreaterThan(0);
    let sent = 0;
    for (let r = await worker.drainOnce(); r.sent > 0; r = await worker.drainOnce()) sent += r.sent;
    expect(sent).toBe(pending);
    expect(await h.runtime.outboxQueue.pendingCount()).toBe(0);
  });
});
