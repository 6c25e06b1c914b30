import { seededRandom } from '../../seeded-random.js';
import { BUCKETS, HEAD_NAMES, HEADS, LinearModel, OFFSET, OUTPUTS, softmaxHeads, type Head } from './linear-model.js';

export interface TrainingExample {
  id: string;
  buckets: number[];
  /** class index per head */
  labels: Record<Head, number>;
}

export interface TrainingOptions {
  epochs: number;
  seed: number;
  learningRate: number;
  /** Extra weight of a class's examples per head, e.g. urgent "yes" counts more (recall first). */
  classWeights: Partial<Record<Head, number[]>>;
}

/**
 * Multinomial logistic regression per head, AdaGrad, examples in id order then shuffled by a
 * seeded generator each epoch: the same data and seed give the same weights, bit for bit.
 */
export function trainLinearModel(examples: readonly TrainingExample[], o: TrainingOptions): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(BUCKETS * OUTPUTS);
  const bias = new Float32Array(OUTPUTS);
  const g2 = new Float32Array(BUCKETS * OUTPUTS);
  const b2 = new Float32Array(OUTPUTS);
  const model = new LinearModel(weights, bias);
  const order = [...examples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const random = seededRandom(o.seed);
  const grad = new Float64Array(OUTPUTS);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const ex of order) {
      const { ids, value } = model.distinct(ex.buckets);
      const p = softmaxHeads(model.logits(ids, value));
      for (const h of HEAD_NAMES) {
        const y = ex.labels[h];
        const cw = o.classWeights[h]?.[y] ?? 1;
        for (let k = 0; k < HEADS[h].length; k++) grad[OFFSET[h] + k] = (p[h][k]! - (k === y ? 1 : 0)) * cw;
      }
      for (let out = 0; out < OUTPUTS; out++) {
        const g = grad[out]!;
        b2[out]! += g * g;
        bias[out]! -= (o.learningRate * g) / Math.sqrt(b2[out]! + 1e-8);
      }
      for (const b of ids) {
        const base = b * OUTPUTS;
        for (let out = 0; out < OUTPUTS; out++) {
          const g = grad[out]! * value;
          if (g === 0) continue;
          g2[base + out]! += g * g;
          weights[base + out]! -= (o.learningRate * g) / Math.sqrt(g2[base + out]! + 1e-8);
        }
      }
    }
  }
  return { weights, bias };
}
