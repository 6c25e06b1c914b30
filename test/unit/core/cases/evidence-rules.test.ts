import { describe, expect, it } from 'vitest';
import { findContact } from '../../../../src/core/cases/evidence-rules.js';

describe('findContact', () => {
  it.each([
    ['电话 13812345678', '13812345678'],
    ['call me on +86 138 1234 5678', '+86 138 1234 5678'],
    ['email me at li.na+desk@example.com.cn please', 'li.na+desk@example.com.cn'],
    ['我的手機：0912-345-678', '0912-345-678'],
    ['phone is (021) 6543-2100', '(021) 6543-2100'],
  ])('finds the contact in %s', (text, expected) => {
    expect(findContact(text)).toBe(expected);
  });

  it.each(['订单号 20261116-8871', 'order A-123-456 on 2026-11-20', 'I paid 1,299.00 yuan', 'tracking SF1234567890'])(
    'does not mistake %s for a contact',
    (text) => {
      expect(findContact(text)).toBeNull();
    },
  );
});
