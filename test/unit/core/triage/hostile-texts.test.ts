// Issue 14 §1: a customer's text must never make triage backtrack for seconds. Before the
// fix, "order" + 120 spaces + "!" took 5 s in the order-number pattern; 10,000 characters
// never returned. These runs must simply return (timings live in `npm run bench -- triage`).
import { describe, expect, it } from 'vitest';
import { classify, extractAmount, extractOrderNumber, isDecline, mentionsTimeOrPlace } from '../../../../src/core/triage/index.js';
import { normalizeText } from '../../../../src/core/triage/normalize.js';
import { LABEL_WORDS, pathologicalTexts } from '../../../../support/pathological-texts.js';

const texts = pathologicalTexts(10_000);

describe('pathological texts of 10,000 characters', () => {
  it('cover every label word in the three languages with every kind of run', () => {
    expect(texts.length).toBeGreaterThan(400);
    for (const w of ['order', '订单', '訂單', '單號', 'ref']) expect(LABEL_WORDS).toContain(w);
    for (const t of texts) expect(t.text.length, t.name).toBe(10_000);
  });

  it.each([
    ['extractOrderNumber', extractOrderNumber],
    ['extractAmount', extractAmount],
    ['isDecline', isDecline],
    ['mentionsTimeOrPlace', mentionsTimeOrPlace],
    ['normalizeText', normalizeText],
  ] as const)('%s returns on every one', (_name, run) => {
    for (const t of texts) run(t.text);
  }, 180_000);

  it('classify returns on every one with a whole triage', () => {
    for (const t of texts) expect(classify(t.text).language, t.name).toMatch(/^(en|zh-Hans|zh-Hant)$/);
  }, 180_000);

  it('still finds a label after a long run of separators', () => {
    expect(extractOrderNumber(`order${' '.repeat(5_000)}#${' \n'.repeat(2_000)}A-77821`)).toBe('A-77821');
    expect(extractOrderNumber(`訂單號${'　'.repeat(3_000)}：TB8827361`)).toBe('TB8827361');
    expect(extractOrderNumber(`order${' '.repeat(10_000)}!`)).toBeNull();
  });
});
