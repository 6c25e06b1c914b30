import { z } from 'zod';
import { TriageLabels } from './triage-schema.js';

export const VARIETIES = ['mainland', 'hk', 'tw', 'en', 'mixed'] as const;
export type Variety = (typeof VARIETIES)[number];

/** One labelled message of the evaluation format (JSON Lines); `variety` is optional. */
export const LabelledRecord = z.object({ id: z.string(), text: z.string(), variety: z.enum(VARIETIES).optional() }).extend(TriageLabels.shape);
export type LabelledRecord = z.infer<typeof LabelledRecord>;

/** Parses JSON Lines text; a bad line fails with its file and line number. */
export function parseLabelled(text: string, file: string): LabelledRecord[] {
  return text
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (err) {
        throw new Error(`${file}:${n}: invalid JSON: ${(err as Error).message}`);
      }
      const parsed = LabelledRecord.safeParse(raw);
      if (!parsed.success) throw new Error(`${file}:${n}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}

/** A record's variety, or the one its script implies when the record does not say. */
export function varietyOf(r: Pick<LabelledRecord, 'variety' | 'language'>): string {
  return r.variety ?? (r.language === 'zh-Hans' ? 'mainland' : r.language === 'en' ? 'en' : 'zh-Hant');
}
