import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { CATEGORIES, DESIRED_OUTCOMES } from '../types.js';
import { HASH_BITS } from './features.js';

/** One softmax head per field; binary fields are two-class heads. */
export const HEADS = {
  complaint: ['no', 'yes'],
  urgent: ['no', 'yes'],
  category: [...CATEGORIES, 'none'],
  outcome: [...DESIRED_OUTCOMES, 'none'],
} as const satisfies Record<string, readonly string[]>;
export type Head = keyof typeof HEADS;
export const HEAD_NAMES = Object.keys(HEADS) as Head[];
export const OUTPUTS = HEAD_NAMES.reduce((n, h) => n + HEADS[h].length, 0);
export const OFFSET: Record<Head, number> = (() => {
  let at = 0;
  const o = {} as Record<Head, number>;
  for (const h of HEAD_NAMES) {
    o[h] = at;
    at += HEADS[h].length;
  }
  return o;
})();
export const BUCKETS = 1 << HASH_BITS;

export const ModelFile = z.strictObject({
  version: z.literal(2),
  hashBits: z.literal(HASH_BITS),
  trainedOn: z.strictObject({ messages: z.number().int(), files: z.array(z.string()), seed: z.number().int(), epochs: z.number().int() }),
  /** Per output: weight = int8 × scale of its head. */
  scales: z.record(z.string(), z.number().positive()),
  bias: z.array(z.number()).length(OUTPUTS),
  /** base64 of the raw-deflated Int8Array(BUCKETS × OUTPUTS), bucket-major: most buckets of a small training set stay zero, so it halves */
  weights: z.string(),
});
export type ModelFile = z.infer<typeof ModelFile>;

export type Probabilities = Record<Head, Float64Array>;

/** A linear model over hashed features: each message costs its feature count × OUTPUTS. */
export class LinearModel {
  private readonly seen = new Int32Array(BUCKETS);
  private stamp = 0;

  /**
   * `weights` bucket-major, each output multiplied by its `scale`: the shipped model keeps its
   * int8 weights as they are (2.5 MB), training uses floats with scale 1.
   */
  constructor(
    readonly weights: Float32Array | Int8Array,
    readonly bias: Float32Array,
    readonly scale: Float32Array = new Float32Array(OUTPUTS).fill(1),
  ) {}

  static fromFile(file: ModelFile): LinearModel {
    const bytes = inflateRawSync(Buffer.from(file.weights, 'base64'));
    if (bytes.length !== BUCKETS * OUTPUTS) throw new Error(`triage model: ${bytes.length} weight bytes, expected ${BUCKETS * OUTPUTS}`);
    const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
    const scale = new Float32Array(OUTPUTS);
    for (const h of HEAD_NAMES) for (let k = 0; k < HEADS[h].length; k++) scale[OFFSET[h] + k] = file.scales[h] ?? 0;
    return new LinearModel(q, Float32Array.from(file.bias), scale);
  }

  /** Distinct buckets of a feature list, each once, with the value every one of them gets. */
  distinct(buckets: readonly number[]): { ids: number[]; value: number } {
    if (++this.stamp === 0x7fffffff) (this.seen.fill(0), (this.stamp = 1));
    const ids: number[] = [];
    for (const b of buckets)
      if (this.seen[b] !== this.stamp) {
        this.seen[b] = this.stamp;
        ids.push(b);
      }
    return { ids, value: ids.length ? 1 / Math.sqrt(ids.length) : 0 };
  }

  logits(ids: readonly number[], value: number): Float64Array {
    const sum = new Float64Array(OUTPUTS);
    const w = this.weights;
    for (const b of ids) {
      const base = b * OUTPUTS;
      for (let o = 0; o < OUTPUTS; o++) sum[o]! += w[base + o]!;
    }
    for (let o = 0; o < OUTPUTS; o++) sum[o] = this.bias[o]! + sum[o]! * value * this.scale[o]!;
    return sum;
  }

  predict(buckets: readonly number[]): Probabilities {
    const { ids, value } = this.distinct(buckets);
    return softmaxHeads(this.logits(ids, value));
  }
}

export function softmaxHeads(z: Float64Array): Probabilities {
  const out = {} as Probabilities;
  for (const h of HEAD_NAMES) {
    const n = HEADS[h].length;
    const o = OFFSET[h];
    let max = -Infinity;
    for (let k = 0; k < n; k++) max = Math.max(max, z[o + k]!);
    const p = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += p[k] = Math.exp(z[o + k]! - max);
    for (let k = 0; k < n; k++) p[k]! /= sum;
    out[h] = p;
  }
  return out;
}

/** Quantises trained weights to int8 per head and deflates them (a model file of about half BUCKETS × OUTPUTS bytes). */
export function toModelFile(weights: Float32Array, bias: Float32Array, trainedOn: ModelFile['trainedOn']): ModelFile {
  const scales: Record<string, number> = {};
  const q = new Int8Array(weights.length);
  for (const h of HEAD_NAMES) {
    let max = 0;
    for (let i = 0; i < BUCKETS; i++) for (let k = 0; k < HEADS[h].length; k++) max = Math.max(max, Math.abs(weights[i * OUTPUTS + OFFSET[h] + k]!));
    const scale = max > 0 ? max / 127 : 1;
    scales[h] = scale;
    for (let i = 0; i < BUCKETS; i++)
      for (let k = 0; k < HEADS[h].length; k++) {
        const j = i * OUTPUTS + OFFSET[h] + k;
        q[j] = Math.max(-127, Math.min(127, Math.round(weights[j]! / scale)));
      }
  }
  return { version: 2, hashBits: HASH_BITS, trainedOn, scales, bias: [...bias].map((b) => Math.round(b * 1e6) / 1e6), weights: deflateRawSync(q, { level: 9 }).toString('base64') };
}
