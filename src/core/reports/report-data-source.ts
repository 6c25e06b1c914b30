import type { ReportData } from './report-figures.js';

/** Where a period's report rows come from; persistence implements it, so report code never sees the database. */
export interface ReportDataSource {
  /** The rows of [start, end): see ReportData. */
  fetch(period: { start: Date; end: Date }): Promise<ReportData>;
}
