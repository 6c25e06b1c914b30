/**
 * `npm run report -- --month 2026-11` (or `--week 2026-W48`, or `--from 2026-11-01 --to 2026-11-15`):
 * prints the report the cron job posts and writes its chart next to it.
 *   [--lang zh-Hans|zh-Hant|en]  report language (default: reports.language in the config)
 *   [--out-dir DIR]              where the PNG goes (default: the current folder)
 *   [--json]                     the figures as JSON instead of text
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monthPeriod, rangePeriod, weekPeriod, type ReportPeriod } from '../core/reports/period.js';
import { reportLanguage } from '../config/desk-config.js';
import { LANGUAGES, type Language } from '../core/triage/types.js';
import { buildReport } from '../report-jobs/build-report.js';
import { PrismaReportDataSource } from '../persistence/report-queries.js';
import { openCliDatabase, runCli } from './cli-database.js';

const USAGE = 'usage: npm run report -- (--month YYYY-MM | --week YYYY-Www | --from YYYY-MM-DD --to YYYY-MM-DD) [--lang zh-Hans|zh-Hant|en] [--out-dir DIR] [--json]';

runCli(async () => {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { month: { type: 'string' }, week: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, lang: { type: 'string' }, 'out-dir': { type: 'string' }, json: { type: 'boolean' } },
  });
  const chosen = [values.month, values.week, values.from ?? values.to].filter(Boolean).length;
  if (chosen !== 1 || (values.from && !values.to) || (values.to && !values.from)) throw new Error(USAGE);
  if (values.lang && !(LANGUAGES as readonly string[]).includes(values.lang)) throw new Error(`--lang must be one of ${LANGUAGES.join(', ')}\n${USAGE}`);
  const { config, db } = await openCliDatabase();
  try {
    const tz = config.timeZone;
    const period: ReportPeriod = values.month ? monthPeriod(values.month, tz) : values.week ? weekPeriod(values.week, tz) : rangePeriod(values.from!, values.to!, tz);
    const language = (values.lang as Language | undefined) ?? reportLanguage(config);
    const report = await buildReport(new PrismaReportDataSource(db.prisma), period, { language, departments: config.departments, asOf: new Date() });
    const dir = values['out-dir'] ?? '.';
    mkdirSync(dir, { recursive: true });
    const chartPath = join(dir, report.chartFileName);
    writeFileSync(chartPath, report.chartPng);
    if (values.json) console.log(JSON.stringify(report.figures, null, 2));
    else console.log(report.text);
    console.error(`chart: ${chartPath}`);
  } finally {
    await db.close();
  }
});
