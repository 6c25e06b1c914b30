import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, UTF8_BOM } from '../../../src/report-jobs/csv.js';

describe('CSV for Excel', () => {
  it('starts with a BOM, ends lines with CRLF and survives a real CSV parser', () => {
    const rows = [
      ['客户姓名', '核心诉求描述', 'note'],
      ['張女士', '空调异响，"要求"换新,\n第二行', ''],
      ['Lee', 'plain', '=1+1'],
    ];
    const csv = toCsv(rows);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toContain('\r\n');
    const back = parse(Buffer.from(csv, 'utf8'), { bom: true }) as string[][];
    expect(back[0]).toEqual(rows[0]);
    expect(back[1]).toEqual(rows[1]);
    expect(back[2]).toEqual(['Lee', 'plain', "'=1+1"]);
  });

  it('defuses formulas but leaves phone numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+86 138 1234 5678')).toBe('+86 138 1234 5678');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-cmd|calc')).toBe("'-cmd|calc");
  });
});
