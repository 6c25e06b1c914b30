// Staff messages in a case card's thread through the real Bolt HTTPReceiver with signed requests,
// on PGlite; only Slack's Web API is a local fake.
import { beforeAll, describe, expect, it } from 'vitest';
import { withSlackAdapter, type SlackDesk } from '../../../helpers/slack-fixture.js';
import { nextTs } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';
const QUALITY = 'C0QUALITY';

/**
 * A desk whose Slack adapter started after `failAuthTest` failed auth.test calls (the back-off
 * between retries ends at once: the adapter handles events only after it succeeded), and one
 * claimed case with its card.
 */
function slackDeskWithClaimedCase(failAuthTest: number) {
  const desk = withSlackAdapter({ failAuthTest });
  const dm = `D0C${failAuthTest}`;
  let caseId = '';
  let cardTs = '';
  beforeAll(async () => {
    await desk.sendEvent({ type: 'message', channel_type: 'im', channel: dm, user: 'U0CUST', ts: nextTs(), text: 'The kettle I bought leaks, order K-20261. Phone 13812345678', files: [{ id: 'F1', name: 'leak.jpg', mimetype: 'image/jpeg' }] });
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: dm } });
    await desk.h.runtime.desk.claimCase({ platform: 'slack', userId: WANG }, c.id);
    await desk.settle();
    caseId = c.id;
    cardTs = (await desk.h.runtime.db.prisma.caseCard.findFirstOrThrow({ where: { caseId: c.id } })).messageId;
  });
  return {
    get cardTs() {
      return cardTs;
    },
    settle: () => desk.settle(),
    sendEvent: (...args: Parameters<SlackDesk['sendEvent']>) => desk.sendEvent(...args),
    toCustomer: () => desk.api.callsTo('chat.postMessage').filter((p) => p.channel === dm).map((p) => String(p.text)),
    internal: () => desk.h.runtime.db.prisma.caseMessage.count({ where: { caseId, direction: 'internal' } }),
    replies: () => desk.h.runtime.db.prisma.caseEvent.count({ where: { caseId, type: 'replied_to_customer' } }),
  };
}

describe('Slack card thread', () => {
  const d = slackDeskWithClaimedCase(0);

  it('sends a mentioned reply once although Slack delivers it as message and app_mention', async () => {
    const ts = nextTs();
    const event = { channel: QUALITY, channel_type: 'channel', user: WANG, ts, thread_ts: d.cardTs, text: '<@U0BOT> reply 我们会额外赠送一张优惠券' };
    expect((await d.sendEvent({ type: 'message', ...event }, { eventId: 'Ev-msg-1' })).status).toBe(200);
    expect((await d.sendEvent({ type: 'app_mention', ...event }, { eventId: 'Ev-mention-1' })).status).toBe(200);
    await d.settle();
    expect(d.toCustomer().filter((t) => t.includes('优惠券'))).toHaveLength(1);
    expect(await d.replies()).toBe(1);
  });

  it('answers the second copy of a mentioned internal note with 200 and records it once', async () => {
    const before = await d.internal();
    const ts = nextTs();
    const event = { channel: QUALITY, channel_type: 'channel', user: WANG, ts, thread_ts: d.cardTs, text: '<@U0BOT> same batch as last week, check with the supplier' };
    expect((await d.sendEvent({ type: 'message', ...event }, { eventId: 'Ev-msg-2' })).status).toBe(200);
    expect((await d.sendEvent({ type: 'app_mention', ...event }, { eventId: 'Ev-mention-2' })).status).toBe(200);
    expect(await d.internal()).toBe(before + 1);
  });

  it('keeps "reply …" without a mention internal', async () => {
    const before = d.toCustomer().length;
    await d.sendEvent({ type: 'message', channel: QUALITY, channel_type: 'channel', user: WANG, ts: nextTs(), thread_ts: d.cardTs, text: 'Reply from supplier QA: batch B-7732 has the same defect, hold off' });
    await d.settle();
    expect(d.toCustomer()).toHaveLength(before);
  });
});

describe('Slack card thread when auth.test failed at start-up', () => {
  // The start-up auth.test fails once: events wait (503) until the retry learned the bot's user id.
  const d = slackDeskWithClaimedCase(1);

  it('never sends an unmentioned "reply …" to the customer', async () => {
    const before = d.toCustomer().length;
    const notes = await d.internal();
    await d.sendEvent({ type: 'message', channel: QUALITY, channel_type: 'channel', user: WANG, ts: nextTs(), thread_ts: d.cardTs, text: 'reply from supplier QA: batch B-7732 has the same defect, hold off' });
    await d.settle();
    expect(d.toCustomer()).toHaveLength(before);
    expect(await d.internal()).toBe(notes + 1);
    expect(await d.replies()).toBe(0);
  });
});
