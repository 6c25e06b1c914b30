// The admin commands as an operator runs them: `npm run cases -- export …` and `npm run report -- --month …`
// against an on-disk PGlite database.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDeskConfig } from '../../../src/config/desk-config.js';
import { openDatabase } from '../../../src/persistence/database.js';
import { migrate } from '../../../src/persistence/migrate.js';
import { SEEDED, seedNovember } from '../reports/seeded-month.js';

const run = promisify(execFile);

describe('admin CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desk-cli-'));
  const env = { ...process.env, PGLITE_DATA_DIR: join(dir, 'pglite'), DESK_CONFIG: 'config/desk.example.yaml', DATABASE_URL: '' };
  beforeAll(async () => {
    const db = await openDatabase({ pgliteDataDir: env.PGLITE_DATA_DIR });
    await migrate(db);
    await seedNovember(db.prisma, loadDeskConfig('config/desk.example.yaml'));
    await db.close();
  }, 180_000); // a machine shared with other runs: PGlite start-up can be slow

  it('npm run cases -- export writes a CSV that Excel and parsers read', async () => {
    const out = join(dir, 'november.csv');
    const { stderr } = await run('npm', ['run', '--silent', 'cases', '--', 'export', '--from', '2026-11-01', '--to', '2026-11-30', '--out', out], { env });
    expect(stderr).toContain(`6 cases written to ${out}`);
    const records = parse(readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(6);
    // Masked by default, like everything staff see; the order number stays readable.
    expect(records[0]).toMatchObject({ 案件编号: SEEDED.A.number, 客户姓名: '张**', 联系方式: '138****5678', '订单号/合同号': 'JD-1001', 责任部门: '产品质量部' });
  }, 60_000);

  it('npm run cases -- export --unmasked needs a reason and is recorded on every exported case', async () => {
    const out = join(dir, 'november-unmasked.csv');
    const args = ['run', '--silent', 'cases', '--', 'export', '--from', '2026-11-01', '--to', '2026-11-30', '--out', out, '--unmasked'];
    const refused = (await run('npm', args, { env }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--unmasked needs --reason');
    expect(existsSync(out)).toBe(false);

    const { stderr } = await run('npm', [...args, '--reason', 'regulator request R-17'], { env });
    expect(stderr).toContain('(unmasked; recorded in each case’s audit log)');
    const records = parse(readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
    expect(records[0]).toMatchObject({ 客户姓名: '张女士', 联系方式: '13812345678' });
    const db = await openDatabase({ pgliteDataDir: env.PGLITE_DATA_DIR });
    try {
      const audited = await db.prisma.caseEvent.findMany({ where: { type: 'exported_unmasked' }, select: { actorId: true, after: true, case: { select: { number: true } } } });
      expect(audited.map((e) => e.case.number).sort()).toEqual(records.map((r) => r['案件编号']).sort());
      expect(audited[0]).toMatchObject({ actorId: `admin-cli:${userInfo().username}`, after: { reason: 'regulator request R-17', file: out } });
    } finally {
      await db.close();
    }
  }, 90_000);

  it('npm run report -- --month prints the figures and writes the chart', async () => {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'report', '--', '--month', '2026-11', '--lang', 'en', '--out-dir', dir], { env });
    expect(stdout).toContain('Complaint desk monthly report 2026-11');
    expect(stdout).toContain('New cases: 6');
    const chart = join(dir, 'complaint-report-2026-11.png');
    expect(stderr).toContain(`chart: ${chart}`);
    expect(existsSync(chart)).toBe(true);
    expect(PNG.sync.read(readFileSync(chart)).width).toBe(1200);
  }, 60_000);

  it('explains its usage when the arguments are wrong', async () => {
    const err = (await run('npm', ['run', '--silent', 'report', '--', '--month', '2026-11', '--week', '2026-W48'], { env }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('usage: npm run report');
  }, 60_000);
});
