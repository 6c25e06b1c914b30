// Real databases: PGlite and the PostgreSQL at 127.0.0.1:5432.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CustomerMessage } from '../../../src/core/ports.js';
import { InboxWorker } from '../../../src/workers/inbox-worker.js';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

const message = (id: string, userId: string, text: string): CustomerMessage => ({
  platform: 'slack',
  messageId: id,
  customer: { userId },
  conversation: { channelId: `D-${userId}`, threadId: null },
  text,
});

describeOnDatabases('durable inbox', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  it('stores a message once however often it is delivered at the same time', async () => {
    const m = message('1700000000.0001', 'U1', 'My blender arrived broken! Order ORD-5531, phone 13811112222');
    const results = await Promise.all([m, m, m, m].map((x) => h.runtime.inbox.accept(x)));
    expect(results.sort()).toEqual(['accepted', 'duplicate', 'duplicate', 'duplicate']);
    expect(await h.runtime.inbox.accept(m)).toBe('duplicate');
    expect(await h.runtime.inboxQueue.pendingCount()).toBe(1);
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    expect(await h.runtime.inboxQueue.pendingCount()).toBe(0);
    const cases = await h.runtime.db.prisma.case.count({ where: { platform: 'slack', channelId: 'D-U1' } });
    expect(cases).toBe(1);
  });

  it('writes a burst of different messages in few commits and loses none', async () => {
    const burst = Array.from({ length: 60 }, (_, i) => message(`burst-${i}`, `UB${i % 30}`, `Parcel ${i} never arrived, tracking SF10000${i}`));
    const results = await Promise.all(burst.map((m) => h.runtime.inbox.accept(m)));
    expect(results.every((r) => r === 'accepted')).toBe(true);
    expect(await h.runtime.inboxQueue.pendingCount()).toBe(60);
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    const stored = await h.runtime.db.prisma.caseMessage.count({ where: { platform: 'slack', platformMessageId: { startsWith: 'burst-' } } });
    expect(stored).toBe(60);
  });

  it('holds a thread reply that overtook the message starting the thread until that one is taken in', async () => {
    const root: CustomerMessage = {
      ...message('D-U-ooo:1790000000.000100', 'U-ooo', '我买的电水壶漏水了，订单号 20261116-8871，希望换一个新的'),
      conversation: { channelId: 'D-U-ooo', threadId: '1790000000.000100' },
    };
    const reply: CustomerMessage = {
      ...message('D-U-ooo:1790000000.000200', 'U-ooo', '您好，照片见附件'),
      conversation: { channelId: 'D-U-ooo', threadId: '1790000000.000100' },
      threadRootMessageId: root.messageId,
      attachments: [{ fileId: 'F-ooo', name: 'leak.jpg', mimeType: 'image/jpeg', url: null }],
    };
    // The reply is stored first, as when the original delivery of the complaint failed.
    await h.runtime.inbox.accept(reply);
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    expect(await h.runtime.inboxQueue.pendingCount()).toBe(1);
    await h.runtime.inbox.accept(root);
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    h.clock.advance(1_000);
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    expect(await h.runtime.inboxQueue.pendingCount()).toBe(0);
    const cases = await h.runtime.db.prisma.case.findMany({ where: { channelId: 'D-U-ooo' }, include: { messages: { where: { direction: 'inbound' } }, evidence: true } });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.messages.map((m) => m.platformMessageId).sort()).toEqual([root.messageId, reply.messageId]);
    expect(cases[0]!.evidence.some((e) => e.fileId === 'F-ooo')).toBe(true);
  });

  it('takes a reply in on its own once the message starting its thread is overdue', async () => {
    const reply: CustomerMessage = {
      ...message('D-U-orphan:1790000001.000200', 'U-orphan', 'The kettle I bought leaks, order 20261116-8872, I want a replacement'),
      conversation: { channelId: 'D-U-orphan', threadId: '1790000001.000100' },
      threadRootMessageId: 'D-U-orphan:1790000001.000100',
    };
    await h.runtime.inbox.accept(reply);
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    expect(await h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: reply.messageId } })).toBe(0);
    h.clock.advance(121_000);
    expect(await h.runtime.inboxWorker.drainOnce()).toBe(1);
    expect(await h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: reply.messageId } })).toBe(1);
  });

  it('stores text PostgreSQL would refuse (NUL, lone surrogates) without failing the other messages of its batch', async () => {
    const hostile = message('nul-1', 'U-nul', 'broken\u0000 kettle \ud800 order ORD-1');
    const innocent = message('nul-2', 'U-innocent', 'My parcel never arrived, tracking SF1000999');
    expect(await Promise.all([h.runtime.inbox.accept(hostile), h.runtime.inbox.accept(innocent)])).toEqual(['accepted', 'accepted']);
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    const stored = await h.runtime.db.prisma.caseMessage.findFirstOrThrow({ where: { platformMessageId: 'nul-1' } });
    expect(stored.text).toBe('broken kettle \ufffd order ORD-1');
    expect(await h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: 'nul-2' } })).toBe(1);
  });

  it('hands the rows of a worker that died mid-batch to another worker after the lease', async () => {
    const m = message('lost-worker-1', 'U-crash', 'The heater is broken and sparks! order H-77821');
    await h.runtime.inbox.accept(m);
    // A replica claims the row and dies before processing it.
    const { rows: claimed } = await h.runtime.inboxQueue.claim('dead-replica', 10, 60_000);
    expect(claimed).toHaveLength(1);
    const survivor = new InboxWorker({ queue: h.runtime.inboxQueue, inbox: h.runtime.inbox, clock: h.clock, workerId: 'survivor', receive: (x) => h.runtime.desk.receiveCustomerMessage(x) });
    expect(await survivor.drainOnce()).toBe(0);
    h.clock.advance(61_000);
    expect(await survivor.drainOnce()).toBe(1);
    expect(await h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: 'lost-worker-1' } })).toBe(1);
  });
});
