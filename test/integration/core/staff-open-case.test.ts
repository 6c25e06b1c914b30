// Staff open a case from a customer's message that triage did not take for a complaint (issue 16.1: nothing
// a customer writes is lost; the earlier messages show on the case staff open later). Through the application
// port every adapter uses, on the embedded PGlite and the PostgreSQL at 127.0.0.1:5432, with a manual clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import type { CustomerMessage } from '../../../src/core/ports.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const QUESTION = 'hi, quick question about order 77120345';

describeOnDatabases('staff open a case from a message', (db) => {
  let h: DeskHarness;
  let n = 0;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  const store = () => h.runtime.ctx.store;
  /** The customer's message as an adapter hands it over (the same platform id when it was delivered before). */
  const message = (customer: string, text: string, o: { messageId?: string; channelId?: string } = {}): CustomerMessage => ({
    platform: 'local',
    messageId: o.messageId ?? `open-${++n}`,
    customer: { userId: customer, displayName: customer },
    conversation: { channelId: o.channelId ?? `dm-${customer}`, threadId: null, isPrivate: true },
    text,
    attachments: [],
    receivedAt: h.clock.now(),
  });
  const open = (m: CustomerMessage, actor = wang) => h.runtime.application.openCaseFromMessage(actor, async () => m);

  it('opens a case on a stored "not a complaint" message, with triage\'s labels, the fallback department and the earlier messages of that conversation', async () => {
    expect(await h.say('quiet', 'good morning')).toMatchObject({ kind: 'not_a_complaint' });
    h.clock.advanceHours(3);
    await h.say('quiet', 'hello, is anyone there?');
    await h.say('quiet', 'hello from the shop chat', { channelId: 'shop-chat' });
    h.clock.advanceMinutes(10);
    const asked = message('quiet', QUESTION);
    expect(await h.runtime.desk.receiveCustomerMessage(asked)).toMatchObject({ kind: 'not_a_complaint' });
    h.clock.advanceMinutes(5);

    const opened = await open(asked);
    if (opened.kind !== 'opened') throw new Error(opened.kind);
    expect(opened.caseNumber).toMatch(/^CMP-/);
    const c = (await store().getCase(opened.caseId))!;
    expect(c).toMatchObject({ category: null, orderNumber: '77120345', urgent: false, departmentKey: h.runtime.ctx.settings.routing.default, summary: QUESTION });
    const inbound = (await store().listMessages(c.id)).filter((m) => m.direction === 'inbound').map((m) => m.text);
    // Its own message once; the earlier one in that chat within the window; not the one 3 h before, not the other chat's.
    expect(inbound.sort()).toEqual([QUESTION, 'hello, is anyone there?'].sort());
    expect((await h.runtime.desk.caseView(c.id)).earlierMessages).toEqual(['hello, is anyone there?']);
    const events = await store().listEvents(c.id);
    expect(events.find((e) => e.type === 'staff_opened')).toMatchObject({ actorKind: 'staff', actorId: 'wang-fang', after: { triageSaidComplaint: false } });
    expect((await h.runtime.desk.caseHistory(c.id)).audit.find((l) => l.type === 'staff_opened')).toMatchObject({ who: '王芳' });
    const toCustomer = (await h.deliver()).filter((d) => d.audience === 'customer:dm-quiet');
    expect(toCustomer.some((d) => d.text.includes(opened.caseNumber))).toBe(true);

    // A second "open a case" on it names the case it is in; a redelivery of the message changes nothing.
    expect(await open(asked)).toEqual({ kind: 'already_case', caseId: c.id, caseNumber: c.number });
    expect(await h.runtime.desk.receiveCustomerMessage(asked)).toMatchObject({ kind: 'duplicate', caseId: c.id });
  });

  it('opens a case on a message the desk never stored, and says which case a message already in a case is', async () => {
    const fresh = await open(message('unseen', 'hi, I wanted to ask about my kettle'));
    expect(fresh.kind).toBe('opened');
    const complaint = message('complainer', 'I was charged twice for order 77125545, phone 13812345678, please refund the double charge!');
    const created = await h.runtime.desk.receiveCustomerMessage(complaint);
    if (created.kind !== 'created') throw new Error(created.kind);
    expect(await open(complaint)).toEqual({ kind: 'already_case', caseId: created.caseId, caseNumber: created.caseNumber });
  });

  it('is for staff only, and opens nothing otherwise', async () => {
    const m = message('asker', QUESTION);
    expect(await open(m, { platform: 'local', userId: 'someone-else' })).toEqual({ kind: 'not_staff' });
    expect(await store().transaction((tx) => tx.findEarlierDelivery('local', m.messageId))).toEqual({ caseId: null, unfiled: null });
  });
});
