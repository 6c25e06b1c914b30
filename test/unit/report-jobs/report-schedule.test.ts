import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleReports, type ReportCadence, type ReportJob } from '../../../src/report-jobs/report-job.js';

// node-cron arms one setTimeout to its next match, computed from Date: faking both runs the schedule without waiting.
describe('report schedule (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  const recordingJob = (runs: ReportCadence[]): ReportJob => ({
    post: async (cadence) => {
      runs.push(cadence);
      if (cadence === 'monthly') throw new Error('database away');
      return null;
    },
  });

  it('runs the jobs on their cron in the desk time zone, reports failures, and stops', async () => {
    vi.setSystemTime(new Date('2026-11-23T02:00:00.400Z'));
    const runs: ReportCadence[] = [];
    const errors: string[] = [];
    // Every second (node-cron's six-field form) so the test sees both fire.
    const schedule = scheduleReports(recordingJob(runs), { timeZone: 'Asia/Shanghai', weeklyCron: '* * * * * *', monthlyCron: '* * * * * *', onError: (err, cadence) => errors.push(`${cadence}: ${(err as Error).message}`) });
    await vi.advanceTimersByTimeAsync(1500);
    await schedule.stop();
    const seen = runs.length;
    expect(runs).toContain('weekly');
    expect(runs).toContain('monthly');
    expect(errors[0]).toBe('monthly: database away');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs.length).toBe(seen);
  });

  it('fires the example config’s weekly and monthly reports at 09:00 in Shanghai, which is 01:00 UTC', async () => {
    // Monday 2026-11-23, 00:59:59 UTC = 08:59:59 in Asia/Shanghai.
    vi.setSystemTime(new Date('2026-11-23T00:59:59.000Z'));
    const runs: ReportCadence[] = [];
    const at: string[] = [];
    const job: ReportJob = {
      post: async (cadence) => {
        runs.push(cadence);
        at.push(new Date().toISOString());
        return null;
      },
    };
    const schedule = scheduleReports(job, { timeZone: 'Asia/Shanghai', weeklyCron: '0 9 * * 1', monthlyCron: '0 9 1 * *' });
    const advanceTo = (iso: string) => vi.advanceTimersByTimeAsync(new Date(iso).getTime() - Date.now());
    try {
      await vi.advanceTimersByTimeAsync(500);
      expect(runs).toEqual([]);
      await vi.advanceTimersByTimeAsync(1_000);
      expect(runs).toEqual(['weekly']);
      // Nothing more until the next Monday, then the 1st of the month (Tuesday 2026-12-01), each at 09:00 in Shanghai.
      await advanceTo('2026-11-30T00:59:59.000Z');
      expect(runs).toEqual(['weekly']);
      await advanceTo('2026-12-01T01:00:01.000Z');
      expect(runs).toEqual(['weekly', 'weekly', 'monthly']);
      expect(at.map((t) => t.slice(0, 19))).toEqual(['2026-11-23T01:00:00', '2026-11-30T01:00:00', '2026-12-01T01:00:00']);
    } finally {
      await schedule.stop();
    }
  });
});
