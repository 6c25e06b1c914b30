// Issue 19 "a complaint desk that doubts complaints": a message is a complaint unless it is
// clearly only a greeting, thanks, praise, a plain question or news that the problem is solved.
import { describe, expect, it } from 'vitest';
import { classify } from '../../../../src/core/triage/index.js';

describe('is it a complaint', () => {
  it.each([
    '收到的衣柜少了两包螺丝，根本装不起来，麻烦补发一下',
    '你好，收到的衣柜少了两包螺丝，麻烦补发一下',
    'Hi! You sent a medium instead of the large I ordered, please change it',
    'Hello, the left earbud makes no sound at all',
    '你好，我個parcel話送咗但我冇收到',
    '有人用咗我個account，仲碌咗我張卡兩次',
    'Thanks for the quick reply earlier, but the screen is still flickering',
  ])('a problem report is a complaint even without a problem word or after a greeting: %s', (text) => {
    expect(classify(text).isComplaint, classify(text).cues.join(' · ')).toBe(true);
  });

  it.each([
    ['hi', 'greeting/thanks'],
    ['你好呀', 'greeting/thanks'],
    ['謝謝你們的幫助', 'thanks'],
    ['Love the new kettle, works great!', 'praise'],
    ['问题已经解决了，谢谢', 'problem solved'],
    ['搞掂咗，唔該晒', 'problem solved'],
    ['What are your opening hours?', 'question'],
    ['How long does a refund usually take?', 'question'],
  ])('clearly not a complaint: %s', (text, why) => {
    const t = classify(text);
    expect(t).toMatchObject({ isComplaint: false, category: null, desiredOutcome: null });
    expect(t.cues.some((c) => c.startsWith(`not a complaint ← ${why}`)), t.cues.join(' · ')).toBe(true);
  });
});
