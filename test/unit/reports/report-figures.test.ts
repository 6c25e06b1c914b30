import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/core/reports/period.js';
import { computeReportFigures } from '../../../src/core/reports/report-figures.js';
import { formatReportText } from '../../../src/core/reports/report-text.js';
import { orderPrefix, productsIn, repeatProblems } from '../../../src/core/reports/repeat-problems.js';
import { renderReportChart } from '../../../src/report-jobs/report-chart.js';
import { reportRow } from '../../helpers/case-rows.js';

const TZ = 'Asia/Shanghai';
const nov = monthPeriod('2026-11', TZ);
const sh = (mdhm: string) => new Date(`2026-${mdhm.replace(' ', 'T')}:00+08:00`);

describe('report figures', () => {
  it('keeps a deadline open while the case waits on the customer, and not before', () => {
    const cases = [
      // Paused before the deadline: not a breach.
      reportRow({ createdAt: sh('11-02 10:00'), firstResponseDueAt: sh('11-03 10:00'), awaitingCustomerSince: sh('11-02 10:05') }),
      // Deadline passed before the wait began: breached.
      reportRow({ createdAt: sh('11-02 10:00'), firstResponseDueAt: sh('11-03 10:00'), awaitingCustomerSince: sh('11-04 10:00') }),
      // Not due yet when the report is made (a report on the running month).
      reportRow({ createdAt: sh('11-10 10:00'), firstResponseDueAt: sh('11-11 10:00') }),
      // Met exactly at the deadline: on time.
      reportRow({ createdAt: sh('11-02 10:00'), firstResponseDueAt: sh('11-03 10:00'), firstRespondedAt: sh('11-03 10:00') }),
    ];
    const f = computeReportFigures({ cases, events: [], solutions: [] }, nov, sh('11-05 12:00'));
    expect(f.sla.find((s) => s.clock === 'first_response')).toEqual({ clock: 'first_response', onTime: 1, breached: 1, pending: 2, rate: 0.5 });
    expect(f.sla.find((s) => s.clock === 'close')).toMatchObject({ onTime: 0, breached: 0, rate: null });
  });

  it('gives empty figures for an empty period, and still draws a chart', () => {
    const f = computeReportFigures({ cases: [], events: [], solutions: [] }, nov, sh('12-01 10:00'));
    expect(f.volume.total).toBe(0);
    expect(f.firstResponseHours).toEqual({ count: 0, median: null, p90: null, mean: null });
    expect(f.satisfaction).toEqual({ responses: 0, counts: [0, 0, 0, 0, 0], average: null, low: 0 });
    const text = formatReportText(f, { language: 'zh-Hant', departmentName: (k) => k });
    expect(text).toContain('投訴月報 2026-11');
    expect(text).toContain('按類型：無');
    expect(text).toContain('中位數 —');
    const png = PNG.sync.read(renderReportChart(f, { language: 'zh-Hant', departmentName: (k) => k }));
    expect(png.width).toBe(1200);
  }, 120_000);
});

describe('repeated problems', () => {
  it('finds products in any of the three languages, on word boundaries', () => {
    expect(productsIn('我的电水壶漏水')).toEqual(['kettle']);
    expect(productsIn('電水壺壞了')).toEqual(['kettle']);
    expect(productsIn('Two kettles arrived broken')).toEqual(['kettle']);
    expect(productsIn('This is not acceptable or comfortable')).toEqual([]);
    expect(productsIn('my phone case cracked')).toEqual(['phone case']);
  });

  it('takes the shop or batch part of an order number', () => {
    expect(orderPrefix('JD-1001')).toBe('JD');
    expect(orderPrefix('dd20240501001')).toBe('DD');
    expect(orderPrefix('20261116-8871')).toBe('202611');
    expect(orderPrefix('A-123')).toBeNull();
    expect(orderPrefix('12345')).toBeNull();
  });

  it('needs two cases for a repeat and lists the largest first', () => {
    const r = repeatProblems([
      { number: 'C1', summary: 'kettle leaks', orderNumber: 'JD-1', cues: ['leak', 'leak'] },
      { number: 'C2', summary: 'blender broke', orderNumber: 'JD-2', cues: ['leak'] },
      { number: 'C3', summary: 'kettle rusty', orderNumber: 'TB-3', cues: [] },
      { number: 'C4', summary: 'toaster', orderNumber: null, cues: ['sparks'] },
    ]);
    expect(r).toEqual([
      { dimension: 'product', key: 'kettle', count: 2, caseNumbers: ['C1', 'C3'] },
      { dimension: 'order_prefix', key: 'JD', count: 2, caseNumbers: ['C1', 'C2'] },
      { dimension: 'cue', key: 'leak', count: 2, caseNumbers: ['C1', 'C2'] },
    ]);
  });
});
