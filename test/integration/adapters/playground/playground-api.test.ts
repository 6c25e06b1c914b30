import { describe, expect, it } from 'vitest';
import { CATEGORIES, DESIRED_OUTCOMES } from '../../../../src/core/triage/index.js';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';

/** The playground's JSON API over the real HTTP server, inbox and desk on PGlite; workers driven by hand. */
describe('playground API (real HTTP server, inbox, desk on PGlite)', () => {
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI });
  const { post, settle } = playground;
  const get = playground.getWithStatus;

  it('serves the page, its script and the vendored Preact + htm module', async () => {
    for (const path of ['', '/app.js', '/style.css', '/vendor/preact-htm.js']) {
      const res = await fetch(`${playground.base}${path}`);
      expect(res.status, path).toBe(200);
      await res.arrayBuffer();
    }
    expect((await fetch(`${playground.base}/../package.json`)).status).toBe(404);
    expect((await fetch(`${playground.base}/web/app.js`)).status).toBe(404);
  });

  it('hands the page its card labels and buttons from the staff text catalog, in the desk’s staff language', async () => {
    const { body } = await get('setup');
    expect(body.staffText).toMatchObject({ button_claim: 'Claim', button_reply: 'Reply to customer', card_owner: 'Owner', card_unclaimed: 'unclaimed' });
    const script = await (await fetch(`${playground.base}/app.js`)).text();
    // The page lays the words out; it does not hold them.
    for (const word of ["'Claim'", "'Post update'", "'Propose solution'", "'unclaimed'", '>URGENT<', '<dt>Owner</dt>']) expect(script, word).not.toContain(word);
  });

  it('hands the page the core’s categories and solution types instead of a copy in the script', async () => {
    const { body } = await get('setup');
    expect(body).toMatchObject({ categories: [...CATEGORIES], solutionTypes: [...DESIRED_OUTCOMES] });
    const script = await (await fetch(`${playground.base}/app.js`)).text();
    for (const word of ["'privacy_security'", "'replacement'"]) expect(script, word).not.toContain(word);
  });

  it('refuses malformed requests with a reason and writes nothing', async () => {
    const before = await playground.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox_message');
    expect(await post('customer-messages', '{not json')).toMatchObject({ status: 400, body: { message: 'the body is not valid JSON' } });
    const noText = await post('customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: '  ' });
    expect(noText.status).toBe(400);
    expect(noText.body.message).toContain('send some text or a file');
    expect((await post('customer-messages', { customerId: '../etc', displayName: 'x', text: 'hi' })).status).toBe(400);
    expect((await post('staff-actions', { action: 'delete_everything', actor: 'wang-fang', caseId: 'x' })).status).toBe(400);
    expect((await get('cases?status=sleeping')).status).toBe(400);
    const after = await playground.runtime.db.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox_message');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('takes a customer message through the inbox, and maps desk refusals to 403/404/409', async () => {
    expect((await post('customer-messages', { customerId: 'emma-clark', displayName: 'Emma Clark', text: 'My parcel never arrived, order 20261110-4411. I want a refund.' })).status).toBe(202);
    await settle();
    const feed = (await get('feed?after=0')).body as { lines: { kind: string; audience: string; text: string }[] };
    expect(feed.lines[0]).toMatchObject({ kind: 'customer_said', audience: 'customer:dm-emma-clark' });
    expect(feed.lines.some((l) => l.kind === 'message' && /CMP-\d{8}-\d{4}/.test(l.text))).toBe(true);

    const list = (await get('cases')).body as { cases: { id: string; number: string; statusLabel: string }[] };
    const c = list.cases.find((x) => x.number)!;
    expect(c.statusLabel).toBeTruthy();
    // A customer cannot act as staff; a stranger is refused; an unknown case is 404.
    expect((await post('staff-actions', { action: 'claim', actor: 'emma-clark', caseId: c.id })).status).toBe(403);
    expect((await post('staff-actions', { action: 'claim', actor: 'li-na', caseId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await get('cases/CMP-19990101-0001')).status).toBe(404);
    const page = (await get(`cases/${c.number}`)).body as { events: { type: string }[] };
    expect(page.events[0]!.type).toBe('case_created');
    // The audit trail in words speaks the viewer's staff language (Wu Hao reads Simplified Chinese), the desk's otherwise.
    const audit = async (q: string) => ((await get(`cases/${c.number}${q}`)).body as { audit: { who: string; text: string }[] }).audit;
    expect((await audit('?viewer=wu-hao'))[0]).toMatchObject({ who: '客户', text: '提交了投诉，案件已创建' });
    expect((await audit(''))[0]).toMatchObject({ who: 'The customer', text: 'opened the case' });
  });

  it('moves the developer clock forward and runs the SLA steps that fell due', async () => {
    const before = playground.clock.now().getTime();
    const r = await post('clock', { advanceMinutes: 60 * 26 });
    expect(r.status).toBe(200);
    expect(new Date(r.body.now as string).getTime() - before).toBe(26 * 3_600_000);
    expect((r.body.tick as { steps: number }).steps).toBeGreaterThan(0);
    expect((await post('clock', { advanceMinutes: -5 })).status).toBe(400);
  });
});

describe('playground without developer mode', () => {
  const { postRaw } = withPlayground({ startAt: MONDAY_10AM_SHANGHAI, movableClock: false });

  it('refuses to move the clock', async () => {
    const res = await postRaw('clock', { advanceMinutes: 60 });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain('developer mode');
  });
});
