// Issue 19 item 2: a learned model trained offline and deterministically, loaded at start-up,
// combined with the lexicon so that the cues still explain each decision.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyByLexicon } from '../../../../src/core/triage/classify.js';
import { parseLabelled } from '../../../../src/core/triage/labelled.js';
import { HEADS, LinearModel, ModelFile, toModelFile } from '../../../../src/core/triage/model/linear-model.js';
import { partOf } from '../../../../src/core/triage/model/split.js';
import { trainLinearModel, type TrainingExample } from '../../../../src/core/triage/model/train.js';
import { classify, classifyComponents, MODEL_PATH, modelFeatures } from '../../../../src/core/triage/triage.js';

const dev = parseLabelled(readFileSync('test/fixtures/triage/dev-set.jsonl', 'utf8'), 'dev-set.jsonl');
const examples: TrainingExample[] = dev.map((r) => ({
  id: r.id,
  buckets: modelFeatures(classifyByLexicon(r.text), r.text),
  labels: { complaint: Number(r.isComplaint), urgent: Number(r.urgent), category: HEADS.category.indexOf(r.category ?? 'none'), outcome: HEADS.outcome.indexOf(r.desiredOutcome ?? 'none') },
}));
const options = { epochs: 3, seed: 7, learningRate: 0.3, classWeights: { urgent: [1, 3] } };

describe('triage model', () => {
  it('trains deterministically: same data and seed, same bytes, whatever the input order', () => {
    const a = toModelFile(...Object.values(trainLinearModel(examples, options)) as [Float32Array, Float32Array], { messages: 1, files: [], seed: 7, epochs: 3 });
    const b = toModelFile(...Object.values(trainLinearModel([...examples].reverse(), options)) as [Float32Array, Float32Array], { messages: 1, files: [], seed: 7, epochs: 3 });
    expect(a.weights).toBe(b.weights);
    expect(a.bias).toEqual(b.bias);
  });

  it('learns what it was shown (training accuracy well above chance)', () => {
    const { weights, bias } = trainLinearModel(examples, { ...options, epochs: 8 });
    const m = new LinearModel(weights, bias);
    const right = examples.filter((ex) => {
      const p = m.predict(ex.buckets).category;
      return p.indexOf(Math.max(...p)) === ex.labels.category;
    }).length;
    expect(right / examples.length).toBeGreaterThan(0.9);
  });

  it('ships committed weights of a few MB that validate and load', () => {
    const text = readFileSync(MODEL_PATH, 'utf8');
    expect(text.length).toBeLessThan(3 * 1_048_576);
    const file = ModelFile.parse(JSON.parse(text));
    expect(file.trainedOn.messages).toBeGreaterThan(1000);
    expect(() => LinearModel.fromFile(file)).not.toThrow();
    expect(classifyComponents('The charger sparked').model).not.toBeNull();
  });

  it('keeps about a fifth of each set out of training, by a fixed hash of the id', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `b9-${String(i).padStart(4, '0')}`);
    const held = ids.filter((id) => partOf(id) === 'devtest').length;
    expect(held / ids.length).toBeGreaterThan(0.15);
    expect(held / ids.length).toBeLessThan(0.25);
    expect(ids.map(partOf)).toEqual(ids.map(partOf));
  });

  it('explains decisions with the cue and the model probability', () => {
    const t = classify('宝宝用了面霜以后脸上起水泡了');
    expect(t.urgent).toBe(true);
    expect(t.cues.some((c) => /^urgent ← 起水泡 \(body\) · model \d\.\d\d$/.test(c)), t.cues.join(' · ')).toBe(true);
    expect(t.cues.some((c) => /^category: product · model \d\.\d\d$/.test(c)), t.cues.join(' · ')).toBe(true);
  });
});
