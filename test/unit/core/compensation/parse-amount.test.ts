import { describe, expect, it } from 'vitest';
import { parseMoneyAmount } from '../../../../src/core/compensation/parse-amount.js';

describe('parseMoneyAmount', () => {
  it('reads amounts as staff type them, in the desk currency', () => {
    expect(parseMoneyAmount('120', 'CNY')).toBe(120);
    expect(parseMoneyAmount('1,299.50', 'CNY')).toBe(1299.5);
    expect(parseMoneyAmount('¥99', 'CNY')).toBe(99);
    expect(parseMoneyAmount('￥ 99.9', 'CNY')).toBe(99.9);
    expect(parseMoneyAmount('300元', 'CNY')).toBe(300);
    expect(parseMoneyAmount('5万', 'CNY')).toBe(50_000);
    expect(parseMoneyAmount('1.5萬', 'CNY')).toBe(15_000);
    expect(parseMoneyAmount('3千', 'CNY')).toBe(3000);
    expect(parseMoneyAmount('HK$899', 'HKD')).toBe(899);
    expect(parseMoneyAmount('$45.50', 'HKD')).toBe(45.5);
    expect(parseMoneyAmount('２００', 'CNY')).toBe(200);
  });

  it('refuses what it cannot read exactly, naming the field, never guessing another number', () => {
    for (const text of ['1e5', '5 or 6', 'about 100', 'lots', '', '0', '-20', '12.345', '1,00', '5万5', 'HK$899', '$20', '¥5万元元'])
      expect(() => parseMoneyAmount(text, 'CNY'), text).toThrow(expect.objectContaining({ refusal: expect.objectContaining({ reason: 'amount_unreadable' }) }));
    expect(() => parseMoneyAmount('1e5', 'CNY')).toThrow(/Amount/);
  });
});
