// Staff messages under a case card and intake during an outage, through botbuilder's real
// CloudAdapter on PGlite; only the Bot Connector is a local fake.
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';
import { RETRY_AFTER_SECONDS } from '../../../../src/application/intake-unavailable.js';

const QUALITY = '19:quality@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-thread', aadObjectId: 'aad-customer-thread', name: 'Lee Mei' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };

describe('Teams card thread', () => {
  const desk = withTeamsAdapter();
  let cardId = '';
  const toCustomer = () => desk.connector.sent(desk.activities.personalChatId(customer)).map((c) => String(c.body.text ?? ''));

  beforeAll(async () => {
    await desk.post(desk.activities.installedInTeam(wang, QUALITY));
    await desk.post(desk.activities.personal(customer, 'The kettle I bought leaks, order 20261116-8871, call me on 13812345678', { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://smba.example/leak.jpg', name: 'leak.jpg' }] }));
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow();
    await desk.h.runtime.desk.claimCase({ platform: 'teams', userId: 'aad-wang-fang' }, c.id);
    await desk.settle();
    cardId = (await desk.h.runtime.cards.get(c.id, 'teams'))!.messageId;
  });

  it('keeps a thread message that merely begins with "reply" internal', async () => {
    const before = toCustomer().length;
    expect((await desk.post(desk.activities.channelMessage(wang, QUALITY, 'Reply from supplier QA: batch B-7732 has the same defect, hold off', cardId))).status).toBe(200);
    await desk.settle();
    expect(toCustomer()).toHaveLength(before);
    expect(await desk.h.runtime.db.prisma.caseMessage.findFirst({ where: { direction: 'internal', text: { contains: 'supplier QA' } } })).toBeTruthy();
  });

  it('keeps a mention that does not open the message internal, and sends "@bot reply …" once', async () => {
    const before = toCustomer().length;
    const mentionLater = desk.activities.channelMention(wang, QUALITY, 'x', cardId) as { text: string };
    mentionLater.text = 'reply later, <at>Complaint Desk</at> will wait';
    await desk.post(mentionLater);
    await desk.settle();
    expect(toCustomer()).toHaveLength(before);
    const reply = desk.activities.channelMention(wang, QUALITY, 'reply We will send a courier tomorrow.', cardId);
    expect((await desk.post(reply)).status).toBe(200);
    expect((await desk.post(reply)).status).toBe(200); // redelivered by the channel
    await desk.settle();
    expect(toCustomer().slice(before).filter((t) => t.includes('courier tomorrow'))).toHaveLength(1);
  });

  it('answers 503 with Retry-After, not 500, when the inbox cannot store a customer message, so the channel delivers it again', async () => {
    const inbox = desk.h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      const res = await desk.post(desk.activities.personal(customer, 'Also the lid is cracked'));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS.unavailable));
      expect(await res.text()).not.toMatch(/ECONNREFUSED|at \w+ \(/);
    } finally {
      inbox.accept = realAccept;
    }
  });
});
