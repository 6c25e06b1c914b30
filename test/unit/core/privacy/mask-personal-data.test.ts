import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../../../src/core/privacy/mask-personal-data.js';

// [written, what staff see]
const MASKED: [string, string][] = [
  // mainland mobiles
  ['电话 13812345678', '电话 138****5678'],
  ['电话13812345678', '电话138****5678'],
  ['call 138 1234 5678 please', 'call 138****5678 please'],
  ['138-1234-5678', '138****5678'],
  ['手机：19912345678。', '手机：199****5678。'],
  ['８６１３８１２３４５６７８', '86 138****5678'],
  ['１３８１２３４５６７８', '138****5678'],
  ['86 13811112222', '86 138****2222'],
  // mainland landlines
  ['010-12345678', '010-****5678'],
  ['0755-8888 6666', '0755-****6666'],
  ['(021) 6123 4567', '(021) ****4567'],
  ['(021)61234567', '(021)****4567'],
  ['座机 0571-8765432', '座机 0571-****5432'],
  ['075512345678', '075****5678'],
  // Hong Kong
  ['HK mobile 5123 4567', 'HK mobile 51****67'],
  ['電話：91234567', '電話：91****67'],
  ['2345-6789', '23****89'],
  ['+852 5123 4567', '+852 51****67'],
  ['+852-6123-4567', '+852 61****67'],
  // Taiwan
  ['0912-345-678', '0912****678'],
  ['0912345678', '0912****678'],
  ['0912 345 678', '0912****678'],
  ['02-2345-6789', '02-****6789'],
  ['(02)2345-6789', '(02)****6789'],
  ['04-2345678', '04-****5678'],
  ['+886 912 345 678', '+886 912****678'],
  ['+886-2-2345-6789', '+886 223****789'],
  // international: the country code stays apart from the number
  ['+86 138 1234 5678', '+86 138****5678'],
  ['+86 13811112222', '+86 138****2222'],
  ['+8613811112222', '+86 138****2222'],
  ['+86-138-1111-2222', '+86 138****2222'],
  ['(+86) 13811112222', '(+86) 138****2222'],
  ['+1 (415) 555-0132', '+1 415****132'],
  ['+1 415.555.0132', '+1 415****132'],
  ['+44 (0)20 7946 0958', '+44 207****958'],
  ['+44 20 7946 0958', '+44 207****958'],
  ['+81 90-1234-5678', '+81 901****678'],
  ['+65 9123 4567', '+65 91****67'],
  ['+86 13811112222 3 pcs', '+86 138****2222 3 pcs'],
  // e-mail
  ['zhang.wei@example.com', 'z***@example.com'],
  ['mail me: a.b-c+tag@mail.example.co.uk!', 'mail me: a***@mail.example.co.uk!'],
  ['邮箱lily_88@qq.com谢谢', '邮箱l***@qq.com谢谢'],
  ['ｌｉ＠example.com', 'l***@example.com'],
  // ID cards
  ['身份证 11010519491231002X', '身份证 110****002X'],
  ['身份证号110105194912310021', '身份证号110****0021'],
  ['ID 44030620001231123x', 'ID 440****123x'],
  ['HKID A123456(3)', 'HKID A****(3)'],
  ['HKID A1234563', 'HKID A****(3)'],
  ['Z683365(A)', 'Z****(A)'],
  ['AB987654(3)', 'AB****(3)'],
  ['身分證 A123456789', '身分證 A1****789'],
  // bank cards (Luhn-valid)
  ['卡号 6222021001116245702', '卡号 6222****5702'],
  ['card 4111 1111 1111 1111', 'card 4111****1111'],
  ['4111-1111-1111-1111', '4111****1111'],
  ['5500000000000004', '5500****0004'],
  ['3782 822463 10005', '3782****0005'],
  ['6222 0212 3456 7890 12', '6222****9012'],
  // several in one text
  [
    '我是张伟，电话13812345678，邮箱zw@example.com，卡号6222021001116245702，身份证11010519491231002X',
    '我是张伟，电话138****5678，邮箱z***@example.com，卡号6222****5702，身份证110****002X',
  ],
];

// Text that must reach staff unchanged: order numbers, dates, amounts, times, case numbers.
const KEPT: string[] = [
  '订单号 202611230042',
  '订单号：6222021001116245702',
  'order number 4111111111111111',
  'Order #JD2026112300421',
  'order no. 13812345678',
  '运单号 SF1234567890123',
  'tracking TB-2026-8817',
  'invoice A123456789',
  '1234567890123',
  '6222021001116245703',
  '4111 1111 1111 1112',
  '20261123',
  'on 2026-11-23 at 14:30',
  '¥1,299.00',
  'paid 12345678 won',
  'CMP-20261123-0042',
  '3 items, 2 broken',
  'batch B-7732',
  'A123456788',
  'A1234567',
  'model XR-5000',
  'ISBN 978-3-16-148410-0',
  'version 1.2.3.4',
  '110105194913310021',
  'room 1203, floor 12',
  '+12',
  'user@localhost',
  'an @ sign alone',
  '13812345678902',
  '1381234567',
  'U0123456789',
  'SKU 98765432A',
];

describe('maskPersonalData', () => {
  it.each(MASKED)('masks %j', (written, shown) => {
    expect(maskPersonalData(written)).toBe(shown);
  });

  it.each(KEPT)('keeps %j', (written) => {
    expect(maskPersonalData(written)).toBe(written);
  });

  it('keeps the case’s own order number wherever it appears', () => {
    expect(maskPersonalData('我的单 4111111111111111 坏了，电话 13812345678', { keep: ['4111111111111111'] })).toBe('我的单 4111111111111111 坏了，电话 138****5678');
  });

  it('is idempotent: masked text masked again is the same', () => {
    for (const [written] of MASKED) {
      const once = maskPersonalData(written);
      expect(maskPersonalData(once)).toBe(once);
    }
  });

  it('is linear on 10,000-character hostile strings', () => {
    const hostile = [
      '1'.repeat(10_000),
      '1 '.repeat(5_000),
      '1-'.repeat(5_000),
      '+1 '.repeat(3_333),
      '+' + '1 ('.repeat(3_333),
      'a'.repeat(9_990) + '@',
      'a@'.repeat(5_000),
      'a@b.'.repeat(2_500),
      '@' + 'a.'.repeat(4_999),
      '(0'.repeat(5_000),
      '0('.repeat(5_000),
      'A1'.repeat(5_000),
      '订单'.repeat(5_000) + '13812345678',
      '4111 '.repeat(2_000),
      '0'.repeat(9_999) + 'x',
    ];
    for (const text of hostile) {
      const started = performance.now();
      maskPersonalData(text);
      expect(performance.now() - started, `${text.slice(0, 12)}…`).toBeLessThan(200);
    }
  });
});
