// The 🎫 / message-shortcut path on the one intake path: staff only, and counted like every other intake.
import { describe, expect, it } from 'vitest';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { nextTs } from '../../../helpers/slack-requests.js';

const WANG = 'U0WANGFANG';

describe('a Slack message turned into a case', () => {
  const desk = withSlackAdapter();
  const shortcut = (user: string, author: string) => ({
    type: 'message_action',
    callback_id: 'create_complaint_case',
    trigger_id: 't',
    user: { id: user },
    team: { id: 'T0ACME' },
    channel: { id: 'C0GENERAL' },
    message: { type: 'message', ts: nextTs(), user: author, text: 'I was charged twice for order 77120345!' },
    token: 'x',
    action_ts: nextTs(),
    response_url: 'http://127.0.0.1:9/r',
  });
  const accepted = async () => /desk_events_received_total\{platform="slack",outcome="accepted"\} (\d+)/.exec(await desk.h.runtime.metrics.registry.metrics())?.[1] ?? '0';

  it('is refused to someone who is not desk staff, with nothing stored', async () => {
    expect((await desk.sendInteraction(shortcut('U0NOBODY', 'U0AUTHOR9'))).status).toBe(200);
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(0);
    expect(desk.api.callsTo('chat.postEphemeral').at(-1)).toMatchObject({ user: 'U0NOBODY', text: 'Only desk staff can turn a message into a complaint case.' });
  });

  it('by staff through the shortcut is counted as an accepted event, as a direct message is', async () => {
    expect(await accepted()).toBe('0');
    expect((await desk.sendInteraction(shortcut(WANG, 'U0AUTHOR2'))).status).toBe(200);
    expect(await accepted()).toBe('1');
    expect(await desk.h.runtime.db.prisma.inboxMessage.count()).toBe(1);
  });
});
