// Issue 19: how the lexicon and the model's probabilities combine. Probabilities are set by hand
// so each rule is seen on its own, whatever the shipped model says.
import { describe, expect, it } from 'vitest';
import { classifyByLexicon } from '../../../../src/core/triage/classify.js';
import { HEADS, type Probabilities } from '../../../../src/core/triage/model/linear-model.js';
import { combine, THRESHOLDS } from '../../../../src/core/triage/triage.js';

type Head = keyof typeof HEADS;
/** Probabilities with `yes` for the binary heads and one winning class for the others. */
function probabilities(o: { complaint: number; urgent: number; category?: [string, number]; outcome?: [string, number] }): Probabilities {
  const head = (h: Head, winner: string, p: number) => Float64Array.from(HEADS[h], (name) => (name === winner ? p : (1 - p) / (HEADS[h].length - 1)));
  return {
    complaint: Float64Array.of(1 - o.complaint, o.complaint),
    urgent: Float64Array.of(1 - o.urgent, o.urgent),
    category: head('category', ...(o.category ?? ['none', 0.9])),
    outcome: head('outcome', ...(o.outcome ?? ['none', 0.9])),
  };
}

describe('combining lexicon and model', () => {
  it('lets the model call news that a problem is solved "not a complaint", despite the problem word', () => {
    const text = '上次那个漏发的充电器已经收到了，谢谢客服小姐姐，辛苦了';
    const lex = classifyByLexicon(text);
    expect(lex.strong).toBe(true);
    const solved = combine(lex, probabilities({ complaint: 0.05, urgent: 0.01 }));
    expect(solved.isComplaint).toBe(false);
    expect(solved.cues.some((c) => c.startsWith('not a complaint'))).toBe(true);
    // …but only when the model is sure: a problem word still counts at moderate doubt.
    expect(combine(lex, probabilities({ complaint: 0.35, urgent: 0.01 })).isComplaint).toBe(true);
  });

  it('keeps thanks before a problem a complaint, however sure the model is that thanks mean no complaint', () => {
    const lex = classifyByLexicon('Thanks for the quick reply earlier, but the screen is still flickering');
    expect(lex.strong).toBe(true);
    expect(combine(lex, probabilities({ complaint: 0.01, urgent: 0.01 })).isComplaint).toBe(true);
  });

  it('never lets the model drop a message the lexicon found harm in', () => {
    const lex = classifyByLexicon('充电器插上去冒烟了，还有焦味，吓死人了，赶紧处理');
    expect(lex.triage.urgent).toBe(true);
    const t = combine(lex, probabilities({ complaint: 0.01, urgent: 0.01 }));
    expect(t).toMatchObject({ isComplaint: true, urgent: true });
  });

  it('makes a possible harm urgent at a lower model probability than a message with no harm cue', () => {
    const possible = classifyByLexicon('部手机充电嗰阵热到烫手，背壳好似隆咗起嚟，唔敢再用，帮我安排换机');
    const p = probabilities({ complaint: 0.95, urgent: (THRESHOLDS.urgentWhenPossible + THRESHOLDS.urgent) / 2, category: ['product', 0.9] });
    expect(possible.triage).toMatchObject({ possibleUrgent: true, urgent: false });
    expect(combine(possible, p).urgent).toBe(true);
    const plain = classifyByLexicon('买的台灯灯罩颜色和图片上的不一样，偏黄很多，想换一个白色的');
    expect(plain.triage.possibleUrgent).toBe(false);
    expect(combine(plain, p).urgent).toBe(false);
    expect(combine(plain, p).possibleUrgent).toBe(true);
  });

  it('gives a short complaint the lexicon could not place the model\'s category, and keeps it the lexicon\'s complaint call', () => {
    const lex = classifyByLexicon('又未到貨！！');
    expect(lex.wordChars).toBeLessThan(THRESHOLDS.minWordChars);
    expect(lex.triage).toMatchObject({ isComplaint: true, category: null });
    const t = combine(lex, probabilities({ complaint: 0.01, urgent: 0.01, category: ['logistics', 0.8] }));
    expect(t).toMatchObject({ isComplaint: true, category: 'logistics' });
    expect(combine(lex, probabilities({ complaint: 0.9, urgent: 0.01, category: ['logistics', 0.3] })).category).toBeNull();
  });

  it('leaves a short reply that is no complaint alone, whatever the model says (a bare phone number answers the bot)', () => {
    const lex = classifyByLexicon('13812345678');
    const t = combine(lex, probabilities({ complaint: 0.99, urgent: 0.9, category: ['logistics', 0.99] }));
    expect(t).toEqual(lex.triage);
  });
});
