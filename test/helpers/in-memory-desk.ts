import { loadCalendarData } from '../../src/config/calendar-data.js';
import { toDeskSettings, toStaffMembers } from '../../src/config/to-desk-settings.js';
import { BusinessCalendar } from '../../src/core/calendar/business-calendar.js';
import { Desk } from '../../src/core/desk.js';
import type { CustomerMessage, OutboundIntent } from '../../src/core/ports/messages.js';
import { nextSlaCheckAt } from '../../src/core/sla/sla-steps.js';
import { StaffDirectory } from '../../src/core/staff-directory.js';
import { ManualClock } from '../../support/manual-clock.js';
import { exampleConfig } from './desk-harness.js';
import { InMemoryDeskStore } from './in-memory-desk-store.js';

export const local = (userId: string) => ({ platform: 'local' as const, userId });
export const photo = { fileId: 'F1', name: 'crack.jpg', mimeType: 'image/jpeg', url: 'https://files.example/crack.jpg' };

/**
 * The real `Desk` on the in-memory store with the example desk config and a manual clock (a
 * Tuesday, 10:00 in Shanghai): use cases in milliseconds, no database. What a use case sent is
 * read from `store.outbox`, in commit order.
 */
export function inMemoryDesk(start = new Date('2026-11-03T02:00:00Z')) {
  const config = exampleConfig();
  const settings = toDeskSettings(config);
  const store = new InMemoryDeskStore((c) => nextSlaCheckAt(c, settings.sla));
  const clock = new ManualClock(start);
  const calendar = new BusinessCalendar(loadCalendarData({ ...config.calendar, timeZone: config.timeZone }));
  const desk = new Desk({ settings, store, staff: new StaffDirectory(toStaffMembers(config)), calendar, clock });
  let n = 0;

  const say = (customer: string, text: string, extra: Partial<CustomerMessage> = {}) =>
    desk.receiveCustomerMessage({
      platform: 'local',
      messageId: `m-${++n}`,
      customer: { userId: customer, displayName: customer },
      conversation: { channelId: `dm-${customer}`, threadId: null, isPrivate: true },
      text,
      attachments: [],
      receivedAt: clock.now(),
      ...extra,
    });

  /** A complaint with order number and phone (and a photo for a product): routed straight away, nothing waits on the customer. */
  const routedCase = async (customer: string, kind: 'product' | 'billing' = 'product') => {
    const text =
      kind === 'product'
        ? `The blender I bought arrived with a cracked jug, order number ORD-2026${++n}77. Phone 13812345678. I want a replacement.`
        : `I was charged twice for order 7712${++n}45, phone 13812345678, please refund the double charge!`;
    const r = await say(customer, text, kind === 'product' ? { attachments: [photo] } : {});
    if (r.kind !== 'created') throw new Error(`expected a new case, got ${r.kind}`);
    return r;
  };

  /** What the desk has committed to send since the last call, oldest first. */
  let read = 0;
  const sent = (): OutboundIntent[] => {
    const all = store.outbox;
    const fresh = all.slice(read);
    read = all.length;
    return fresh;
  };

  return { settings, store, clock, desk, say, routedCase, sent };
}
