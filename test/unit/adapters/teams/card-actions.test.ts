import { describe, expect, it } from 'vitest';
import { CardActionData, describeInvalidAction } from '../../../../src/adapters/teams/card-actions.js';

const caseId = '5b0d3c2e-0000-4000-8000-000000000001';

describe('card action data', () => {
  it('reads a form submission: button data plus the form inputs', () => {
    expect(CardActionData.parse({ verb: 'propose', caseId, proposeType: 'refund', proposeAmount: '¥1,200.50', proposeEffectiveBy: ' ', proposeText: ' Full refund ' })).toEqual({
      verb: 'propose',
      caseId,
      proposeType: 'refund',
      // As typed: the core parses money (test/unit/core/compensation/parse-amount.test.ts).
      proposeAmount: '¥1,200.50',
      proposeEffectiveBy: null,
      proposeText: 'Full refund',
    });
    expect(CardActionData.parse({ verb: 'survey', caseId, score: '4' })).toEqual({ verb: 'survey', caseId, score: 4, comment: null });
  });

  it('says what is missing in words the person can act on', () => {
    const missing = CardActionData.safeParse({ verb: 'update', caseId, updateText: '   ' });
    expect(missing.success).toBe(false);
    expect(describeInvalidAction(missing.error!, 'en')).toBe('Write the update first');
    expect(describeInvalidAction(missing.error!, 'zh-Hans')).toBe('请先填写进度');
    expect(describeInvalidAction(CardActionData.safeParse({ verb: 'reassign', caseId }).error!, 'zh-Hant')).toBe('請選擇新負責人');
    // A rejection without its reason is the customer's to complete: asked in their language by the bot, not here.
    expect(CardActionData.parse({ verb: 'reject', solutionId: caseId, reason: '   ' })).toEqual({ verb: 'reject', solutionId: caseId, reason: null, offer: null });
    expect(describeInvalidAction(CardActionData.safeParse({ verb: 'delete_everything', caseId }).error!, 'en')).toMatch(/not one this bot knows/);
    expect(describeInvalidAction(CardActionData.safeParse({ verb: 'delete_everything', caseId }).error!, 'zh-Hans')).toBe('机器人不认识这个按钮，请使用最新的卡片。');
  });

  it('refuses ids that are not case or solution ids', () => {
    expect(CardActionData.safeParse({ verb: 'claim', caseId: "1' OR 1=1" }).success).toBe(false);
    expect(CardActionData.safeParse({ verb: 'survey', caseId, score: 9 }).success).toBe(false);
  });
});
