// Real database (PGlite and PostgreSQL): a seeded November, its figures checked against hand-computed values.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocalNotifier } from '../../../src/adapters/local/local-notifier.js';
import { monthPeriod, weekPeriod } from '../../../src/core/reports/period.js';
import { computeReportFigures, type ReportFigures } from '../../../src/core/reports/report-figures.js';
import { openDatabase, type Database } from '../../../src/persistence/database.js';
import { migrate } from '../../../src/persistence/migrate.js';
import { prismaOutboxQueue } from '../../../src/persistence/outbox-store.js';
import { PrismaDeskStore } from '../../../src/persistence/prisma-desk-store.js';
import { fetchReportData, PrismaReportDataSource } from '../../../src/persistence/report-queries.js';
import { buildReport } from '../../../src/report-jobs/build-report.js';
import { createReportJob } from '../../../src/report-jobs/report-job.js';
import { OutboxWorker } from '../../../src/workers/outbox-worker.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { loadDeskConfig } from '../../../src/config/desk-config.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { AS_OF, SEEDED, seedNovember } from './seeded-month.js';

const TZ = 'Asia/Shanghai';

describeOnDatabases('monthly report on a seeded November', (options) => {
  const config = loadDeskConfig('config/desk.example.yaml');
  let db: Database;
  let figures: ReportFigures;
  beforeAll(async () => {
    db = await openDatabase(options());
    await migrate(db);
    await seedNovember(db.prisma, config);
    const period = monthPeriod('2026-11', TZ);
    figures = computeReportFigures(await fetchReportData(db.prisma, period), period, AS_OF);
  });
  afterAll(() => db?.close());

  it('counts the cases received in the month by category and department', () => {
    // Received in November: A B C D E H (F, J, I came earlier, G later).
    expect(figures.volume).toEqual({
      total: 6,
      urgent: 1,
      stillOpen: 4, // B (reopened), C, E, H
      byCategory: [
        { key: 'product', count: 3 },
        { key: 'billing', count: 1 },
        { key: 'logistics', count: 1 },
        { key: 'uncategorised', count: 1 },
      ],
      byDepartment: [
        { key: 'quality', count: 3 },
        { key: 'customer_service', count: 1 },
        { key: 'finance', count: 1 },
        { key: 'logistics', count: 1 },
      ],
    });
  });

  it('measures each SLA clock on the deadlines that fell due in the month', () => {
    const sla = Object.fromEntries(figures.sla.map((s) => [s.clock, s]));
    // first response: A B D H on time, C late, E paused on the customer.
    expect(sla.first_response).toMatchObject({ onTime: 4, breached: 1, pending: 1, rate: 0.8 });
    // initial plan: A D H on time; B sent late, C never sent; E paused.
    expect(sla.initial_plan).toMatchObject({ onTime: 3, breached: 2, pending: 1, rate: 0.6 });
    expect(sla.urgent_handling).toMatchObject({ onTime: 1, breached: 0, rate: 1 });
    // solution: A B D in time; C and H never proposed (E falls due in December).
    expect(sla.solution).toMatchObject({ onTime: 3, breached: 2, pending: 0, rate: 0.6 });
    // close: A D resolved in time; B (reopened), C, H not resolved by their deadline.
    expect(sla.close).toMatchObject({ onTime: 2, breached: 3, rate: 0.4 });
    // result and survey: A B D F all in time.
    expect(sla.result).toMatchObject({ onTime: 4, breached: 0, rate: 1 });
    expect(sla.survey).toMatchObject({ onTime: 4, breached: 0, rate: 1 });
    // 24 h updates: owned cases worked in November are A B C D F H J; C was escalated for a missed update.
    expect(sla.update_cadence).toMatchObject({ onTime: 6, breached: 1 });
    expect(sla.update_cadence!.rate).toBeCloseTo(6 / 7, 10);
  });

  it('takes medians and 90th percentiles of response and resolution times', () => {
    // First answered in November: D 1 h, A 2 h, H 5 h, B 10 h, C 48 h.
    // p90 (linear, type 7): rank 0.9 × 4 = 3.6 → 10 + 0.6 × (48 − 10) = 32.8.
    expect(figures.firstResponseHours.count).toBe(5);
    expect(figures.firstResponseHours.median).toBeCloseTo(5, 10);
    expect(figures.firstResponseHours.p90).toBeCloseTo(32.8, 10);
    // Resolved in November (and still resolved): A 48 h, F 96 h, D 120 h.
    // p90: rank 0.9 × 2 = 1.8 → 96 + 0.8 × (120 − 96) = 115.2.
    expect(figures.resolutionHours.count).toBe(3);
    expect(figures.resolutionHours.median).toBeCloseTo(96, 10);
    expect(figures.resolutionHours.p90).toBeCloseTo(115.2, 10);
  });

  it('gives the satisfaction distribution, escalations, solutions and repeated problems', () => {
    // Answers in November: F 3, A 5, B 2, D 4 (I answered in September).
    expect(figures.satisfaction).toEqual({ responses: 4, counts: [0, 1, 1, 1, 1], average: 3.5, low: 1 });
    expect(figures.escalations).toEqual({
      total: 4,
      cases: 3,
      byReason: [
        { key: 'close_deadline_passed', count: 1 },
        { key: 'low_satisfaction', count: 1 },
        { key: 'missed_update', count: 1 },
        { key: 'urgent_at_intake', count: 1 },
      ],
    });
    expect(figures.solutions).toEqual({
      accepted: [
        { key: 'compensation', count: 1 },
        { key: 'refund', count: 1 },
        { key: 'replacement', count: 1 },
      ],
      rejected: 1,
      amounts: [{ currency: 'CNY', total: 150 }],
    });
    // Kettles in A B D H (电水壶 / 電水壺 / kettle), JD- orders in A B D, the "leak" cue in A and H.
    expect(figures.repeats).toEqual([
      { dimension: 'product', key: 'kettle', count: 4, caseNumbers: [SEEDED.A.number, SEEDED.B.number, SEEDED.H.number, SEEDED.D.number].sort() },
      { dimension: 'order_prefix', key: 'JD', count: 3, caseNumbers: [SEEDED.A.number, SEEDED.B.number, SEEDED.D.number].sort() },
      { dimension: 'cue', key: 'leak', count: 2, caseNumbers: [SEEDED.A.number, SEEDED.H.number].sort() },
    ]);
  });

  it('covers an ISO week the same way', async () => {
    const week = weekPeriod('2026-W48', TZ); // Mon 23 – Sun 29 November
    const f = computeReportFigures(await fetchReportData(db.prisma, week), week, AS_OF);
    expect(f.volume.total).toBe(1); // E
    expect(f.resolutionHours).toMatchObject({ count: 1, median: 120 }); // D, resolved on the 25th
    expect(f.satisfaction.counts).toEqual([0, 0, 0, 1, 0]);
  });

  it('writes a report text and a chart a manager can read', async () => {
    const report = await buildReport(new PrismaReportDataSource(db.prisma), monthPeriod('2026-11', TZ), { language: 'en', departments: config.departments, asOf: AS_OF });
    expect(report.text).toContain('New cases: 6 (1 urgent, 4 still open)');
    expect(report.text).toContain('By department: Product Quality 3');
    expect(report.text).toContain('First response: 80% (4/5, 1 pending)');
    expect(report.text).toContain('median 5.0 h, 90th percentile 32.8 h (5 cases)');
    expect(report.text).toContain('kettle (same product) ×4');
    const zh = await buildReport(new PrismaReportDataSource(db.prisma), monthPeriod('2026-11', TZ), { language: 'zh-Hans', departments: config.departments, asOf: AS_OF });
    expect(zh.text).toContain('新增投诉：6 件（紧急 1 件，仍在处理 4 件）');
    expect(zh.text).toContain('产品质量部 3');

    const dir = mkdtempSync(join(tmpdir(), 'desk-report-'));
    const file = join(dir, report.chartFileName);
    writeFileSync(file, report.chartPng);
    const png = PNG.sync.read(readFileSync(file));
    expect(report.chartFileName).toBe('complaint-report-2026-11.png');
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(800);
    const colours = new Set<number>();
    let inked = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (r < 240 || g < 240 || b < 240) inked++;
    }
    // Bars in several colours, text, tiles: far from a blank canvas.
    expect(colours.size).toBeGreaterThan(50);
    expect(inked / (png.width * png.height)).toBeGreaterThan(0.05);
    const pixel = (x: number, y: number) => {
      const i = (y * png.width + x) * 4;
      return [png.data[i], png.data[i + 1], png.data[i + 2]];
    };
    // The first category bar (product, the largest) starts 170 px into the left panel.
    expect(pixel(40 + 170 + 20, 210 + 36 + 17)).toEqual([0x3b, 0x82, 0xf6]);
  });

  it('queues one report per management channel with the chart attached, however often the job runs', async () => {
    const clock = new ManualClock(AS_OF);
    const store = new PrismaDeskStore(db, () => null);
    const posted: string[] = [];
    const job = createReportJob({
      reports: new PrismaReportDataSource(db.prisma),
      store,
      clock,
      timeZone: TZ,
      language: 'en',
      departments: config.departments,
      channels: config.reports.channels,
      onPosted: (p) => posted.push(p.label),
    });
    await Promise.all([job.post('monthly'), job.post('monthly'), job.post('weekly')]);
    expect(posted.sort()).toEqual(['2026-11', '2026-11', '2026-W48']);
    const rows = await db.prisma.outboxMessage.findMany({ where: { dedupeKey: { startsWith: 'report:' } }, orderBy: { dedupeKey: 'asc' } });
    expect(rows.map((r) => r.dedupeKey)).toEqual([
      'report:month:2026-11:local:management',
      'report:month:2026-11:slack:C0MANAGEMENT',
      'report:month:2026-11:teams:19:management@thread.tacv2',
      'report:week:2026-W48:local:management',
      'report:week:2026-W48:slack:C0MANAGEMENT',
      'report:week:2026-W48:teams:19:management@thread.tacv2',
    ]);

    const local = new LocalNotifier(async () => {
      throw new Error('no cards here');
    });
    const worker = new OutboxWorker({ queue: prismaOutboxQueue(db.prisma, clock), notifiers: { local }, clock, workerId: 'report-test' });
    await worker.drainOnce();
    const monthly = local.deliveries.find((d) => d.audience === 'channel:management' && d.text.includes('2026-11'));
    expect(monthly?.text).toContain('Chart attached.');
    expect(monthly?.attachment).toMatchObject({ fileName: 'complaint-report-2026-11.png', mimeType: 'image/png' });
    const bytes = Buffer.from(monthly!.attachment!.contentBase64, 'base64');
    expect(PNG.sync.read(bytes).width).toBe(1200);
  });
});
