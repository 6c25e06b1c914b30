import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadDeskConfig, parseDeskConfig } from '../../../src/config/desk-config.js';
import { formatLetterDate, formatMoney, letterValues, renderLetter, type LetterInput } from '../../../src/core/templates/customer-letter.js';
import { placeholdersIn, renderTemplate } from '../../../src/core/templates/render-template.js';
import { TEMPLATE_KEYS, TEMPLATE_PLACEHOLDERS } from '../../../src/core/templates/template-catalog.js';
import { LANGUAGES } from '../../../src/core/triage/types.js';

const config = loadDeskConfig('config/desk.example.yaml');

/** A distinct, recognisable value for every placeholder any template may use. */
const SAMPLE: Record<string, string> = {
  number: 'CMP-20261123-0042',
  deadline: '11月24日周二 17:30',
  previous: 'CMP-20261120-0007',
  department: '产品质量部',
  owner: '王芳',
  text: '请提供购买凭证',
  question: '请上传照片',
  solution: '退款 CNY 120.00',
  result: '已退款 120 元',
  customer: '张女士',
  order_number: 'DD20261116-8871',
  received_on: '2026年11月23日',
  topic: '产品质量',
  amount: '¥120.00',
  effective_by: '11月28日前到账',
  details: '经核查，电水壶底座密封圈老化导致漏水。',
  date: '2026年11月25日',
};

describe('every customer template in every language', () => {
  for (const key of TEMPLATE_KEYS)
    for (const lang of LANGUAGES)
      it(`${key} / ${lang} renders with all placeholders filled`, () => {
        const allowed: readonly string[] = TEMPLATE_PLACEHOLDERS[key];
        const values = Object.fromEntries(allowed.map((p) => [p, SAMPLE[p] ?? `<${p}>`]));
        const text = renderTemplate(config.templates, key, lang, values as never);
        expect(text.trim().length).toBeGreaterThan(0);
        expect(text).not.toMatch(/\{[a-zA-Z_]+\}/);
        for (const p of placeholdersIn(config.templates[key][lang])) expect(text).toContain(values[p]);
        // The template's own words are in its language.
        expect(/\p{Script=Han}/u.test(config.templates[key][lang])).toBe(lang !== 'en');
      });

  it('uses the case number in every template that has one', () => {
    for (const key of TEMPLATE_KEYS)
      if ((TEMPLATE_PLACEHOLDERS[key] as readonly string[]).includes('number'))
        for (const lang of LANGUAGES) expect(config.templates[key][lang], `${key}/${lang}`).toContain('{number}');
  });

  it('asks every evidence question in the three languages', () => {
    for (const [key, r] of Object.entries(config.evidence.requirements))
      for (const lang of LANGUAGES) expect(r.question[lang].trim(), `${key}/${lang}`).not.toBe('');
  });

  it('refuses a letter with a placeholder the code does not fill, at start-up', () => {
    const raw = parse(readFileSync('config/desk.example.yaml', 'utf8')) as Record<string, any>;
    raw.templates.apology_letter['zh-Hant'] += '\n{voucher_code}';
    expect(() => parseDeskConfig(raw)).toThrow(/templates\.apology_letter\.zh-Hant: unknown placeholder \{voucher_code\}/);
    delete raw.templates.explanation_letter;
    expect(() => parseDeskConfig(raw)).toThrow(/templates\.explanation_letter: missing template/);
  });
});

describe('apology and explanation letters', () => {
  const base: LetterInput = {
    kind: 'apology',
    caseRecord: { number: 'CMP-20261123-0042', orderNumber: 'DD20261116-8871', category: 'product', createdAt: new Date('2026-11-23T02:00:00Z'), language: 'zh-Hans' },
    customer: { displayName: '张女士' },
    solution: { type: 'refund', amount: 120, currency: 'CNY', effectiveBy: '11月28日前到账', text: '全额退款' },
    details: '经核查，是底座密封圈老化导致漏水。',
    date: new Date('2026-11-25T06:00:00Z'),
    timeZone: 'Asia/Shanghai',
  };

  it('fills every field from the case, with dates and money in the customer language', () => {
    const zh = renderLetter(config.templates, base);
    for (const part of ['尊敬的张女士', '2026年11月23日', '产品质量问题', 'CMP-20261123-0042', 'DD20261116-8871', '¥120.00', '11月28日前到账', '底座密封圈', '2026年11月25日', '退款 CNY 120.00']) expect(zh).toContain(part);
    expect(zh).not.toMatch(/\{|\}/);

    const en = renderLetter(config.templates, { ...base, kind: 'explanation', caseRecord: { ...base.caseRecord, language: 'en' }, details: 'The seal had aged.' });
    for (const part of ['Dear 张女士,', '23 November 2026', 'a product quality problem', 'CN¥120.00', 'What happened: The seal had aged.', '25 November 2026']) expect(en).toContain(part);

    const hant = renderLetter(config.templates, { ...base, caseRecord: { ...base.caseRecord, language: 'zh-Hant' } });
    for (const part of ['2026年11月23日', '產品品質問題', '涉及金額：CN¥120.00', '客戶服務團隊']) expect(hant).toContain(part);
  });

  it('says so in words when the case has no order number, amount or date, never a blank', () => {
    const sparse: LetterInput = { ...base, caseRecord: { ...base.caseRecord, orderNumber: null, category: null }, customer: null, solution: { type: 'apology', amount: null, currency: null, effectiveBy: null, text: '' } };
    const values = letterValues(sparse);
    expect(values).toMatchObject({ customer: '客户', order_number: '未提供', amount: '无', topic: '相关', solution: '致歉' });
    for (const v of Object.values(values)) expect(v.trim()).not.toBe('');
    const en = letterValues({ ...sparse, caseRecord: { ...sparse.caseRecord, language: 'en' }, solution: null });
    expect(en).toMatchObject({ customer: 'customer', order_number: 'not provided', amount: 'none', solution: 'as agreed with you', topic: 'the problem you reported' });
  });

  it('formats dates in the desk time zone and unknown currencies plainly', () => {
    // 23:30 UTC on the 22nd is already the 23rd in Shanghai.
    expect(formatLetterDate(new Date('2026-11-22T23:30:00Z'), 'en', 'Asia/Shanghai')).toBe('23 November 2026');
    expect(formatMoney(1234.5, 'CNY', 'zh-Hans')).toBe('¥1,234.50');
    expect(formatMoney(10, 'not-a-code', 'en')).toBe('not-a-code 10.00');
  });
});
