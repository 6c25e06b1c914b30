/**
 * `npm run triage:eval [-- files…] [--file x.jsonl] [--part devtest|train|all] [--misses]`:
 * per set and per language and variety, for the lexicon alone, the model alone and both
 * combined: urgent recall and precision first, then is-a-complaint, category, order number,
 * desired outcome, amount; then the category confusion matrix of the combined triage.
 * Without files it scores the dev-test part (never trained on) of every labelled set in the
 * repository; `--file` scores every record of any JSON Lines file in the evaluation format.
 */
import { readFileSync } from 'node:fs';
import { CATEGORIES } from '../core/triage/index.js';
import { evaluatePredictions, groupsOf, type Evaluation } from '../core/triage/evaluate.js';
import { parseLabelled, type LabelledRecord } from '../core/triage/labelled.js';
import { partOf } from '../core/triage/model/split.js';
import { classifyComponents } from '../core/triage/triage.js';
import type { Triage } from '../core/triage/types.js';
import { LABELLED_FILES, NEVER_TUNED_FILES } from './triage-files.js';

const args = process.argv.slice(2).filter((a) => a !== '--');
const flag = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const explicit = flag('--file');
const partArg = flag('--part');
const showMisses = args.includes('--misses') || process.env.VERBOSE === '1';
const files = [...(explicit ? [explicit] : []), ...args.filter((a) => !a.startsWith('--'))];
const targets = files.length ? files : LABELLED_FILES;
const part = (partArg ?? (files.length ? 'all' : 'devtest')) as 'devtest' | 'train' | 'all';
if (!['devtest', 'train', 'all'].includes(part)) throw new Error(`--part must be devtest, train or all, not ${part}`);

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
function row(label: string, e: Evaluation): string {
  return `  ${label.padEnd(26)} ${`${pct(e.urgentRecall)} (${e.urgentCaught}/${e.urgentTotal})`.padEnd(15)} ${pct(e.urgentPrecision)}   ${pct(e.accuracy.isComplaint)}   ${pct(e.accuracy.category)}   ${pct(e.accuracy.orderNumber)}   ${pct(e.accuracy.desiredOutcome)}   ${pct(e.accuracy.amount)}  ${String(e.total).padStart(5)}`;
}
const HEADER = `  ${'group / component'.padEnd(26)} ${'urgent recall'.padEnd(15)} u.prec  complnt  categry  ordernum  outcome  amount      n`;

const union: { records: LabelledRecord[]; got: Record<'lexicon' | 'model' | 'combined', Triage[]> } = { records: [], got: { lexicon: [], model: [], combined: [] } };

for (const file of targets) {
  const all = parseLabelled(readFileSync(file, 'utf8'), file);
  const records = part === 'all' ? all : all.filter((r) => partOf(r.id) === part);
  const got = classifyEach(records);
  union.records.push(...records);
  for (const k of ['lexicon', 'model', 'combined'] as const) union.got[k].push(...got[k]);
  report(`${file} — ${part} part, ${records.length} of ${all.length} messages`, records, got, targets.length === 1);
}
if (targets.length > 1) report(`all sets — ${part} part, ${union.records.length} messages`, union.records, union.got, true);
// The never-tuned set, whole and apart: the figure to report for text nobody tuned on.
if (!files.length)
  for (const file of NEVER_TUNED_FILES) {
    const records = parseLabelled(readFileSync(file, 'utf8'), file);
    report(`NEVER-TUNED ${file} — all ${records.length} messages`, records, classifyEach(records), true);
  }

/** Each record through each component alone and combined (the model falls back to the lexicon where it abstains). */
function classifyEach(records: LabelledRecord[]): Record<'lexicon' | 'model' | 'combined', Triage[]> {
  const got = { lexicon: [] as Triage[], model: [] as Triage[], combined: [] as Triage[] };
  for (const r of records) {
    const c = classifyComponents(r.text);
    got.lexicon.push(c.lexicon);
    got.model.push(c.model ?? c.lexicon);
    got.combined.push(c.combined);
  }
  return got;
}

function report(title: string, records: LabelledRecord[], got: Record<'lexicon' | 'model' | 'combined', Triage[]>, detail: boolean): void {
  console.log(`\n${title}`);
  console.log(HEADER);
  for (const g of groupsOf(records)) {
    if (g.name !== 'all' && !detail) continue;
    const sub = g.indices.map((i) => records[i]!);
    for (const k of ['combined', 'lexicon', 'model'] as const) {
      const e = evaluatePredictions(sub, g.indices.map((i) => got[k][i]!));
      console.log(row(`${g.name} · ${k}`, e));
    }
  }
  const e = evaluatePredictions(records, got.combined);
  console.log(`  urgent caught or flagged possible urgent (combined): ${e.urgentCaughtOrFlagged}/${e.urgentTotal}`);
  if (!detail) return;
  const labels = [...CATEGORIES, 'none'];
  const short = (s: string) => s.replace('privacy_security', 'privacy').replace('after_sales', 'after_s');
  console.log(`\n  category confusion, combined (rows: expected, columns: predicted)`);
  console.log('  ' + ''.padEnd(10) + labels.map((l) => short(l).padStart(9)).join(''));
  for (const a of labels) console.log('  ' + short(a).padEnd(10) + labels.map((b) => String(e.confusion[a]![b]).padStart(9)).join(''));
  if (showMisses) for (const m of e.misses) console.log(`  ✗ ${m.id} ${m.field}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)} — ${m.text.slice(0, 70)}`);
  else console.log(`\n  ${e.misses.length} field misses (--misses to list them)`);
}
