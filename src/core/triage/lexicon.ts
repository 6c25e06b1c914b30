import categoriesData from './lexicon/categories.json' with { type: 'json' };
import outcomesData from './lexicon/outcomes.json' with { type: 'json' };
import signalsData from './lexicon/signals.json' with { type: 'json' };
import urgencyData from './lexicon/urgency.json' with { type: 'json' };
import { AhoCorasick, type PatternHit } from './aho-corasick.js';
import { CATEGORIES, DESIRED_OUTCOMES, type Category, type DesiredOutcome } from './types.js';

/** Which question a cue answers; cues of one dimension compete for the same span of text. */
export type Dimension =
  | 'category'
  | 'urgency'
  | 'outcome'
  | 'desire'
  | 'negation'
  | 'breaker'
  | 'aNotA'
  | 'greeting'
  | 'thanks'
  | 'question'
  | 'dissatisfaction'
  | 'decline'
  | 'timeOrPlace'
  | 'arrival'
  | 'process'
  | 'failure'
  | 'promise'
  | 'notWanted';

export interface Cue {
  text: string;
  dimension: Dimension;
  /** category name, urgency group (danger/data/legal/…), outcome name */
  group: string;
  /** category cues: 'problem' (something went wrong) or 'topic' (names the subject) */
  kind: 'problem' | 'topic' | 'signal';
  weight: number;
  /** A trailing * in the lexicon: the word may go on ("defect*" → defective). */
  wildcard: boolean;
  /** Outcome cues that count only after a desire word ("I want a replacement", not "the replacement arrived"). */
  needsDesire: boolean;
  boundedStart: boolean;
  boundedEnd: boolean;
}

export interface CueHit extends PatternHit {
  cue: Cue;
}

type Bilingual = { zh: string[]; en: string[] };
const WORD_CHAR = /[a-z0-9]/;

function cuesOf(list: Bilingual, dimension: Dimension, group: string, kind: Cue['kind'], weight = 1): Cue[] {
  return [...list.zh, ...list.en].map((raw) => {
    const wildcard = raw.endsWith('*');
    const text = (wildcard ? raw.slice(0, -1) : raw).toLowerCase();
    return {
      text,
      dimension,
      group,
      kind,
      weight,
      wildcard,
      needsDesire: false,
      boundedStart: WORD_CHAR.test(text[0] ?? ''),
      boundedEnd: !wildcard && WORD_CHAR.test(text.at(-1) ?? ''),
    };
  });
}

function buildCues(): Cue[] {
  const cues: Cue[] = [];
  const categories = categoriesData as unknown as Record<Category, { problem: Bilingual; topic: Bilingual; weight: number }>;
  for (const c of CATEGORIES) {
    cues.push(...cuesOf(categories[c].problem, 'category', c, 'problem', categories[c].weight));
    cues.push(...cuesOf(categories[c].topic, 'category', c, 'topic', 0.4));
  }
  const urgency = urgencyData as unknown as Record<string, Bilingual>;
  for (const group of ['danger', 'spoiled', 'food', 'data', 'legal', 'regulator', 'media']) cues.push(...cuesOf(urgency[group]!, 'urgency', group, 'signal'));
  const outcomes = outcomesData as unknown as { outcomes: Record<DesiredOutcome, Bilingual>; desire: Bilingual; needsDesire: Bilingual; notWanted: Bilingual };
  const weakOutcomes = new Set([...outcomes.needsDesire.zh, ...outcomes.needsDesire.en]);
  for (const o of DESIRED_OUTCOMES)
    for (const cue of cuesOf(outcomes.outcomes[o], 'outcome', o, 'signal'))
      cues.push({ ...cue, needsDesire: o === 'replacement' || o === 'repair' || weakOutcomes.has(cue.text) });
  cues.push(...cuesOf(outcomes.desire, 'desire', 'desire', 'signal'));
  cues.push(...cuesOf(outcomes.notWanted, 'notWanted', 'notWanted', 'signal'));
  const signals = signalsData as unknown as Record<string, Bilingual>;
  cues.push(...cuesOf(signals.negation!, 'negation', 'negation', 'signal'));
  cues.push(...cuesOf(signals.negationBreakers!, 'breaker', 'breaker', 'signal'));
  for (const d of ['aNotA', 'greeting', 'thanks', 'question', 'dissatisfaction', 'decline', 'timeOrPlace', 'arrival', 'process', 'failure', 'promise'] as const)
    cues.push(...cuesOf(signals[d]!, d, d, 'signal'));
  return cues.filter((c) => c.text.length > 0);
}

const CUES = buildCues();
const MATCHER = new AhoCorasick(CUES.map((c) => c.text));
const WORD = /[a-z0-9']/;

/** Every cue occurrence in normalised (simplified, lower-case) text that respects word boundaries. */
export function findCues(lower: string): CueHit[] {
  const hits: CueHit[] = [];
  for (const hit of MATCHER.search(lower)) {
    const cue = CUES[hit.pattern]!;
    if (cue.boundedStart && hit.start > 0 && WORD.test(lower[hit.start - 1]!)) continue;
    let end = hit.end;
    if (cue.wildcard) while (end < lower.length && WORD.test(lower[end]!)) end++;
    else if (cue.boundedEnd && end < lower.length && WORD.test(lower[end]!)) continue;
    hits.push({ pattern: hit.pattern, start: hit.start, end, cue });
  }
  return hits;
}

/** Within one dimension, keep the longest cue where several overlap ("won't charge" beats "charge"). */
export function longestPerDimension(hits: CueHit[]): CueHit[] {
  const sorted = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  // Per dimension, which kept hit covers each character (index + 1): overlap checks cost the
  // cue's length, not the number of hits kept so far, so long texts stay linear.
  const taken = new Map<Dimension, Int32Array>();
  const kept: CueHit[] = [];
  const size = hits.reduce((m, h) => Math.max(m, h.end), 0);
  for (const h of sorted) {
    let cover = taken.get(h.cue.dimension);
    if (!cover) taken.set(h.cue.dimension, (cover = new Int32Array(size)));
    let overlaps = false;
    for (let i = h.start; i < h.end && !overlaps; i++) {
      const k = cover[i]!;
      // The same span may carry several groups of one dimension (冒烟: product and danger are different dimensions anyway).
      if (k && !(kept[k - 1]!.start === h.start && kept[k - 1]!.end === h.end)) overlaps = true;
    }
    if (overlaps) continue;
    kept.push(h);
    for (let i = h.start; i < h.end; i++) if (!cover[i]) cover[i] = kept.length;
  }
  return kept.sort((a, b) => a.start - b.start);
}
