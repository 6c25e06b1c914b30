// Issue 19 items 5 and 6: `npm run triage:eval -- --file x.jsonl` scores any JSONL in the
// evaluation format (optional variety key), urgent recall first, per language and variety.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const record = (id: string, text: string, extra: Record<string, unknown>) =>
  JSON.stringify({ id, text, language: 'en', isComplaint: true, category: 'product', urgent: false, orderNumber: null, desiredOutcome: null, amount: null, ...extra });

it('scores a corrections file with varieties, urgent recall first, and refuses a bad record with its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-eval-'));
  const good = join(dir, 'corrections.jsonl');
  writeFileSync(
    good,
    [
      record('c1', 'The charger caught fire on my desk', { urgent: true, variety: 'en' }),
      record('c2', '部機開唔到，麻煩幫我換過部', { language: 'zh-Hant', variety: 'hk', desiredOutcome: 'replacement' }),
      record('c3', '收到的杯子是破的', { language: 'zh-Hans' }),
    ].join('\n') + '\n',
  );
  const run = spawnSync('npx', ['tsx', 'src/cli/triage-eval.ts', '--file', good], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.split('\n');
  const header = lines.find((l) => l.includes('urgent recall'))!;
  expect(header.trim().split(/\s{2,}/)[1]).toBe('urgent recall');
  expect(run.stdout).toMatch(/all · combined\s+100\.0 \(1\/1\)/);
  for (const g of ['variety hk · combined', 'variety en · lexicon', 'variety mainland · model', 'lang zh-Hant · combined']) expect(run.stdout).toContain(g);
  expect(run.stdout).toContain('category confusion');

  const bad = join(dir, 'bad.jsonl');
  writeFileSync(bad, record('c1', 'x', {}) + '\n' + record('c2', 'y', { variety: 'macau' }) + '\n');
  const refused = spawnSync('npx', ['tsx', 'src/cli/triage-eval.ts', '--file', bad], { encoding: 'utf8' });
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toContain('bad.jsonl:2: variety');
}, 180_000);
