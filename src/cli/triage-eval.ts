/** `npm run triage:eval [-- file.jsonl …]`: per-field accuracy, urgent recall and the category confusion matrix. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CATEGORIES } from '../core/triage/index.js';
import { evaluateTriage, EVALUATED_FIELDS, type LabelledMessage } from '../core/triage/evaluate.js';

const Labelled = z.object({
  id: z.string(),
  text: z.string(),
  language: z.enum(['zh-Hans', 'zh-Hant', 'en']),
  isComplaint: z.boolean(),
  category: z.enum(CATEGORIES as [string, ...string[]]).nullable(),
  urgent: z.boolean(),
  orderNumber: z.string().nullable(),
  desiredOutcome: z.enum(['refund', 'replacement', 'repair', 'compensation', 'apology', 'explanation']).nullable(),
  amount: z.number().nullable(),
});

const files = process.argv.slice(2).filter((a) => a !== '--');
const targets = files.length ? files : ['test/fixtures/triage/dev-set.jsonl', 'test/fixtures/triage/holdout.jsonl'];
const verbose = process.env.VERBOSE === '1';

for (const file of targets) {
  const set = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = Labelled.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return parsed.data as LabelledMessage;
    });
  const e = evaluateTriage(set);
  console.log(`\n${file} — ${e.total} messages`);
  for (const f of EVALUATED_FIELDS) console.log(`  ${f.padEnd(15)} ${(e.accuracy[f] * 100).toFixed(1).padStart(5)} %`);
  console.log(`  ${'urgent recall'.padEnd(15)} ${(e.urgentRecall * 100).toFixed(1).padStart(5)} %   (precision ${(e.urgentPrecision * 100).toFixed(1)} %)`);
  const labels = [...CATEGORIES, 'none'];
  const short = (s: string) => s.replace('privacy_security', 'privacy').replace('after_sales', 'after_s');
  console.log(`\n  category confusion (rows: expected, columns: predicted)`);
  console.log('  ' + ''.padEnd(10) + labels.map((l) => short(l).padStart(9)).join(''));
  for (const a of labels) console.log('  ' + short(a).padEnd(10) + labels.map((b) => String(e.confusion[a]![b]).padStart(9)).join(''));
  if (verbose || e.misses.length <= 15)
    for (const m of e.misses) console.log(`  ✗ ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)} — ${m.text.slice(0, 60)}`);
  else console.log(`\n  ${e.misses.length} misses (VERBOSE=1 to list them)`);
}
