// When the Bot Connector fails under a card action or after it: botbuilder's real CloudAdapter,
// real PGlite and outbox; the local Bot Connector refuses calls as Teams does under trouble.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { createLogSink } from '../../../helpers/log-sink.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };

describe('Teams: the Bot Connector fails', () => {
  const log = createLogSink('info');
  const desk = withTeamsAdapter({ logger: log.logger });
  const prisma = () => desk.h.runtime.db.prisma;
  const notSent = () => prisma().outboxMessage.findMany({ where: { status: { not: 'sent' } } });

  /** A routed case with its card in the quality channel, from `customer`'s personal chat. */
  const routedCase = async (customer: TeamsUser) => {
    const photo = { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://smba.example/v3/attachments/leak/views/original', name: 'leak.jpg' }] };
    expect((await desk.post(desk.activities.personal(customer, 'The kettle I bought leaks, order 20261116-8871, call me on 13812345678', photo))).status).toBe(200);
    await desk.settle();
    const c = await prisma().case.findFirstOrThrow({ where: { customer: { platformUserId: customer.aadObjectId } } });
    expect(c.status).toBe('routed');
    const card = (await desk.h.runtime.cards.get(c.id, 'teams'))!;
    return { c, card, thread: { id: `${QUALITY};messageid=${card.messageId}`, conversationType: 'channel' } };
  };
  const toCustomer = (customer: TeamsUser) => desk.connector.sent(desk.activities.personalChatId(customer)).map((s) => String(s.body.text ?? ''));

  beforeAll(async () => {
    await desk.post(desk.activities.installedInTeam(wang, QUALITY));
  });

  it('answers a claim with the refreshed card although the connector then refuses its sends (500), and the outbox delivers them later', async () => {
    const customer: TeamsUser = { id: '29:1cust-500', aadObjectId: 'aad-cust-500', name: 'Sun Li' };
    const { c, card, thread } = await routedCase(customer);
    desk.connector.refuseNext(3, 500);
    const claimed = await desk.invoke(wang, thread, 'claim', { caseId: c.id }, card.messageId);
    // The clicker sees the result at once: the invoke answer is the card, no connector call needed.
    expect(claimed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(claimed.value)).toContain('王芳');

    const first = await desk.h.runtime.outbox.drainOnce();
    expect(first).toMatchObject({ sent: 0, failed: 3 });
    expect(desk.connector.refused.map((r) => r.status)).toEqual([500, 500, 500]);
    expect((await notSent()).every((w) => w.status === 'pending' && w.attempts === 1)).toBe(true);
    expect(log.warnings()).toContain('Teams delivery failed; the outbox retries it with back-off');

    desk.h.clock.advanceMinutes(1);
    await desk.settle();
    expect(toCustomer(customer).filter((t) => t.includes('王芳'))).toHaveLength(1);
    expect(desk.connector.sent(thread.id).some((s) => String(s.body.text).includes('Claimed by 王芳'))).toBe(true);
    expect(JSON.stringify(desk.connector.updates().filter((u) => u.activityId === card.messageId).at(-1)!.body.attachments)).toContain('王芳');
    expect(await notSent()).toEqual([]);
    expect(await prisma().caseEvent.count({ where: { caseId: c.id, type: 'claimed' } })).toBe(1);
  });

  it('keeps an Action.Submit claim done once when the connector refuses its confirmation reply', async () => {
    const customer: TeamsUser = { id: '29:1cust-502', aadObjectId: 'aad-cust-502', name: 'Zhou Yu' };
    const { c, thread } = await routedCase(customer);
    const refusedBefore = desk.connector.refused.length;
    desk.connector.refuseNext(1, 502);
    // A client without Universal Actions: the click is a message carrying the card data, answered with a reply.
    expect((await desk.post(desk.activities.cardSubmit(wang, thread, { verb: 'claim', caseId: c.id }))).status).toBe(200);
    expect(desk.connector.refused.length - refusedBefore).toBe(1);
    expect(log.warnings()).toContain('teams card submit: confirmation not sent');
    expect(await prisma().caseEvent.count({ where: { caseId: c.id, type: 'claimed' } })).toBe(1);
    await desk.settle();
    expect(toCustomer(customer).filter((t) => t.includes('王芳'))).toHaveLength(1);
    expect(await notSent()).toEqual([]);
  });
});
