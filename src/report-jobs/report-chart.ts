import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { CATEGORY_LABELS, CLOCK_LABELS, ESCALATION_LABELS, REPEAT_DIMENSION_LABELS, label } from '../core/reports/labels.js';
import { localDateString } from '../core/calendar/zoned-time.js';
import type { ReportFigures } from '../core/reports/report-figures.js';
import type { Language } from '../core/triage/index.js';

const require = createRequire(import.meta.url);
// Fonts ship inside npm packages and system fonts are ignored, so the PNG is the same on every
// machine. DejaVu draws Latin text; Noto Sans CJK SC (@embedpdf/fonts-sc, SIL OFL 1.1) draws
// Chinese, Simplified and Traditional alike: its glyph set covers Big5 as well as GB2312. The
// package's `exports` hide the font folder, so it is found next to the package's entry file.
const CJK_DIR = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  join(CJK_DIR, 'NotoSansHans-Regular.otf'),
  join(CJK_DIR, 'NotoSansHans-Bold.otf'),
];
const LATIN_FONT = 'DejaVu Sans';
const CJK_FONT = 'Noto Sans S Chinese';
// The chart's language decides which font comes first; the other draws what the first lacks
// (a Chinese department name on an English chart). Falling back glyph by glyph is slow with a
// CJK font (seconds per chart), so a Chinese chart asks the CJK font first.
const fontFamily = (language: Language) => (language === 'en' ? `${LATIN_FONT}, ${CJK_FONT}` : `${CJK_FONT}, ${LATIN_FONT}`);

const WIDTH = 1200;
const COLORS = { text: '#1f2933', muted: '#616e7c', grid: '#e4e7eb', bar: '#3b82f6', tile: '#f5f7fa', good: '#16a34a', warn: '#f59e0b', bad: '#dc2626' };
const SCORE_COLORS = ['#dc2626', '#f97316', '#facc15', '#84cc16', '#16a34a'];

export interface ChartOptions {
  /** The language of every word on the chart. */
  language: Language;
  /** Department name for a key, in `language`. */
  departmentName: (key: string) => string;
}

type Words = Record<Language, string>;
const w = (zhHans: string, zhHant: string, en: string): Words => ({ 'zh-Hans': zhHans, 'zh-Hant': zhHant, en });
const CHART_TEXT = {
  weekly: w('投诉周报', '投訴週報', 'Weekly complaint report'),
  monthly: w('投诉月报', '投訴月報', 'Monthly complaint report'),
  range: w('投诉报告', '投訴報告', 'Complaint report'),
  to: w('至', '至', 'to'),
  newCases: w('新增投诉', '新增投訴', 'New cases'),
  deadlinesMet: w('按时完成', '按時完成', 'Deadlines met'),
  medianFirstResponse: w('首次响应中位数', '首次回應中位數', 'Median first response'),
  medianResolution: w('解决时长中位数', '解決時長中位數', 'Median resolution'),
  escalations: w('升级', '升級', 'Escalations'),
  byCategory: w('按类别', '按類別', 'Cases by category'),
  byDepartment: w('按部门', '按部門', 'Cases by department'),
  sla: w('时限达成率（本期到期）', '時限達成率（本期到期）', 'SLA compliance (deadlines due in period)'),
  repeats: w('重复问题', '重複問題', 'Repeated problems'),
  escalationsByReason: w('升级原因', '升級原因', 'Escalations by reason'),
  noData: w('本期无数据', '本期無資料', 'No data for this period'),
  hours: w('小时', '小時', 'h'),
  days: w('天', '天', 'd'),
} satisfies Record<string, Words>;

const satisfactionTitle = (lang: Language, answers: number, average: number | null) =>
  lang === 'en'
    ? `Satisfaction (${answers} answers${average === null ? '' : `, average ${average.toFixed(1)}`})`
    : `${lang === 'zh-Hans' ? '满意度' : '滿意度'}（${answers} 份回答${average === null ? '' : `，平均 ${average.toFixed(1)}`}）`;
const stars = (lang: Language, n: number) => (lang === 'en' ? `${n} star${n > 1 ? 's' : ''}` : `${n} 星`);
const casesCount = (lang: Language, n: number) => (lang === 'en' ? `${n} cases` : `${n} 件`);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function text(x: number, y: number, s: string, o: { size?: number; bold?: boolean; anchor?: 'start' | 'middle' | 'end'; color?: string } = {}): string {
  return `<text x="${x}" y="${y}" font-size="${o.size ?? 14}"${o.bold ? ' font-weight="bold"' : ''} text-anchor="${o.anchor ?? 'start'}" fill="${o.color ?? COLORS.text}">${esc(s)}</text>`;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Horizontal bars, one row per item, value printed at the bar's end. */
function hbars(box: Box, title: string, items: { label: string; value: number; display: string; color?: string }[], max: number, noData: string): string {
  const out = [text(box.x, box.y + 18, title, { size: 17, bold: true })];
  if (items.length === 0) return out.concat(text(box.x, box.y + 60, noData, { color: COLORS.muted })).join('');
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

function satisfactionBars(box: Box, counts: readonly number[], average: number | null, lang: Language): string {
  const out = [text(box.x, box.y + 18, satisfactionTitle(lang, counts.reduce((a, b) => a + b, 0), average), { size: 17, bold: true })];
  const max = Math.max(1, ...counts);
  const base = box.y + box.h - 30;
  const plotH = box.h - 90;
  const slot = (box.w - 40) / 5;
  counts.forEach((n, i) => {
    const h = (n / max) * plotH;
    const x = box.x + 20 + i * slot + slot * 0.2;
    out.push(`<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(slot * 0.6).toFixed(1)}" height="${Math.max(h, 1).toFixed(1)}" rx="3" fill="${SCORE_COLORS[i]}"/>`);
    out.push(text(x + slot * 0.3, base - h - 8, String(n), { anchor: 'middle', size: 14, bold: true }));
    out.push(text(x + slot * 0.3, base + 20, stars(lang, i + 1), { anchor: 'middle', size: 13, color: COLORS.muted }));
  });
  out.push(`<line x1="${box.x + 10}" y1="${base}" x2="${box.x + box.w - 10}" y2="${base}" stroke="${COLORS.grid}" stroke-width="2"/>`);
  return out.join('');
}

function tile(x: number, y: number, w: number, caption: string, value: string, color = COLORS.text): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="86" rx="8" fill="${COLORS.tile}"/>${text(x + 16, y + 30, caption, { size: 13, color: COLORS.muted })}${text(x + 16, y + 66, value, { size: 26, bold: true, color })}`;
}

const hoursText = (h: number | null, lang: Language) =>
  h === null ? '—' : h >= 48 ? `${(h / 24).toFixed(1)} ${CHART_TEXT.days[lang]}` : `${h.toFixed(1)} ${CHART_TEXT.hours[lang]}`;

/** The report's chart as SVG: headline tiles, volume by category and department, SLA compliance, satisfaction. */
export function buildReportChartSvg(f: ReportFigures, o: ChartOptions): string {
  const lang = o.language;
  const t = (k: keyof typeof CHART_TEXT) => CHART_TEXT[k][lang];
  const kind = f.period.kind === 'week' ? t('weekly') : f.period.kind === 'month' ? t('monthly') : t('range');
  const first = localDateString(f.period.start, f.period.timeZone);
  const last = localDateString(new Date(f.period.end.getTime() - 1), f.period.timeZone);
  const parts: string[] = [
    text(40, 48, `${kind} ${f.period.label}`.trim(), { size: 26, bold: true }),
    text(40, 74, `${first} ${t('to')} ${last} (${f.period.timeZone})`, { size: 14, color: COLORS.muted }),
  ];
  const decided = f.sla.reduce((a, s) => a + s.onTime + s.breached, 0);
  const onTime = f.sla.reduce((a, s) => a + s.onTime, 0);
  const overall = decided ? onTime / decided : null;
  const tiles: [string, string, string?][] = [
    [t('newCases'), String(f.volume.total)],
    [t('deadlinesMet'), overall === null ? '—' : `${Math.round(overall * 100)}%`, overall === null ? undefined : slaColor(overall)],
    [t('medianFirstResponse'), hoursText(f.firstResponseHours.median, lang)],
    [t('medianResolution'), hoursText(f.resolutionHours.median, lang)],
    [t('escalations'), String(f.escalations.total), f.escalations.total ? COLORS.bad : undefined],
  ];
  const tileW = (WIDTH - 80 - 4 * 16) / 5;
  tiles.forEach(([caption, value, color], i) => parts.push(tile(40 + i * (tileW + 16), 96, tileW, caption, value, color)));

  const colW = (WIDTH - 120) / 2;
  const ROW = 34;
  const panel = (rows: number) => 50 + Math.max(rows, 1) * ROW;
  const maxVolume = Math.max(1, ...f.volume.byCategory.map((c) => c.count), ...f.volume.byDepartment.map((d) => d.count));
  const categories = f.volume.byCategory.slice(0, 8);
  const departments = f.volume.byDepartment.slice(0, 8);
  const noData = t('noData');
  let y = 210;
  let h = panel(Math.max(categories.length, departments.length));
  parts.push(hbars({ x: 40, y, w: colW, h }, t('byCategory'), categories.map((c) => ({ label: label(CATEGORY_LABELS, c.key, lang), value: c.count, display: String(c.count) })), maxVolume, noData));
  parts.push(hbars({ x: 80 + colW, y, w: colW, h }, t('byDepartment'), departments.map((d) => ({ label: o.departmentName(d.key) || d.key, value: d.count, display: String(d.count) })), maxVolume, noData));

  y += h + 20;
  const sla = f.sla.filter((s) => s.rate !== null);
  h = panel(8);
  parts.push(
    hbars(
      { x: 40, y, w: colW, h },
      t('sla'),
      sla.map((s) => ({ label: label(CLOCK_LABELS, s.clock, lang), value: s.rate!, display: `${Math.round(s.rate! * 100)}% (${s.onTime}/${s.onTime + s.breached})`, color: slaColor(s.rate!) })),
      1,
      noData,
    ),
  );
  parts.push(satisfactionBars({ x: 80 + colW, y, w: colW, h }, f.satisfaction.counts, f.satisfaction.average, lang));

  y += h + 20;
  const repeats = f.repeats.slice(0, 5);
  const reasons = f.escalations.byReason.slice(0, 5);
  h = panel(Math.max(repeats.length, reasons.length));
  const maxRepeat = Math.max(1, ...repeats.map((r) => r.count));
  parts.push(
    hbars(
      { x: 40, y, w: colW, h },
      t('repeats'),
      repeats.map((r) => ({ label: `${r.key} (${label(REPEAT_DIMENSION_LABELS, r.dimension, lang)})`, value: r.count, display: casesCount(lang, r.count), color: '#8b5cf6' })),
      maxRepeat,
      noData,
    ),
  );
  const maxReason = Math.max(1, ...reasons.map((r) => r.count));
  parts.push(hbars({ x: 80 + colW, y, w: colW, h }, t('escalationsByReason'), reasons.map((r) => ({ label: label(ESCALATION_LABELS, r.key, lang), value: r.count, display: String(r.count), color: COLORS.bad })), maxReason, noData));
  const height = y + h + 20;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}"><g font-family="${fontFamily(lang)}">${parts.join('')}</g></svg>`;
}

/** The chart as PNG bytes, ready to attach to the report message. */
export function renderReportChart(f: ReportFigures, o: ChartOptions): Buffer {
  const resvg = new Resvg(buildReportChartSvg(f, o), { font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: LATIN_FONT }, background: '#ffffff' });
  return resvg.render().asPng();
}
