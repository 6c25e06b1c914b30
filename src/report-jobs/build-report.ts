import type { Department } from '../core/cases/desk-settings.js';
import type { Language } from '../core/triage/index.js';
import type { ReportPeriod } from '../core/reports/period.js';
import { computeReportFigures, UNROUTED, type ReportFigures } from '../core/reports/report-figures.js';
import { formatReportText } from '../core/reports/report-text.js';
import type { ReportDataSource } from '../core/reports/report-data-source.js';
import { renderReportChart } from './report-chart.js';

export interface ReportBundle {
  figures: ReportFigures;
  text: string;
  chartPng: Buffer;
  chartFileName: string;
}

export interface BuildReportOptions {
  language: Language;
  departments: readonly Department[];
  /** When the report is made: deadlines passed by then and not met count as breached. */
  asOf: Date;
}

export function departmentNamer(departments: readonly Department[]): (key: string, language: Language) => string {
  return (key, language) => (key === UNROUTED ? (language === 'en' ? 'Unrouted' : '未分派') : (departments.find((d) => d.key === key)?.name[language] ?? key));
}

/** Figures, message text and chart for one period. */
export async function buildReport(source: ReportDataSource, period: ReportPeriod, o: BuildReportOptions): Promise<ReportBundle> {
  const figures = computeReportFigures(await source.fetch(period), period, o.asOf);
  const name = departmentNamer(o.departments);
  return {
    figures,
    text: formatReportText(figures, { language: o.language, departmentName: name }),
    chartPng: renderReportChart(figures, { language: o.language, departmentName: (key) => name(key, o.language) }),
    chartFileName: `complaint-report-${period.label.replace(/[^0-9A-Za-z-]+/g, '_')}.png`,
  };
}
