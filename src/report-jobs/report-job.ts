import cron, { type ScheduledTask } from 'node-cron';
import type { Department } from '../core/cases/desk-settings.js';
import type { Clock, DeskStore, Platform } from '../core/ports.js';
import type { Language } from '../core/triage/index.js';
import { maskPersonalData } from '../core/privacy/mask-personal-data.js';
import { previousMonth, previousWeek, type ReportPeriod } from '../core/reports/period.js';
import { chartNote } from '../core/reports/report-text.js';
import type { ReportDataSource } from '../core/reports/report-data-source.js';
import { buildReport } from './build-report.js';

export type ReportCadence = 'weekly' | 'monthly';

export interface ReportJobOptions {
  reports: ReportDataSource;
  store: DeskStore;
  clock: Clock;
  timeZone: string;
  language: Language;
  departments: readonly Department[];
  channels: Partial<Record<Platform, string>>;
  onPosted?: (period: ReportPeriod, channels: number) => void;
}

export interface ReportJob {
  /** Builds the report of the last complete week or month and queues it for every management channel. */
  post(cadence: ReportCadence): Promise<ReportPeriod | null>;
}

export function createReportJob(o: ReportJobOptions): ReportJob {
  const post = async (cadence: ReportCadence): Promise<ReportPeriod | null> => {
    const targets = Object.entries(o.channels).filter((e): e is [Platform, string] => Boolean(e[1]));
    if (targets.length === 0) return null;
    const now = o.clock.now();
    const period = cadence === 'weekly' ? previousWeek(now, o.timeZone) : previousMonth(now, o.timeZone);
    const report = await buildReport(o.reports, period, { language: o.language, departments: o.departments, asOf: now });
    const attachment = { fileName: report.chartFileName, mimeType: 'image/png', contentBase64: report.chartPng.toString('base64'), title: `Complaint report ${period.label}` };
    await o.store.transaction(async (tx) => {
      for (const [platform, channelId] of targets)
        await tx.enqueue(
          { type: 'channel_message', caseId: null, platform, channelId, text: maskPersonalData(`${report.text}\n${chartNote(o.language)}`), attachment },
          // One post per period and channel, however many replicas run the cron.
          { dedupeKey: `report:${period.kind}:${period.label}:${platform}:${channelId}`, availableAt: now },
        );
    });
    o.onPosted?.(period, targets.length);
    return period;
  };
  return { post };
}

export interface ReportSchedule {
  stop(): Promise<void>;
}

/**
 * Registers the weekly and monthly report runs with node-cron in the desk time zone.
 * Every replica may run them: the outbox's dedupe key makes the post happen once. A run
 * missed while no replica was up is not caught up (node-cron skips it); `npm run report`
 * makes the same report by hand.
 */
export function scheduleReports(job: ReportJob, o: { timeZone: string; weeklyCron: string; monthlyCron: string; onError?: (err: unknown, cadence: ReportCadence) => void }): ReportSchedule {
  const run = (cadence: ReportCadence) => () =>
    job.post(cadence).then(
      () => undefined,
      (err: unknown) => o.onError?.(err, cadence),
    );
  const tasks: ScheduledTask[] = [
    cron.schedule(o.weeklyCron, run('weekly'), { timezone: o.timeZone, name: 'report-weekly', noOverlap: true }),
    cron.schedule(o.monthlyCron, run('monthly'), { timezone: o.timeZone, name: 'report-monthly', noOverlap: true }),
  ];
  return {
    stop: async () => {
      for (const t of tasks) await t.destroy();
    },
  };
}
