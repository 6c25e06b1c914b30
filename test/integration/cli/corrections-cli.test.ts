// `npm run cases -- corrections --out file.jsonl` as an operator runs it, against an on-disk PGlite database.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness } from '../../helpers/desk-harness.js';

const run = promisify(execFile);

describe('corrections export CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-corrections-'));
  const env = { ...process.env, PGLITE_DATA_DIR: join(dir, 'pglite'), DESK_CONFIG: 'config/desk.example.yaml', DATABASE_URL: '' };
  let number = '';
  beforeAll(async () => {
    const h = await createHarness({ pgliteDataDir: env.PGLITE_DATA_DIR });
    const r = await h.say('lamp', 'The lamp I bought arrived broken, the shade is crushed. I want a refund. Order number ORD-990011. Phone 13812345678.', { attachments: [{ fileId: 'F9', name: 'lamp.jpg' }] });
    if (r.kind !== 'created') throw new Error(r.kind);
    number = r.caseNumber;
    // The supervisor, who may correct any department's case: the test does not depend on where triage routed it.
    await h.runtime.desk.changeCategory({ platform: 'local', userId: 'liu-qiang' }, r.caseId, { category: 'after_sales' });
    await h.runtime.desk.markUrgent({ platform: 'local', userId: 'liu-qiang' }, r.caseId, true);
    await h.close();
  }, 90_000);

  it('writes one line per corrected case in the triage evaluation format', async () => {
    const out = join(dir, 'corrections.jsonl');
    const { stderr } = await run('npm', ['run', '--silent', 'cases', '--', 'corrections', '--out', out], { env });
    expect(stderr).toContain(`1 corrected case written to ${out}`);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    // The evaluation format's record (test/fixtures/triage/*.jsonl): what triage:eval -- --file reads.
    expect(Object.keys(lines[0]!).sort()).toEqual(['id', 'text', 'language', 'isComplaint', 'category', 'urgent', 'orderNumber', 'desiredOutcome', 'amount'].sort());
    expect(lines[0]).toMatchObject({ id: number, language: 'en', isComplaint: true, category: 'after_sales', urgent: true, orderNumber: 'ORD-990011', desiredOutcome: 'refund' });
    expect(String(lines[0]!.text)).toContain('The lamp I bought arrived broken');
  }, 60_000);
});
