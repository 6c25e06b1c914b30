import { describe, expect, it } from 'vitest';
import { assessSeverity, compensationGuidance } from '../../../../src/core/compensation/compensation-guidance.js';

const settings = { compensation: { currency: 'CNY', minorPercent: [10, 15] as [number, number], moderatePercent: [20, 30] as [number, number], severePercent: [50, 100] as [number, number] } };
const base = { urgent: false, category: null, cues: [] as string[], escalationLevel: 0, rejectionCount: 0, amount: null as number | null, currency: null as string | null };

describe('compensation guidance (docs/DOMAIN.md §5)', () => {
  it('grades severity from urgency, category and cues', () => {
    expect(assessSeverity({ ...base, category: 'service' }).severity).toBe('minor');
    expect(assessSeverity({ ...base, category: 'logistics' }).severity).toBe('minor');
    expect(assessSeverity(base)).toEqual({ severity: 'minor', reasons: ['no category'] });
    expect(assessSeverity({ ...base, category: 'product' })).toEqual({ severity: 'moderate', reasons: ['product complaint'] });
    expect(assessSeverity({ ...base, category: 'logistics', rejectionCount: 1 })).toEqual({ severity: 'moderate', reasons: ['1 proposal rejected'] });
    expect(assessSeverity({ ...base, category: 'after_sales', escalationLevel: 1 }).reasons).toEqual(['after-sales complaint', 'escalated']);
    expect(assessSeverity({ ...base, category: 'product', urgent: true })).toEqual({ severity: 'severe', reasons: ['urgent case'] });
    expect(assessSeverity({ ...base, category: 'privacy_security' }).severity).toBe('severe');
    expect(assessSeverity({ ...base, category: 'service', cues: ['media_threat'] })).toEqual({ severity: 'severe', reasons: ['cue "media_threat"'] });
  });

  it('turns the configured percentages into money for the purchase amount', () => {
    const minor = compensationGuidance({ ...base, category: 'service', amount: 200 }, settings);
    expect(minor).toMatchObject({ severity: 'minor', percent: [10, 15], purchaseAmount: 200, currency: 'CNY', suggested: { min: 20, max: 30 }, agentLimit: null });
    const moderate = compensationGuidance({ ...base, category: 'product', amount: 399, currency: 'HKD' }, settings, 100);
    expect(moderate.suggested).toEqual({ min: 79.8, max: 119.7 });
    expect(moderate.summary).toBe(
      'Moderate (product complaint): suggested 20–30 % of the purchase amount HKD 399.00 = HKD 79.80–HKD 119.70. Your limit is HKD 100.00; above it a supervisor approves before the customer sees the offer.',
    );
    const severe = compensationGuidance({ ...base, urgent: true, amount: 1299.99 }, settings);
    expect(severe.suggested).toEqual({ min: 650, max: 1299.99 });
  });

  it('gives percentages only when the case has no purchase amount', () => {
    const g = compensationGuidance({ ...base, category: 'billing', amount: null }, settings, 300);
    expect(g.suggested).toBeNull();
    expect(g.percent).toEqual([20, 30]);
    expect(g.summary).toContain('(no purchase amount on the case)');
  });

  it('writes the guidance in the proposer’s staff language and script', () => {
    const hans = compensationGuidance({ ...base, category: 'product', amount: 399, rejectionCount: 2 }, settings, 100, 'zh-Hans');
    expect(hans.reasons).toEqual(['产品类投诉', '方案已被拒绝 2 次']);
    expect(hans.summary).toBe('中等（产品类投诉、方案已被拒绝 2 次）：建议补偿购买金额 CNY 399.00 的 20–30 %，即 CNY 79.80–CNY 119.70。您的权限为 CNY 100.00，超出时须经主管审批，客户才会看到方案。');
    const hant = compensationGuidance({ ...base, category: 'after_sales' }, settings, null, 'zh-Hant');
    expect(hant.summary).toBe('中等（售後類投訴）：建議補償購買金額的 20–30 %（案件未記錄購買金額）。');
  });
});
