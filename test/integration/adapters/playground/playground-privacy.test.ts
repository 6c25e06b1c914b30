import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachPlayground } from '../../../../src/adapters/playground/playground-routes.js';
import { createDeskRuntime, type DeskRuntime } from '../../../../src/app/desk-runtime.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { exampleConfig, MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { ManualClock } from '../../../../support/manual-clock.js';
import { complaintText, followUpText, leakedIn, ORDER, PERSONAL } from '../../../helpers/personal-data.js';
import { settle as settleRuntime } from '../../../helpers/wait.js';

type Line = { audience: string; kind: string; text: string; card?: Record<string, unknown> };

/** The playground's JSON API over the real HTTP server, inbox and desk on PGlite: what the staff panes and case pages show. */
describe('playground: personal data in what staff see', () => {
  let runtime: DeskRuntime;
  let http: HttpServer;
  let base: string;
  let caseId = '';
  const get = async (path: string) => (await (await fetch(`${base}/api/${path}`)).json()) as Record<string, unknown>;
  const post = (path: string, body: unknown) => fetch(`${base}/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const settle = () => settleRuntime(runtime);

  beforeAll(async () => {
    runtime = await createDeskRuntime({ config: exampleConfig(), database: { pgliteDataDir: 'memory://' }, clock: new ManualClock(new Date(MONDAY_10AM_SHANGHAI)), minIntervalMs: {} });
    http = new HttpServer();
    attachPlayground(runtime.application, http, { local: runtime.local, logger: { info() {}, warn() {}, error() {} } });
    base = `http://127.0.0.1:${await http.listen(0)}/playground`;
    expect((await post('customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: complaintText('<b>bold</b>'), attachments: [{ name: 'leak.jpg', mimeType: 'image/jpeg' }] })).status).toBe(202);
    await settle();
    expect((await post('customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: followUpText('') })).status).toBe(202);
    await settle();
    caseId = (await runtime.db.prisma.case.findFirstOrThrow()).id;
    expect((await post('staff-actions', { action: 'claim', actor: 'wang-fang', caseId })).status).toBe(200);
    await settle();
  }, 180_000); // a machine shared with other runs: PGlite start-up can be slow
  afterAll(async () => {
    await http.close();
    await runtime.close();
  });

  it('masks the staff panes (cards and thread notes) and not the customer’s own', async () => {
    const { lines } = (await get('feed?after=0')) as { lines: Line[] };
    const staff = lines.filter((l) => !l.audience.startsWith('customer:'));
    const mine = lines.filter((l) => l.audience.startsWith('customer:'));
    const card = staff.find((l) => l.kind === 'card_posted')!;
    expect(card.card!.summary).toContain(PERSONAL.phone.masked);
    expect(card.card!.summary).toContain(ORDER);
    expect(staff.some((l) => l.kind === 'card_note' && l.text.includes(PERSONAL.followUpPhone.masked))).toBe(true);
    expect(leakedIn(JSON.stringify(staff))).toEqual([]);
    // The customer sees what they wrote, as they wrote it.
    expect(mine.find((l) => l.kind === 'customer_said')!.text).toContain(PERSONAL.bankCard.raw);
  });

  it('masks the case list and the case page: summary, conversation and audit trail', async () => {
    const list = (await get('cases')) as { cases: { summary: string }[] };
    expect(list.cases[0]!.summary).toContain(PERSONAL.idCard.masked);
    expect(leakedIn(JSON.stringify(list))).toEqual([]);
    const page = await get(`cases/${caseId}`);
    const json = JSON.stringify(page);
    expect(leakedIn(json)).toEqual([]);
    expect((page.messages as { direction: string; text: string }[]).find((m) => m.direction === 'inbound')!.text).toContain(PERSONAL.email.masked);
    expect(json).toContain(ORDER);
  });
});
