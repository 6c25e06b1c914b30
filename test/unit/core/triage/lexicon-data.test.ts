// Issue 19 item 1 and 3: every cue lives in validated data, English cues respect word
// boundaries, and harm is judged by kind, with negation and a weaker "possible urgent" signal.
import { describe, expect, it } from 'vitest';
import categories from '../../../../src/core/triage/lexicon/categories.json' with { type: 'json' };
import outcomes from '../../../../src/core/triage/lexicon/outcomes.json' with { type: 'json' };
import signals from '../../../../src/core/triage/lexicon/signals.json' with { type: 'json' };
import urgency from '../../../../src/core/triage/lexicon/urgency.json' with { type: 'json' };
import { classifyByLexicon, createClassifier } from '../../../../src/core/triage/classify.js';
import { classify } from '../../../../src/core/triage/index.js';
import { CueIndex, parseLexicon } from '../../../../src/core/triage/lexicon.js';

const raw = { categories, outcomes, signals, urgency };

describe('lexicon data', () => {
  it('is validated: a malformed file fails with the path of the bad field', () => {
    expect(() => parseLexicon({ ...raw, urgency: { groups: { body: { kind: 'body', role: 'urgentt', en: ['x'] } } } })).toThrow(/urgency\.json: groups\.body\.role/);
    expect(() => parseLexicon({ ...raw, signals: { ...signals, negation: { zh: [1] } } })).toThrow(/signals\.json: negation\.zh\.0/);
    expect(() => parseLexicon({ ...raw, categories: { ...categories, shipping: { problem: {}, topic: {}, weight: 1 } } })).toThrow(/categories\.json/);
  });

  it('uses a harm group added to the data without touching code', () => {
    const withGroup = structuredClone(raw) as typeof raw & { urgency: { groups: Record<string, unknown> } };
    withGroup.urgency.groups.pets = { kind: 'body', role: 'urgent', zh: ['猫咪中暑'], yue: ['隻貓中暑'], en: ['my cat collapsed'] };
    const custom = createClassifier(new CueIndex(parseLexicon(withGroup)));
    const shipped = createClassifier(new CueIndex(parseLexicon(raw)));
    expect(shipped('The scratching post arrived and my cat collapsed').urgent).toBe(false);
    expect(custom('The scratching post arrived and my cat collapsed')).toMatchObject({ urgent: true, cues: expect.arrayContaining(['urgent ← my cat collapsed (body)']) });
    expect(custom('個貓窩一送到，隻貓中暑').urgent).toBe(true);
  });

  it('keeps English context words on word boundaries', () => {
    expect(classify('The barcode scanner does not work at all').category).toBe('product');
    expect(classify('The screwdriver set arrived and the handle broke immediately').category).toBe('product');
    expect(classify('The promo code does not work at checkout').category).toBe('billing');
  });
});

describe('harm by kind', () => {
  it.each([
    ['body', '宝宝用了你们的面霜，脸上起水泡了'],
    ['body', 'After using the cream my lips are swollen and I have hives'],
    ['body (HK)', '用完你哋嘅面膜，塊面出風癩，仲要去睇急症'],
    ['body (TW)', '吃了你們的便當，全家上吐下瀉，還掛急診'],
    ['vulnerable + weak', '我儿子玩你们的玩具，边缘很锋利'],
    ['fire', '烧水壶底部冒火花还有焦味'],
    ['fire (HK)', '部暖爐開咗十分鐘就有燶味同冒煙'],
    ['fire (EN)', 'There is a smoke smell coming from the charger'],
    ['gas (TW)', '熱水器裝好後一直有瓦斯味'],
    ['vehicle', 'The pram brake failed on a slope and it rolled away'],
    ['vehicle (HK)', '架BB車煞掣失靈，差啲碌落斜'],
    ['food', '给孩子买的奶粉已经过期了'],
    ['data', 'Someone logged into my account from another country'],
    ['data (HK)', '我個account俾人登入咗，仲有人用我張卡'],
    ['data', 'My invoice shows someone else\'s name and address'],
    ['regulator', '再不处理我就打12315'],
    ['regulator (HK)', '唔處理我就去消委會投訴'],
    ['regulator (TW)', '我要找消保官'],
    ['regulator (EN)', 'I will report this to Trading Standards'],
    ['legal (HK)', '我會去小額錢債審裁處入稟'],
    ['media', '我要发小红书曝光你们'],
    ['media (HK)', '唔退錢我就放上連登'],
    ['media (TW)', '不處理我就PO上PTT'],
    ['media (EN)', 'I am going to post this on social media'],
  ])('%s is urgent: %s', (_kind, text) => {
    const t = classify(text);
    expect(t.urgent, t.cues.join(' · ')).toBe(true);
    expect(t.isComplaint).toBe(true);
    expect(t.cues.some((c) => c.startsWith('urgent ← '))).toBe(true);
  });

  it.each(['Nobody was hurt, but the shelf fell off the wall', '还好没砸到人，但是柜门掉下来了', '我不想闹到12315，只想退款', '好彩冇人受傷，不過個燈罩跌咗落嚟', "I don't want to go to the press, just fix it"])(
    'negated harm is not urgent: %s',
    (text) => expect(classify(text).urgent).toBe(false),
  );

  it.each(['The kettle gets very hot on the outside', 'I will leave a one-star review if this is not fixed'])(
    'flags a weaker harm signal as possibly urgent; the model may raise it to urgent, never to both: %s',
    (text) => {
      expect(classifyByLexicon(text).triage).toMatchObject({ urgent: false, possibleUrgent: true });
      const t = classify(text);
      expect(t.urgent || t.possibleUrgent).toBe(true);
      expect(t.urgent && t.possibleUrgent).toBe(false);
    },
  );

  it('a strong harm cue is urgent and a plain delay is neither', () => {
    expect(classify('The kettle sparks')).toMatchObject({ urgent: true, possibleUrgent: false });
    expect(classify('The parcel is late')).toMatchObject({ urgent: false, possibleUrgent: false });
  });
});
