// The chart draws Chinese labels (Simplified and Traditional) with the CJK font it ships, and is
// written in the report's language. Checked on pixels: the department label's box is compared
// with the same chart without the label, and two different labels must not draw the same
// pixels (missing glyphs would all be the same empty box).
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthPeriod } from '../../../src/core/reports/period.js';
import { computeReportFigures } from '../../../src/core/reports/report-figures.js';
import { renderReportChart } from '../../../src/report-jobs/report-chart.js';
import type { Language } from '../../../src/core/triage/index.js';
import { reportRow } from '../../helpers/case-rows.js';

const TZ = 'Asia/Shanghai';
const nov = monthPeriod('2026-11', TZ);

const row = (i: number) =>
  reportRow({ id: `case-${i}`, number: `CMP-20261102-000${i}`, category: 'after_sales', departmentKey: 'aftersales', createdAt: new Date('2026-11-02T02:00:00Z') });

const figures = computeReportFigures({ cases: [row(1), row(2)], events: [], solutions: [] }, nov, new Date('2026-12-01T02:00:00Z'));

// "Cases by department" panel: right column at x = 620, bars start 170 px in; first row from y = 246.
const LABEL_BOX = { x0: 600, x1: 786, y0: 246, y1: 280 };
// Category panel, left column.
const CATEGORY_BOX = { x0: 30, x1: 206, y0: 246, y1: 280 };
// Title line.
const TITLE_BOX = { x0: 40, x1: 700, y0: 20, y1: 56 };

function render(language: Language, departmentName: string): PNG {
  return PNG.sync.read(renderReportChart(figures, { language, departmentName: () => departmentName }));
}

/** Pixels in the box that are not the white background. */
function ink(png: PNG, box: typeof LABEL_BOX): number {
  let n = 0;
  for (let y = box.y0; y < box.y1; y++)
    for (let x = box.x0; x < box.x1; x++) {
      const i = (png.width * y + x) * 4;
      if (png.data[i]! < 200 || png.data[i + 1]! < 200 || png.data[i + 2]! < 200) n++;
    }
  return n;
}

function boxPixels(png: PNG, box: typeof LABEL_BOX): string {
  const out: number[] = [];
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) out.push(png.data[(png.width * y + x) * 4]!);
  return out.join(',');
}

describe('report chart with Chinese labels', () => {
  // Rendering CJK text takes seconds on a busy machine: each chart is drawn once.
  let blank: PNG, simplified: PNG, otherSimplified: PNG, traditional: PNG, english: PNG;
  beforeAll(() => {
    // A space: the label is there but draws nothing.
    blank = render('zh-Hans', ' ');
    simplified = render('zh-Hans', '售后服务部');
    otherSimplified = render('zh-Hans', '物流配送部');
    traditional = render('zh-Hant', '客戶關係處');
    english = render('en', ' ');
  }, 300_000);

  it('draws a Simplified Chinese department name', () => {
    expect(ink(blank, LABEL_BOX)).toBe(0);
    expect(ink(simplified, LABEL_BOX)).toBeGreaterThan(300);
  });

  it('draws a Traditional Chinese department name', () => {
    expect(ink(traditional, LABEL_BOX)).toBeGreaterThan(300);
  });

  it('draws real glyphs, not the same missing-glyph box for every character', () => {
    expect(boxPixels(simplified, LABEL_BOX)).not.toBe(boxPixels(otherSimplified, LABEL_BOX));
    expect(boxPixels(otherSimplified, LABEL_BOX)).not.toBe(boxPixels(traditional, LABEL_BOX));
  });

  it('writes category labels and the title in the report language', () => {
    // 售后类 vs After-sales, 投诉月报 vs Monthly complaint report: both drawn, and different.
    expect(ink(blank, CATEGORY_BOX)).toBeGreaterThan(200);
    expect(ink(english, CATEGORY_BOX)).toBeGreaterThan(200);
    expect(boxPixels(blank, CATEGORY_BOX)).not.toBe(boxPixels(english, CATEGORY_BOX));
    expect(boxPixels(blank, TITLE_BOX)).not.toBe(boxPixels(english, TITLE_BOX));
  });
});
