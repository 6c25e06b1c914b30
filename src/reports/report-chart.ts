import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import { CATEGORY_LABELS, CLOCK_LABELS, ESCALATION_LABELS, label } from '../core/reports/labels.js';
import { localDateString } from '../core/reports/period.js';
import type { ReportFigures } from '../core/reports/report-figures.js';

const require = createRequire(import.meta.url);
// Fonts ship inside an npm package and system fonts are ignored, so the PNG is the same on
// every machine. DejaVu has no CJK glyphs: chart labels are English on purpose.
const FONT_FILES = [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')];
const FONT = 'DejaVu Sans';

const WIDTH = 1200;
const COLORS = { text: '#1f2933', muted: '#616e7c', grid: '#e4e7eb', bar: '#3b82f6', tile: '#f5f7fa', good: '#16a34a', warn: '#f59e0b', bad: '#dc2626' };
const SCORE_COLORS = ['#dc2626', '#f97316', '#facc15', '#84cc16', '#16a34a'];

export interface ChartOptions {
  /** English department name for a key (the chart font has Latin glyphs only). */
  departmentName: (key: string) => string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// Non-Latin text would render as empty boxes; keep what the font can draw.
const ascii = (s: string) => s.replace(/[^\x20-\x7E\u00A0-\u024F]/g, '').trim();
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function text(x: number, y: number, s: string, o: { size?: number; bold?: boolean; anchor?: 'start' | 'middle' | 'end'; color?: string } = {}): string {
  return `<text x="${x}" y="${y}" font-family="${FONT}" font-size="${o.size ?? 14}"${o.bold ? ' font-weight="bold"' : ''} text-anchor="${o.anchor ?? 'start'}" fill="${o.color ?? COLORS.text}">${esc(s)}</text>`;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Horizontal bars, one row per item, value printed at the bar's end. */
function hbars(box: Box, title: string, items: { label: string; value: number; display: string; color?: string }[], max: number): string {
  const out = [text(box.x, box.y + 18, title, { size: 17, bold: true })];
  if (items.length === 0) return out.concat(text(box.x, box.y + 60, 'No data for this period', { color: COLORS.muted })).join('');
  const labelW = 170;
  const top = box.y + 36;
  const rowH = Math.min(34, (box.h - 50) / items.length);
  const barMax = box.w - labelW - 90;
  items.forEach((it, i) => {
    const y = top + i * rowH;
    const w = max > 0 ? Math.max(2, (it.value / max) * barMax) : 2;
    out.push(text(box.x + labelW - 10, y + rowH * 0.62, clip(it.label, 22), { anchor: 'end', size: 13 }));
    out.push(`<rect x="${box.x + labelW}" y="${y + rowH * 0.15}" width="${w.toFixed(1)}" height="${(rowH * 0.7).toFixed(1)}" rx="3" fill="${it.color ?? COLORS.bar}"/>`);
    out.push(text(box.x + labelW + w + 8, y + rowH * 0.62, it.display, { size: 13, color: COLORS.muted }));
  });
  return out.join('');
}

function slaColor(rate: number): string {
  return rate >= 0.9 ? COLORS.good : rate >= 0.75 ? COLORS.warn : COLORS.bad;
}

function satisfactionBars(box: Box, counts: readonly number[], average: number | null): string {
  const out = [text(box.x, box.y + 18, `Satisfaction (${counts.reduce((a, b) => a + b, 0)} answers${average === null ? '' : `, average ${average.toFixed(1)}`})`, { size: 17, bold: true })];
  const max = Math.max(1, ...counts);
  const base = box.y + box.h - 30;
  const plotH = box.h - 90;
  const slot = (box.w - 40) / 5;
  counts.forEach((n, i) => {
    const h = (n / max) * plotH;
    const x = box.x + 20 + i * slot + slot * 0.2;
    out.push(`<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${Math.max(h, 1).toFixed(1)}" rx="3" fill="${SCORE_COLORS[i]}"/>`);
    out.push(text(x + slot * 0.3, base - h - 8, String(n), { anchor: 'middle', size: 14, bold: true }));
    out.push(text(x + slot * 0.3, base + 20, `${i + 1} star${i ? 's' : ''}`, { anchor: 'middle', size: 13, color: COLORS.muted }));
  });
  out.push(`<line x1="${box.x + 10}" y1="${base}" x2="${box.x + box.w - 10}" y2="${base}" stroke="${COLORS.grid}" stroke-width="2"/>`);
  return out.join('');
}

function tile(x: number, y: number, w: number, caption: string, value: string, color = COLORS.text): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="86" rx="8" fill="${COLORS.tile}"/>${text(x + 16, y + 30, caption, { size: 13, color: COLORS.muted })}${text(x + 16, y + 66, value, { size: 26, bold: true, color })}`;
}

const hoursText = (h: number | null) => (h === null ? '—' : h >= 48 ? `${(h / 24).toFixed(1)} d` : `${h.toFixed(1)} h`);

/** The report's chart as SVG: headline tiles, volume by category and department, SLA compliance, satisfaction. */
export function buildReportChartSvg(f: ReportFigures, o: ChartOptions): string {
  const kind = f.period.kind === 'week' ? 'Weekly' : f.period.kind === 'month' ? 'Monthly' : '';
  const first = localDateString(f.period.start, f.period.timeZone);
  const last = localDateString(new Date(f.period.end.getTime() - 1), f.period.timeZone);
  const parts: string[] = [
    text(40, 48, `${kind} complaint report ${f.period.label}`.trim(), { size: 26, bold: true }),
    text(40, 74, `${first} to ${last} (${f.period.timeZone})`, { size: 14, color: COLORS.muted }),
  ];
  const decided = f.sla.reduce((a, s) => a + s.onTime + s.breached, 0);
  const onTime = f.sla.reduce((a, s) => a + s.onTime, 0);
  const overall = decided ? onTime / decided : null;
  const tiles: [string, string, string?][] = [
    ['New cases', String(f.volume.total)],
    ['Deadlines met', overall === null ? '—' : `${Math.round(overall * 100)}%`, overall === null ? undefined : slaColor(overall)],
    ['Median first response', hoursText(f.firstResponseHours.median)],
    ['Median resolution', hoursText(f.resolutionHours.median)],
    ['Escalations', String(f.escalations.total), f.escalations.total ? COLORS.bad : undefined],
  ];
  const tileW = (WIDTH - 80 - 4 * 16) / 5;
  tiles.forEach(([caption, value, color], i) => parts.push(tile(40 + i * (tileW + 16), 96, tileW, caption, value, color)));

  const colW = (WIDTH - 120) / 2;
  const ROW = 34;
  const panel = (rows: number) => 50 + Math.max(rows, 1) * ROW;
  const maxVolume = Math.max(1, ...f.volume.byCategory.map((c) => c.count), ...f.volume.byDepartment.map((d) => d.count));
  const categories = f.volume.byCategory.slice(0, 8);
  const departments = f.volume.byDepartment.slice(0, 8);
  let y = 210;
  let h = panel(Math.max(categories.length, departments.length));
  parts.push(hbars({ x: 40, y, w: colW, h }, 'Cases by category', categories.map((c) => ({ label: label(CATEGORY_LABELS, c.key, 'en'), value: c.count, display: String(c.count) })), maxVolume));
  parts.push(hbars({ x: 80 + colW, y, w: colW, h }, 'Cases by department', departments.map((d) => ({ label: ascii(o.departmentName(d.key)) || d.key, value: d.count, display: String(d.count) })), maxVolume));

  y += h + 20;
  const sla = f.sla.filter((s) => s.rate !== null);
  h = panel(8);
  parts.push(
    hbars(
      { x: 40, y, w: colW, h },
      'SLA compliance (deadlines due in period)',
      sla.map((s) => ({ label: label(CLOCK_LABELS, s.clock, 'en'), value: s.rate!, display: `${Math.round(s.rate! * 100)}% (${s.onTime}/${s.onTime + s.breached})`, color: slaColor(s.rate!) })),
      1,
    ),
  );
  parts.push(satisfactionBars({ x: 80 + colW, y, w: colW, h }, f.satisfaction.counts, f.satisfaction.average));

  y += h + 20;
  const repeats = f.repeats.slice(0, 5);
  const reasons = f.escalations.byReason.slice(0, 5);
  h = panel(Math.max(repeats.length, reasons.length));
  const maxRepeat = Math.max(1, ...repeats.map((r) => r.count));
  parts.push(
    hbars(
      { x: 40, y, w: colW, h },
      'Repeated problems',
      repeats.map((r) => ({ label: `${ascii(r.key) || r.key} (${r.dimension === 'order_prefix' ? 'order' : r.dimension})`, value: r.count, display: `${r.count} cases`, color: '#8b5cf6' })),
      maxRepeat,
    ),
  );
  const maxReason = Math.max(1, ...reasons.map((r) => r.count));
  parts.push(hbars({ x: 80 + colW, y, w: colW, h }, 'Escalations by reason', reasons.map((r) => ({ label: label(ESCALATION_LABELS, r.key, 'en'), value: r.count, display: String(r.count), color: COLORS.bad })), maxReason));
  const height = y + h + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">${parts.join('')}</svg>`;
}

/** The chart as PNG bytes, ready to attach to the report message. */
export function renderReportChart(f: ReportFigures, o: ChartOptions): Buffer {
  const resvg = new Resvg(buildReportChartSvg(f, o), { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: FONT }, background: '#ffffff' });
  return resvg.render().asPng();
}
