// /readyz on a real runtime (PGlite) through the real HTTP server: the calendar warning appears
// when this year or next has no official mainland holidays, and disappears once the admin adds them.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarCoverageWarning } from '../../../src/config/calendar-data.js';
import { readinessRoute } from '../../../src/app/readiness.js';
import { HttpServer } from '../../../src/http/http-server.js';
import { createHarness, exampleConfig, type DeskHarness } from '../../helpers/desk-harness.js';

const get = (port: number, path: string) =>
  new Promise<{ status: number; body: { status: string; warnings: { component: string; message: string }[] } }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end();
  });

describe('/readyz calendar warning', () => {
  let harness: DeskHarness;
  let http: HttpServer;
  let port = 0;
  beforeAll(async () => {
    harness = await createHarness({ pgliteDataDir: 'memory://' }, exampleConfig());
    http = new HttpServer().route('/readyz', readinessRoute(harness.runtime, () => false));
    port = await http.listen(0, '127.0.0.1');
  }, 180_000);
  afterAll(async () => {
    await http.close(1000);
    await harness.close();
  });

  const readyz = (at: string) => {
    harness.clock.set(at);
    return get(port, '/readyz');
  };

  it('names next year when chinese-days has no official dates for it, and stays ready', async () => {
    const r = await readyz('2026-12-02T08:00:00Z');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ready');
    expect(r.body.warnings).toHaveLength(1);
    expect(r.body.warnings[0]!.component).toBe('calendar');
    expect(r.body.warnings[0]!.message).toContain('for 2027:');
  });

  it('says nothing while this year and next are both published', async () => {
    const r = await readyz('2025-06-01T08:00:00Z');
    expect(r.body.warnings).toEqual([]);
  });

  it('reads the year in the desk time zone: 2026-12-31 17:00 UTC is already 2027 in Shanghai', async () => {
    const r = await readyz('2026-12-31T17:00:00Z');
    expect(r.body.warnings[0]!.message).toContain('2027 and 2028');
  });

  it('goes quiet once the admin lists the next year in calendar.extraHolidays', async () => {
    const config = exampleConfig();
    config.calendar.extraHolidays = ['2027-01-01', '2027-02-06'];
    const runtime = { ...harness.runtime, calendarWarning: () => calendarCoverageWarning(config.calendar, 2026) };
    const other = new HttpServer().route('/readyz', readinessRoute(runtime, () => false));
    const p = await other.listen(0, '127.0.0.1');
    try {
      expect((await get(p, '/readyz')).body.warnings).toEqual([]);
    } finally {
      await other.close(1000);
    }
  });
});
