import type { Language } from '../triage/index.js';
import { solutionTypeName } from '../templates/solution-text.js';
import type { SolutionType } from '../ports.js';
import { localDateString } from '../calendar/zoned-time.js';
import type { ReportFigures } from './report-figures.js';
import { CATEGORY_LABELS, CLOCK_LABELS, ESCALATION_LABELS, REPEAT_DIMENSION_LABELS, label } from './labels.js';
import type { Distribution } from './statistics.js';

export interface ReportTextOptions {
  language: Language;
  departmentName: (key: string, language: Language) => string;
}

const WORDS = {
  title: { 'zh-Hans': { week: '投诉周报', month: '投诉月报', range: '投诉报告' }, 'zh-Hant': { week: '投訴週報', month: '投訴月報', range: '投訴報告' }, en: { week: 'Complaint desk weekly report', month: 'Complaint desk monthly report', range: 'Complaint desk report' } },
} as const;

type Text = Record<Language, (...args: never[]) => string>;
const HOURS_UNIT: Record<Language, string> = { 'zh-Hans': '小时', 'zh-Hant': '小時', en: 'h' };

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const hours = (h: number | null, language: Language) => (h === null ? '—' : `${h.toFixed(1)} ${HOURS_UNIT[language]}`);
const joinParts = (parts: string[], none: string) => (parts.length ? parts.join(' · ') : none);
// Chinese text takes full-width brackets and colons.
const paren = (language: Language, s: string) => (language === 'en' ? ` (${s})` : `（${s}）`);
const colon = (language: Language) => (language === 'en' ? ': ' : '：');

const LINES = {
  cases: {
    'zh-Hans': (n: number, u: number, o: number) => `新增投诉：${n} 件（紧急 ${u} 件，仍在处理 ${o} 件）`,
    'zh-Hant': (n: number, u: number, o: number) => `新增投訴：${n} 件（緊急 ${u} 件，仍在處理 ${o} 件）`,
    en: (n: number, u: number, o: number) => `New cases: ${n} (${u} urgent, ${o} still open)`,
  },
  byCategory: { 'zh-Hans': (s: string) => `按类型：${s}`, 'zh-Hant': (s: string) => `按類型：${s}`, en: (s: string) => `By category: ${s}` },
  byDepartment: { 'zh-Hans': (s: string) => `按部门：${s}`, 'zh-Hant': (s: string) => `按部門：${s}`, en: (s: string) => `By department: ${s}` },
  sla: {
    'zh-Hans': () => 'SLA 达成率（本期到期的时限，按时/已判定）：',
    'zh-Hant': () => 'SLA 達成率（本期到期的時限，按時/已判定）：',
    en: () => 'SLA compliance (deadlines due in the period, on time / decided):',
  },
  pending: { 'zh-Hans': (n: number) => `，未到期 ${n}`, 'zh-Hant': (n: number) => `，未到期 ${n}`, en: (n: number) => `, ${n} pending` },
  firstResponse: {
    'zh-Hans': (m: string, p: string, n: number) => `首次响应用时：中位数 ${m}，90分位 ${p}（${n} 件）`,
    'zh-Hant': (m: string, p: string, n: number) => `首次回應用時：中位數 ${m}，90分位 ${p}（${n} 件）`,
    en: (m: string, p: string, n: number) => `Time to first response: median ${m}, 90th percentile ${p} (${n} cases)`,
  },
  resolution: {
    'zh-Hans': (m: string, p: string, n: number) => `解决用时：中位数 ${m}，90分位 ${p}（${n} 件）`,
    'zh-Hant': (m: string, p: string, n: number) => `解決用時：中位數 ${m}，90分位 ${p}（${n} 件）`,
    en: (m: string, p: string, n: number) => `Time to resolution: median ${m}, 90th percentile ${p} (${n} cases)`,
  },
  satisfaction: {
    'zh-Hans': (n: number, avg: string, dist: string, low: number) => `满意度：${n} 份回访，平均 ${avg} 分 — ${dist}（1–2 分 ${low} 件已转主管跟进）`,
    'zh-Hant': (n: number, avg: string, dist: string, low: number) => `滿意度：${n} 份回訪，平均 ${avg} 分 — ${dist}（1–2 分 ${low} 件已轉主管跟進）`,
    en: (n: number, avg: string, dist: string, low: number) => `Satisfaction: ${n} answers, average ${avg} — ${dist} (${low} scored 1–2, reopened for a supervisor)`,
  },
  score: { 'zh-Hans': (s: number, n: number) => `${s}分 ${n}`, 'zh-Hant': (s: number, n: number) => `${s}分 ${n}`, en: (s: number, n: number) => `${s}★ ${n}` },
  escalations: {
    'zh-Hans': (n: number, c: number, s: string) => `升级：${n} 次，涉及 ${c} 件 — ${s}`,
    'zh-Hant': (n: number, c: number, s: string) => `升級：${n} 次，涉及 ${c} 件 — ${s}`,
    en: (n: number, c: number, s: string) => `Escalations: ${n} on ${c} cases — ${s}`,
  },
  solutions: {
    'zh-Hans': (s: string, money: string, r: number) => `已接受方案：${s}${money ? `；金额合计 ${money}` : ''}；被拒 ${r} 次`,
    'zh-Hant': (s: string, money: string, r: number) => `已接受方案：${s}${money ? `；金額合計 ${money}` : ''}；被拒 ${r} 次`,
    en: (s: string, money: string, r: number) => `Solutions accepted: ${s}${money ? `; amounts ${money}` : ''}; ${r} rejected`,
  },
  repeats: { 'zh-Hans': () => '重复出现的问题：', 'zh-Hant': () => '重複出現的問題：', en: () => 'Repeated problems:' },
  none: { 'zh-Hans': () => '无', 'zh-Hant': () => '無', en: () => 'none' },
  chart: { 'zh-Hans': () => '图表见附件。', 'zh-Hant': () => '圖表見附件。', en: () => 'Chart attached.' },
} satisfies Record<string, Text>;

function durations(d: Distribution, language: Language, line: typeof LINES.firstResponse): string {
  return line[language](hours(d.median, language), hours(d.p90, language), d.count);
}

/** The report as a chat message: one line per figure, in the management channel's language. */
export function formatReportText(f: ReportFigures, o: ReportTextOptions): string {
  const lang = o.language;
  const none = LINES.none[lang]();
  const first = localDateString(f.period.start, f.period.timeZone);
  const last = localDateString(new Date(f.period.end.getTime() - 1), f.period.timeZone);
  const lines: string[] = [];
  lines.push(`📊 ${WORDS.title[lang][f.period.kind]} ${f.period.label}${paren(lang, `${first} – ${last}, ${f.period.timeZone}`)}`);
  lines.push(LINES.cases[lang](f.volume.total, f.volume.urgent, f.volume.stillOpen));
  lines.push(LINES.byCategory[lang](joinParts(f.volume.byCategory.map((c) => `${label(CATEGORY_LABELS, c.key, lang)} ${c.count}`), none)));
  lines.push(LINES.byDepartment[lang](joinParts(f.volume.byDepartment.map((d) => `${o.departmentName(d.key, lang)} ${d.count}`), none)));
  lines.push(LINES.sla[lang]());
  for (const s of f.sla) {
    if (s.onTime + s.breached + s.pending === 0) continue;
    lines.push(`  • ${label(CLOCK_LABELS, s.clock, lang)}${colon(lang)}${pct(s.rate)}${paren(lang, `${s.onTime}/${s.onTime + s.breached}${s.pending ? LINES.pending[lang](s.pending) : ''}`)}`);
  }
  lines.push(durations(f.firstResponseHours, lang, LINES.firstResponse));
  lines.push(durations(f.resolutionHours, lang, LINES.resolution));
  const dist = [5, 4, 3, 2, 1].map((s) => LINES.score[lang](s, f.satisfaction.counts[s - 1]!)).join(' · ');
  lines.push(LINES.satisfaction[lang](f.satisfaction.responses, f.satisfaction.average === null ? '—' : f.satisfaction.average.toFixed(1), dist, f.satisfaction.low));
  lines.push(LINES.escalations[lang](f.escalations.total, f.escalations.cases, joinParts(f.escalations.byReason.map((r) => `${label(ESCALATION_LABELS, r.key, lang)} ${r.count}`), none)));
  const money = f.solutions.amounts.map((a) => `${a.currency} ${a.total.toFixed(2)}`.trim()).join(', ');
  lines.push(LINES.solutions[lang](joinParts(f.solutions.accepted.map((s) => `${solutionTypeName(s.key as SolutionType, lang)} ${s.count}`), none), money, f.solutions.rejected));
  lines.push(`${LINES.repeats[lang]()}${f.repeats.length ? '' : ` ${none}`}`);
  for (const r of f.repeats) {
    const shown = r.caseNumbers.slice(0, 5).join(', ') + (r.caseNumbers.length > 5 ? ' …' : '');
    lines.push(`  • ${r.key}${paren(lang, label(REPEAT_DIMENSION_LABELS, r.dimension, lang))} ×${r.count}${colon(lang)}${shown}`);
  }
  return lines.join('\n');
}

export function chartNote(language: Language): string {
  return LINES.chart[language]();
}
