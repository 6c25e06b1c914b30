/**
 * Features of one message for the learned triage model, hashed into a fixed number of
 * buckets (feature hashing: no vocabulary to store). Character 1–3-grams of the folded text
 * (simplified Chinese, lower case) carry Chinese, Cantonese and typos alike; character 2–3-grams
 * of the raw text keep what folding erases (Traditional forms); word unigrams and bigrams
 * carry English; the lexicon's cues and decisions come in as named features.
 */
export const HASH_BITS = 17;
const MASK = (1 << HASH_BITS) - 1;

/** FNV-1a over a prefix tag and a slice of text, without building the substring. */
function hashSlice(tag: number, s: string, start: number, end: number): number {
  let h = (0x811c9dc5 ^ tag) >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h ^ (h >>> 15)) & MASK;
}

// Named features (cue groups, lexicon decisions) come from a small vocabulary: hash each once.
const NAMED = new Map<string, number>();

export function hashName(name: string): number {
  let h = NAMED.get(name);
  if (h === undefined) {
    h = hashSlice(7, name, 0, name.length);
    if (NAMED.size < 100_000) NAMED.set(name, h);
  }
  return h;
}

const LATIN_WORD = /[a-z0-9']+/g;
const SPACES = /\s+/g;
/** Longer messages add little evidence per character; capping keeps each message O(1) work after normalisation. */
const MAX_CHARS = 2_000;

/**
 * Bucket ids of a message's features (may repeat; the model counts each once). `folded` is
 * the normalised lower-case simplified text, `raw` the NFKC lower-case text before folding.
 */
export function featureBuckets(folded: string, raw: string, named: readonly string[]): number[] {
  const out: number[] = [];
  const f = ' ' + folded.slice(0, MAX_CHARS).replace(SPACES, ' ') + ' ';
  for (let i = 0; i < f.length; i++) {
    out.push(hashSlice(1, f, i, i + 1));
    if (i + 2 <= f.length) out.push(hashSlice(2, f, i, i + 2));
    if (i + 3 <= f.length) out.push(hashSlice(3, f, i, i + 3));
  }
  if (raw !== folded) {
    const r = raw.slice(0, MAX_CHARS);
    for (let i = 0; i + 2 <= r.length; i++) {
      const a = r.charCodeAt(i);
      if (a < 0x3000) continue;
      out.push(hashSlice(4, r, i, i + 2));
      if (i + 3 <= r.length) out.push(hashSlice(5, r, i, i + 3));
    }
  }
  let prev = '';
  for (const m of f.matchAll(LATIN_WORD)) {
    const w = m[0];
    out.push(hashSlice(8, w, 0, w.length));
    if (prev) out.push((hashSlice(9, prev, 0, prev.length) * 31 + hashSlice(9, w, 0, w.length)) & MASK);
    prev = w;
  }
  for (const n of named) out.push(hashName(n));
  return out;
}
