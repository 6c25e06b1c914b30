import { varietyOf, type LabelledRecord } from './labelled.js';
import { classify } from './triage.js';
import { CATEGORIES, type Triage } from './types.js';

/** Kept for callers that build labelled messages by hand. */
export type LabelledMessage = LabelledRecord;

export const EVALUATED_FIELDS = ['isComplaint', 'category', 'orderNumber', 'desiredOutcome', 'amount', 'language'] as const;
type Field = (typeof EVALUATED_FIELDS)[number];

export interface Evaluation {
  total: number;
  /** Urgent recall first: a missed urgent case is the costliest mistake. */
  urgentRecall: number;
  urgentPrecision: number;
  urgentCaught: number;
  urgentTotal: number;
  /** urgent messages that were at least flagged possible urgent */
  urgentCaughtOrFlagged: number;
  accuracy: Record<Field, number>;
  /** confusion[expected][predicted], with "none" for null */
  confusion: Record<string, Record<string, number>>;
  misses: { id: string; field: Field | 'urgent'; expected: unknown; got: unknown; text: string }[];
}

const sameAmount = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 0.005);

/** Scores predictions (one per record, same order) against the labels. */
export function evaluatePredictions(set: readonly LabelledRecord[], predicted: readonly Triage[]): Evaluation {
  const correct = Object.fromEntries(EVALUATED_FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const labels = [...CATEGORIES, 'none'];
  const confusion = Object.fromEntries(labels.map((a) => [a, Object.fromEntries(labels.map((b) => [b, 0]))])) as Record<string, Record<string, number>>;
  const misses: Evaluation['misses'] = [];
  let urgentTotal = 0;
  let urgentCaught = 0;
  let urgentFlagged = 0;
  let urgentCaughtOrFlagged = 0;
  set.forEach((m, i) => {
    const got = predicted[i]!;
    for (const f of EVALUATED_FIELDS) {
      const ok = f === 'amount' ? sameAmount(m.amount, got.amount) : m[f] === got[f];
      if (ok) correct[f]++;
      else misses.push({ id: m.id, field: f, expected: m[f], got: got[f], text: m.text });
    }
    confusion[m.category ?? 'none']![got.category ?? 'none']!++;
    if (m.urgent !== got.urgent) misses.push({ id: m.id, field: 'urgent', expected: m.urgent, got: got.urgent, text: m.text });
    if (m.urgent) urgentTotal++;
    if (m.urgent && got.urgent) urgentCaught++;
    if (m.urgent && (got.urgent || got.possibleUrgent)) urgentCaughtOrFlagged++;
    if (got.urgent) urgentFlagged++;
  });
  const accuracy = Object.fromEntries(EVALUATED_FIELDS.map((f) => [f, set.length ? correct[f] / set.length : 0])) as Record<Field, number>;
  return {
    total: set.length,
    urgentRecall: urgentTotal ? urgentCaught / urgentTotal : 1,
    urgentPrecision: urgentFlagged ? urgentCaught / urgentFlagged : 1,
    urgentCaught,
    urgentTotal,
    urgentCaughtOrFlagged,
    accuracy,
    confusion,
    misses,
  };
}

/** Groups of a set to report separately: all, each language, each variety. */
export function groupsOf(set: readonly LabelledRecord[]): { name: string; indices: number[] }[] {
  const groups = new Map<string, number[]>([['all', set.map((_, i) => i)]]);
  set.forEach((r, i) => {
    for (const key of [`lang ${r.language}`, `variety ${varietyOf(r)}`]) groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups].map(([name, indices]) => ({ name, indices }));
}

/** Scores the shipped triage (lexicon and model combined) on a labelled set. */
export function evaluateTriage(set: readonly LabelledRecord[]): Evaluation {
  return evaluatePredictions(set, set.map((m) => classify(m.text)));
}
