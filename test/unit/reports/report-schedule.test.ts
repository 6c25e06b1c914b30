import { describe, expect, it } from 'vitest';
import { scheduleReports, type ReportCadence, type ReportJob } from '../../../src/reports/report-job.js';

describe('report schedule', () => {
  it('runs the jobs on their cron in the desk time zone, reports failures, and stops', async () => {
    const runs: ReportCadence[] = [];
    const errors: string[] = [];
    const job: ReportJob = {
      post: async (cadence) => {
        runs.push(cadence);
        if (cadence === 'monthly') throw new Error('database away');
        return null;
      },
    };
    // Every second (node-cron's six-field form) so the test sees both fire.
    const schedule = scheduleReports(job, { timeZone: 'Asia/Shanghai', weeklyCron: '* * * * * *', monthlyCron: '* * * * * *', onError: (err, cadence) => errors.push(`${cadence}: ${(err as Error).message}`) });
    await new Promise((r) => setTimeout(r, 1500));
    await schedule.stop();
    const seen = runs.length;
    expect(runs).toContain('weekly');
    expect(runs).toContain('monthly');
    expect(errors[0]).toBe('monthly: database away');
    await new Promise((r) => setTimeout(r, 1200));
    expect(runs.length).toBe(seen);
  });
});
