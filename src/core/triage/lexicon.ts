import categoriesData from './lexicon/categories.json' with { type: 'json' };
import outcomesData from './lexicon/outcomes.json' with { type: 'json' };
import signalsData from './lexicon/signals.json' with { type: 'json' };
import urgencyData from './lexicon/urgency.json' with { type: 'json' };
import { z } from 'zod';
import { AhoCorasick, type PatternHit } from './aho-corasick.js';
import { toSimplified } from './normalize.js';
import { CATEGORIES, DESIRED_OUTCOMES, type Category } from './types.js';

export const SIGNAL_DIMENSIONS = [
  'negation',
  'breaker',
  'aNotA',
  'greeting',
  'thanks',
  'praise',
  'solved',
  'question',
  'dissatisfaction',
  'decline',
  'timeOrPlace',
  'arrival',
  'process',
  'failure',
  'promise',
  'courier',
  'money',
  'voucher',
  'account',
] as const;

/** Which question a cue answers; cues of one dimension compete for the same span of text. */
export type Dimension = 'category' | 'urgency' | 'outcome' | 'desire' | 'notWanted' | (typeof SIGNAL_DIMENSIONS)[number];

export const HARM_KINDS = ['body', 'vulnerable', 'fire', 'vehicle', 'food', 'data', 'legal', 'property'] as const;
export type HarmKind = (typeof HARM_KINDS)[number];

/**
 * What a harm group does: 'urgent' makes the message urgent; 'possible' only flags it for a
 * person to check; 'urgentWith' is urgent when a cue of its `with` group is present too,
 * else possible; 'context' is only read by urgentWith; 'amplifier' (children, vulnerable
 * people) turns a possible signal into an urgent one.
 */
export const HARM_ROLES = ['urgent', 'possible', 'urgentWith', 'context', 'amplifier'] as const;
export type HarmRole = (typeof HARM_ROLES)[number];

/** Cue words in zh (simplified), yue (Hong Kong Cantonese), tw (Taiwan) and en; a trailing * lets an English word go on. */
const CueWords = z.strictObject({
  zh: z.array(z.string().min(1)).default([]),
  yue: z.array(z.string().min(1)).default([]),
  tw: z.array(z.string().min(1)).default([]),
  en: z.array(z.string().min(1)).default([]),
});
type CueWords = z.infer<typeof CueWords>;

const CategoryEntry = z.strictObject({ problem: CueWords, topic: CueWords, weight: z.number().positive() });
const CategoriesFile = z.strictObject({
  _doc: z.string().optional(),
  ...Object.fromEntries(CATEGORIES.map((c) => [c, CategoryEntry])),
} as Record<Category, typeof CategoryEntry> & { _doc: z.ZodOptional<z.ZodString> });

const HarmGroup = CueWords.extend({
  kind: z.enum(HARM_KINDS),
  role: z.enum(HARM_ROLES),
  with: z.string().optional(),
  /** amplifier groups: the kinds of possible signal they make urgent */
  amplifies: z.array(z.enum(HARM_KINDS)).optional(),
  category: z.enum(CATEGORIES).optional(),
  categoryWeight: z.number().positive().optional(),
}).refine((g) => g.role !== 'urgentWith' || g.with !== undefined, { message: "role 'urgentWith' needs 'with'" });
export type HarmGroup = z.infer<typeof HarmGroup>;

const UrgencyFile = z
  .strictObject({ _doc: z.string().optional(), groups: z.record(z.string().regex(/^[a-z_]+$/), HarmGroup) })
  .refine((f) => Object.values(f.groups).every((g) => !g.with || f.groups[g.with]?.role === 'context'), { message: "'with' must name a group whose role is 'context'" });

const OutcomesFile = z.strictObject({
  _doc: z.string().optional(),
  outcomes: z.strictObject(Object.fromEntries(DESIRED_OUTCOMES.map((o) => [o, CueWords])) as Record<string, typeof CueWords>),
  desire: CueWords,
  needsDesire: CueWords,
  notWanted: CueWords,
});

const SignalsFile = z
  .strictObject({
    ...(Object.fromEntries(SIGNAL_DIMENSIONS.filter((d) => d !== 'breaker').map((d) => [d, CueWords])) as Record<string, typeof CueWords>),
    negationBreakers: CueWords,
  })
  .extend({ _doc: z.string().optional() });

export interface Lexicon {
  categories: z.infer<typeof CategoriesFile>;
  urgency: z.infer<typeof UrgencyFile>;
  outcomes: z.infer<typeof OutcomesFile>;
  signals: z.infer<typeof SignalsFile>;
}

/** Validates the four lexicon files; a malformed file fails at start-up with the path of the bad field. */
export function parseLexicon(raw: { categories: unknown; urgency: unknown; outcomes: unknown; signals: unknown }): Lexicon {
  const parse = <T>(name: string, schema: z.ZodType<T>, value: unknown): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new Error(`lexicon ${name}.json: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    return r.data;
  };
  return {
    categories: parse('categories', CategoriesFile, raw.categories),
    urgency: parse('urgency', UrgencyFile, raw.urgency),
    outcomes: parse('outcomes', OutcomesFile, raw.outcomes),
    signals: parse('signals', SignalsFile, raw.signals),
  };
}

export interface Cue {
  text: string;
  dimension: Dimension;
  /** category name, harm group, outcome name, or the dimension itself */
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
  /** The model's named feature for this cue, live and negated: built once, not per message. */
  feature: string;
  negatedFeature: string;
}

export interface CueHit extends PatternHit {
  cue: Cue;
}

const WORD_CHAR = /[a-z0-9]/;

/** Every cue word of a list, Chinese folded to simplified (cues are matched against folded text). */
export function wordsOf(list: CueWords): string[] {
  return [...list.zh, ...list.yue, ...list.tw].map((w) => toSimplified(w.normalize('NFKC'))).concat(list.en.map((w) => w.normalize('NFKC')));
}

function cuesOf(list: CueWords, dimension: Dimension, group: string, kind: Cue['kind'], weight = 1): Cue[] {
  return wordsOf(list).map((raw) => {
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
      feature: `${dimension}:${group}:${kind}`,
      negatedFeature: `${dimension}:${group}:${kind}:negated`,
    };
  });
}

export function buildCues(lexicon: Lexicon): Cue[] {
  const cues: Cue[] = [];
  for (const c of CATEGORIES) {
    const entry = lexicon.categories[c];
    cues.push(...cuesOf(entry.problem, 'category', c, 'problem', entry.weight));
    cues.push(...cuesOf(entry.topic, 'category', c, 'topic', 0.4));
  }
  for (const [group, words] of Object.entries(lexicon.urgency.groups)) cues.push(...cuesOf(words, 'urgency', group, 'signal'));
  const { outcomes } = lexicon;
  const weakOutcomes = new Set(wordsOf(outcomes.needsDesire).map((w) => w.toLowerCase()));
  for (const o of DESIRED_OUTCOMES)
    for (const cue of cuesOf(outcomes.outcomes[o]!, 'outcome', o, 'signal'))
      cues.push({ ...cue, needsDesire: o === 'replacement' || o === 'repair' || weakOutcomes.has(cue.text) });
  cues.push(...cuesOf(outcomes.desire, 'desire', 'desire', 'signal'));
  cues.push(...cuesOf(outcomes.notWanted, 'notWanted', 'notWanted', 'signal'));
  for (const d of SIGNAL_DIMENSIONS) cues.push(...cuesOf((lexicon.signals as unknown as Record<string, CueWords>)[d === 'breaker' ? 'negationBreakers' : d]!, d, d, 'signal'));
  return cues.filter((c) => c.text.length > 0);
}

export const LEXICON = parseLexicon({ categories: categoriesData, urgency: urgencyData, outcomes: outcomesData, signals: signalsData });
const WORD = /[a-z0-9']/;

/** All cues of a lexicon in one Aho–Corasick automaton. */
export class CueIndex {
  readonly cues: Cue[];
  private readonly matcher: AhoCorasick;

  constructor(readonly lexicon: Lexicon) {
    this.cues = buildCues(lexicon);
    this.matcher = new AhoCorasick(this.cues.map((c) => c.text));
  }

  /** Every cue occurrence in normalised (simplified, lower-case) text that respects word boundaries. */
  find(lower: string): CueHit[] {
    const hits: CueHit[] = [];
    for (const hit of this.matcher.search(lower)) {
      const cue = this.cues[hit.pattern]!;
      if (cue.boundedStart && hit.start > 0 && WORD.test(lower[hit.start - 1]!)) continue;
      let end = hit.end;
      if (cue.wildcard) while (end < lower.length && WORD.test(lower[end]!)) end++;
      else if (cue.boundedEnd && end < lower.length && WORD.test(lower[end]!)) continue;
      hits.push({ pattern: hit.pattern, start: hit.start, end, cue });
    }
    return hits;
  }
}

export const CUE_INDEX = new CueIndex(LEXICON);

/** Every cue occurrence of the shipped lexicon. */
export function findCues(lower: string): CueHit[] {
  return CUE_INDEX.find(lower);
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
