// Real database (PGlite and PostgreSQL): the archive export opened again with a CSV parser.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDeskConfig } from '../../../src/config/desk-config.js';
import { exportTable } from '../../../src/core/reports/case-export.js';
import { rangePeriod } from '../../../src/core/reports/period.js';
import { fetchExportRows, searchCases } from '../../../src/persistence/case-export-query.js';
import { openDatabase, type Database } from '../../../src/persistence/database.js';
import { migrate } from '../../../src/persistence/migrate.js';
import { departmentNamer } from '../../../src/report-jobs/build-report.js';
import { toCsv } from '../../../src/report-jobs/csv.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { SEEDED, seedNovember } from '../reports/seeded-month.js';

const config = loadDeskConfig('config/desk.example.yaml');
const TZ = config.timeZone;

describeOnDatabases('case export', (options) => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await openDatabase(options());
    await migrate(db);
    await seedNovember(db.prisma, config);
    dir = mkdtempSync(join(tmpdir(), 'desk-export-'));
  });
  afterAll(() => db?.close());

  async function exportFile(language: 'zh-Hans' | 'zh-Hant' | 'en', opts: { unmasked?: boolean; statuses?: string[] } = {}) {
    const period = rangePeriod('2026-11-01', '2026-11-30', TZ);
    const rows = await fetchExportRows(db.prisma, { start: period.start, end: period.end, ...(opts.statuses ? { statuses: opts.statuses } : {}) });
    const file = join(dir, `cases-${language}.csv`);
    writeFileSync(file, toCsv(exportTable(rows, { language, timeZone: TZ, departmentName: departmentNamer(config.departments), unmasked: opts.unmasked ?? false })), 'utf8');
    const bytes = readFileSync(file);
    return { bytes, records: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
  }

  it('writes the registration-table columns, UTF-8 with BOM, and reads back intact (unmasked, as an admin asks)', async () => {
    const { bytes, records } = await exportFile('zh-Hans', { unmasked: true });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Object.keys(records[0]!)).toEqual(['序号', '案件编号', '客户姓名', '联系方式', '订单号/合同号', '投诉时间', '投诉类型', '核心诉求描述', '责任部门', '处理时限', '处理结果', '客户满意度', '解决方案', '客户评价', '案件状态']);
    // Received in November, oldest first: A B C H D E.
    expect(records.map((r) => r['案件编号'])).toEqual([SEEDED.A, SEEDED.B, SEEDED.C, SEEDED.H, SEEDED.D, SEEDED.E].map((s) => s.number));
    expect(records.map((r) => r['序号'])).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(records[0]).toEqual({
      序号: '1',
      案件编号: SEEDED.A.number,
      客户姓名: '张女士',
      联系方式: '13812345678',
      '订单号/合同号': 'JD-1001',
      投诉时间: '2026-11-02 10:00',
      投诉类型: '产品类',
      核心诉求描述: '电水壶用了三天就漏水，要求换新（诉求：换货）',
      责任部门: '产品质量部',
      处理时限: '2026-11-05 18:00',
      处理结果: '2026-11-04 完成：已寄出新电水壶，顺丰单号 SF1234',
      客户满意度: '5（非常满意）',
      解决方案: '退款 CNY 100.00（11月6日前到账）：退还差价',
      客户评价: '处理很快，谢谢！',
      案件状态: '已结案',
    });
    // Quotes, a comma and a line break inside a cell; a reopened case shows its status, not an old result.
    const c = records.find((r) => r['案件编号'] === SEEDED.C.number)!;
    expect(c['核心诉求描述']).toBe('Parcel "lost", courier says\ndelivered, I want a refund');
    expect(records.find((r) => r['案件编号'] === SEEDED.B.number)!['处理结果']).toBe('已认领');
    const d = records.find((r) => r['案件编号'] === SEEDED.D.number)!;
    expect(d['投诉类型']).toBe('账单类 (紧急)');
    expect(d['客户姓名']).toBe('陳先生');
    expect(d['联系方式']).toBe('+86 139 0000 1111');
    expect(d['处理结果']).toBe('2026-11-25 完成：已退回重複扣款 ¥399，並補償 ¥50');
    // A customer's text that Excel would run as a formula is neutralised.
    const e = records.find((r) => r['案件编号'] === SEEDED.E.number)!;
    expect(e['核心诉求描述']).toBe(`'=HYPERLINK("http://evil.example") nobody answers`);
    expect(e['客户满意度']).toBe('未评价');
    expect(e['投诉类型']).toBe('未分类');
  });

  it('exports English headers and a status filter, masked by default', async () => {
    const { records } = await exportFile('en', { statuses: ['closed'] });
    expect(records.map((r) => r['Case number'])).toEqual([SEEDED.A.number, SEEDED.D.number]);
    expect(records[0]).toMatchObject({ Customer: '张**', Contact: '138****5678', 'Order number': 'JD-1001', Type: 'Product', Department: 'Product Quality', Satisfaction: '5 (very satisfied)', Status: 'Closed' });
    expect(records[0]!['Core demand']).toBe('电水壶用了三天就漏水，要求换新 (wants: replacement)');
    // The country code stays apart from the masked number.
    expect(records[1]).toMatchObject({ Customer: '陳**', Contact: "'+86 139****1111" }); // CSV neutralises a leading +
  });

  it('finds archived cases by number, order number, name or words', async () => {
    expect((await searchCases(db.prisma, 'jd-100')).map((h) => h.number).sort()).toEqual([SEEDED.A.number, SEEDED.B.number, SEEDED.D.number].sort());
    expect((await searchCases(db.prisma, '陳先生')).map((h) => h.number).sort()).toEqual([SEEDED.D.number, SEEDED.J.number].sort());
    expect((await searchCases(db.prisma, '漏水')).map((h) => h.number)).toEqual([SEEDED.A.number]);
    expect(await searchCases(db.prisma, '   ')).toEqual([]);
  });
});
