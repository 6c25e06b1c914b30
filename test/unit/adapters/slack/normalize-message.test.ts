import { describe, expect, it } from 'vitest';
import { SlackMessageEvent, toCustomerMessage } from '../../../../src/adapters/slack/normalize-message.js';

const event = (extra: Record<string, unknown>) => SlackMessageEvent.parse({ type: 'message', channel: 'D1', user: 'U1', text: 'hi', ts: '1790000000.000200', ...extra }) as SlackMessageEvent & { user: string };

describe('Slack message → CustomerMessage', () => {
  it('names the message that started the thread for a reply, so the inbox can wait for it', () => {
    const m = toCustomerMessage(event({ thread_ts: '1790000000.000100' }), 'U1', undefined);
    expect(m.threadRootMessageId).toBe('D1:1790000000.000100');
    expect(m.conversation.threadId).toBe('1790000000.000100');
  });

  it('has no thread root for a top-level message or a thread broadcast of the root itself', () => {
    expect(toCustomerMessage(event({}), 'U1', undefined).threadRootMessageId).toBeUndefined();
    expect(toCustomerMessage(event({ thread_ts: '1790000000.000200' }), 'U1', undefined).threadRootMessageId).toBeUndefined();
  });
});
