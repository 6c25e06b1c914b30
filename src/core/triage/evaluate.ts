import { classify } from './classify.js';
import { CATEGORIES, type Triage } from './types.js';

export interface LabelledMessage extends Omit<Triage, 'cues'> {
  id: string;
  text: string;
}

export const EVALUATED_FIELDS = ['language', 'isComplaint', 'category', 'urgent', 'orderNumber', 'desiredOutcome', 'amount'] as const;
type Field = (typeof EVALUATED_FIELDS)[number];

export interface Evaluation {
  total: number;
  accuracy: Record<Field, number>;
  urgentRecall: number;
  urgentPrecision: number;
  /** confusion[expected][predicted], with "none" for null */
  confusion: Record<string, Record<string, number>>;
  misses: { id: string; field: Field; expected: unknown; got: unknown; text: string }[];
}

/** Per-field accuracy, urgent recall and the category confusion matrix over a labelled set. */
export function evaluateTriage(set: LabelledMessage[]): Evaluation {
  const correct = Object.fromEntries(EVALUATED_FIELDS.map((f) => [f, 0])) as Record<Field, number>;
  const labels = [...CATEGORIES, 'none'];
  const confusion = Object.fromEntries(labels.map((a) => [a, Object.fromEntries(labels.map((b) => [b, 0]))])) as Record<string, Record<string, number>>;
  const misses: Evaluation['misses'] = [];
  let urgentTotal = 0;
  let urgentCaught = 0;
  let urgentFlagged = 0;
  for (const m of set) {
    const got = classify(m.text);
    for (const f of EVALUATED_FIELDS) {
      const ok = f === 'amount' ? (m.amount ?? null) === (got.amount ?? null) : m[f] === got[f];
      if (ok) correct[f]++;
      else misses.push({ id: m.id, field: f, expected: m[f], got: got[f], text: m.text });
    }
    confusion[m.category ?? 'none']![got.category ?? 'none']!++;
    if (m.urgent) urgentTotal++;
    if (m.urgent && got.urgent) urgentCaught++;
    if (got.urgent) urgentFlagged++;
  }
  const accuracy = Object.fromEntries(EVALUATED_FIELDS.map((f) => [f, set.length ? correct[f] / set.length : 0])) as Record<Field, number>;
  return {
    total: set.length,
    accuracy,
    urgentRecall: urgentTotal ? urgentCaught / urgentTotal : 1,
    urgentPrecision: urgentFlagged ? urgentCaught / urgentFlagged : 1,
    confusion,
    misses,
  };
}
