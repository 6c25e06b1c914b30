import { describe, expect, it } from 'vitest';
import { readStaffThreadMessage } from '../../../../src/core/cases/staff-thread-message.js';

describe('a staff message in a card thread', () => {
  it('reaches the customer only when it opens with a mention of the bot and the reply keyword', () => {
    expect(readStaffThreadMessage({ addressedToBot: true, text: 'reply 我们会额外赠送一张优惠券' })).toEqual({ kind: 'reply', text: '我们会额外赠送一张优惠券' });
    expect(readStaffThreadMessage({ addressedToBot: true, text: 'Reply: we will call you today' })).toEqual({ kind: 'reply', text: 'we will call you today' });
    expect(readStaffThreadMessage({ addressedToBot: true, text: '回复：明天上门' })).toEqual({ kind: 'reply', text: '明天上门' });
  });

  it('keeps everything else internal: "reply" without the mention, the mention without the keyword', () => {
    expect(readStaffThreadMessage({ addressedToBot: false, text: 'Reply from supplier QA: batch B-7732 has the same defect, hold off' }).kind).toBe('note');
    expect(readStaffThreadMessage({ addressedToBot: false, text: 'reply 优惠券' }).kind).toBe('note');
    expect(readStaffThreadMessage({ addressedToBot: true, text: 'what did the customer say?' }).kind).toBe('note');
    expect(readStaffThreadMessage({ addressedToBot: true, text: 'replying later' }).kind).toBe('note');
  });
});
