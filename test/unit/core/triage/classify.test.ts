import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, extractAmount, extractOrderNumber, isDecline, mentionsTimeOrPlace } from '../../../../src/core/triage/index.js';
import { extractMoney } from '../../../../src/core/triage/extract-amount.js';
import { evaluateTriage, type LabelledMessage } from '../../../../src/core/triage/evaluate.js';

const load = (name: string) =>
  readFileSync(`test/fixtures/triage/${name}.jsonl`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LabelledMessage);

describe('classify', () => {
  it('reads the same complaint in all three languages alike', () => {
    const hans = classify('我买的吹风机用了两天就坏了，订单号 TB8827361，要求退款。');
    const hant = classify('我買的吹風機用了兩天就壞了，訂單號 TB8827361，要求退款。');
    const en = classify('The hair dryer I bought broke after two days, order TB8827361. I want a refund.');
    expect(hans).toMatchObject({ language: 'zh-Hans', isComplaint: true, category: 'product', orderNumber: 'TB8827361', desiredOutcome: 'refund' });
    expect(hant).toMatchObject({ language: 'zh-Hant', isComplaint: true, category: 'product', orderNumber: 'TB8827361', desiredOutcome: 'refund' });
    expect(en).toMatchObject({ language: 'en', isComplaint: true, category: 'product', orderNumber: 'TB8827361', desiredOutcome: 'refund' });
  });

  it('respects negation', () => {
    expect(classify('The box was not damaged, but the delivery was three weeks late.').category).toBe('logistics');
    expect(classify('没有冒烟，只是有点异响').urgent).toBe(false);
    expect(classify("I'm not going to sue, I just want a refund for the double charge.")).toMatchObject({ urgent: false, category: 'billing', desiredOutcome: 'refund' });
    expect(classify('我不需要赔偿，只想要一个道歉').desiredOutcome).toBe('apology');
    expect(classify('Still no refund after three weeks').desiredOutcome).toBe('refund');
  });

  it('tells plain questions, greetings and thanks from complaints', () => {
    for (const text of ['你们几点开门？', 'What are your opening hours?', '謝謝你們的幫助', 'hi', 'How do I return an item?', '请问退货地址是哪里？'])
      expect(classify(text), text).toMatchObject({ isComplaint: false, category: null, desiredOutcome: null });
    expect(classify('为什么我的退款还没到？').isComplaint).toBe(true);
    expect(classify('Thanks, but my parcel still hasn\'t arrived.').isComplaint).toBe(true);
  });

  it('catches danger, data leaks and threats as urgent', () => {
    for (const text of [
      '充电宝鼓包还冒烟',
      '宝宝喝了过期奶粉拉肚子了',
      'The charger sparked and burned my hand',
      '有人盗用了我的账号',
      'I will take you to court',
      '我要向12315投诉',
      '再不处理我就找记者曝光',
      '行動電源充電時冒煙起火',
    ])
      expect(classify(text).urgent, text).toBe(true);
    expect(classify('The delivery is late again').urgent).toBe(false);
  });

  it('picks the dominant issue when a message has several', () => {
    expect(classify('The blender stopped working and also your courier was rude to my mother.').category).toBe('product');
    expect(classify('平板屏幕自己裂了，保修却说是人为损坏不给修').category).toBe('after_sales');
    expect(classify('退款申请通过半个月了，钱还没到账').category).toBe('billing');
  });

  it('explains itself with the cues it matched', () => {
    expect(classify('快递员把包裹扔在门口').cues.join(' ')).toContain('logistics');
  });
});

describe('extractors', () => {
  it.each([
    ['订单号：202611230045 还没发货', '202611230045'],
    ['order #A-123-456 is broken', 'A-123-456'],
    ['訂單編號 TB8827361', 'TB8827361'],
    ['单号 SF1234567890 一直不更新', 'SF1234567890'],
    ['my order number is 7788-9911', '7788-9911'],
    ['ORD20261101-77 never arrived', 'ORD20261101-77'],
    ['tracking 1Z999AA10123456784', '1Z999AA10123456784'],
  ])('finds the order number in %s', (text, expected) => {
    expect(extractOrderNumber(text)).toBe(expected);
  });

  it.each(['call me on 13812345678', 'it happened on 2026-11-20', 'I paid ¥299', '订单尾号 4471', '我的案件 CMP-20261123-0042'])('takes no order number from %s', (text) => {
    expect(extractOrderNumber(text)).toBeNull();
  });

  it.each([
    ['¥299 for this?', 299],
    ['多扣了 299 元', 299],
    ['$45.50 twice', 45.5],
    ['I paid 1,299.00 yuan', 1299],
    ['两百元不是小数目', 200],
    ['NT$1,580', 1580],
  ])('reads the amount in %s', (text, expected) => {
    expect(extractAmount(text)).toBe(expected);
  });

  it.each([
    ['HK$8,990 買嘅', 8990, 'HKD'],
    ['NT$1,580', 1580, 'TWD'],
    ['退我 299 港幣', 299, 'HKD'],
    ['charged 45 GBP', 45, 'GBP'],
    ['£12.99 for delivery', 12.99, 'GBP'],
    ['RMB 300', 300, 'CNY'],
    // "$" and 元 mean the local currency: Hong Kong, Taiwan, Singapore dollars; yuan or NT dollars.
    ['$45.50 twice', 45.5, null],
    ['多扣了 299 元', 299, null],
  ])('reads the currency named in %s, and none where it depends on where the customer is', (text, amount, currency) => {
    expect(extractMoney(text)).toEqual({ amount, currency });
    expect(classify(`The charge is wrong: ${text}`)).toMatchObject({ amount, currency });
  });

  it('does not read a stain as money', () => {
    expect(extractAmount('还有一块污渍')).toBeNull();
  });

  it('recognises "I don\'t have it" and when/where answers', () => {
    expect(isDecline("Sorry, I don't have the receipt any more")).toBe(true);
    expect(isDecline('没有，找不到了')).toBe(true);
    expect(isDecline('order 88123')).toBe(false);
    expect(mentionsTimeOrPlace('yesterday at 3pm in the Xujiahui store')).toBe(true);
    expect(mentionsTimeOrPlace('昨天下午在徐家汇门店')).toBe(true);
    expect(mentionsTimeOrPlace('it is broken')).toBe(false);
  });
});

describe('development set', () => {
  it('meets the accuracy floor on every labelled set', () => {
    for (const name of ['dev-set', 'holdout', 'blind']) {
      const e = evaluateTriage(load(name));
      expect(e.total).toBeGreaterThanOrEqual(60);
      expect(e.accuracy.category, name).toBeGreaterThanOrEqual(0.93);
      expect(e.accuracy.isComplaint, name).toBeGreaterThanOrEqual(0.97);
      expect(e.urgentRecall, name).toBe(1);
      expect(e.accuracy.language, name).toBeGreaterThanOrEqual(0.98);
    }
    expect(load('dev-set').length).toBeGreaterThanOrEqual(150);
  });
});
