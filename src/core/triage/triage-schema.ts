import { z } from 'zod';
import { CATEGORIES, DESIRED_OUTCOMES, LANGUAGES, type Triage } from './types.js';

/**
 * The labels of docs/DOMAIN.md §3 as a schema: the one declaration that labelled files, staff
 * corrections and answers from triage threads are read with.
 */
export const TriageLabels = z.object({
  language: z.enum(LANGUAGES),
  isComplaint: z.boolean(),
  category: z.enum(CATEGORIES).nullable(),
  urgent: z.boolean(),
  orderNumber: z.string().nullable(),
  desiredOutcome: z.enum(DESIRED_OUTCOMES).nullable(),
  amount: z.number().nullable(),
});
export type TriageLabels = z.infer<typeof TriageLabels>;

/** A whole triage, as a thread answers it: every field of `Triage`, optional ones included. */
export const TriageSchema = TriageLabels.extend({
  currency: z.string().nullable().optional(),
  cues: z.array(z.string()),
  possibleUrgent: z.boolean().optional(),
  categoryConfidence: z.number().optional(),
});

// A field added to `Triage` but not here would be stripped from every thread's answer: refuse to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTriage: Same<z.infer<typeof TriageSchema>, Triage> = true;
void schemaMatchesTriage;
