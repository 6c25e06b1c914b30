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

  it('hands the page every word it shows from the catalogs, in each language, and the page holds none of its own', async () => {
    const { body } = await get('setup');
    const staffTexts = body.staffTexts as unknown as Record<string, Record<string, string>>;
    const customerTexts = body.customerTexts as unknown as Record<string, Record<string, unknown>>;
    expect(body.staffLanguage).toBe('en');
    expect(staffTexts.en).toMatchObject({ button_claim: 'Claim', card_owner: 'Owner', pg_acting_as: 'Acting as', pg_read_as: 'Read as', form_question: 'Question for the customer of {number}' });
    expect(staffTexts['zh-Hans']).toMatchObject({ button_claim: '认领', pg_acting_as: '当前身份', pg_no_match: '没有符合条件的案件。' });
    expect(staffTexts['zh-Hant']).toMatchObject({ pg_acting_as: '目前身分', pg_no_match: '沒有符合條件的案件。' });
    expect(customerTexts['zh-Hans']).toMatchObject({ message: '发给客服的消息', send: '发送', survey: { send: '提交评价' } });
    expect(customerTexts['zh-Hant']).toMatchObject({ message: '發給客服的訊息', send: '傳送', decision: { accept: '接受' } });
    expect(customerTexts.en).toMatchObject({ message: 'Message to the desk', rate: 'Rate {n}' });
    // Who reads in which language: the staff member's own, the customer's as they start.
    expect(body.staff).toEqual(expect.arrayContaining([expect.objectContaining({ userId: 'wu-hao', language: 'zh-Hans' }), expect.objectContaining({ userId: 'wang-fang', language: 'en' })]));
    expect(body.customers).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'chan-tai-man', language: 'zh-Hant' })]));
    const script = await (await fetch(`${playground.base}/app.js`)).text();
    const page = await (await fetch(`${playground.base}`)).text();
    // The page lays the words out; it does not hold them.
    for (const word of ["'Claim'", "'Post update'", "'Propose solution'", "'unclaimed'", '>URGENT<', '<dt>Owner</dt>', 'Acting as', 'Read as', 'Whose inbox', 'Message to the desk', 'Send rejection', 'No cases match', 'Audit timeline', 'Fast-forward', 'Escalations', '>Cases<', "'Rate ", 'Loading'])
      expect(script, word).not.toContain(word);
    expect(page).not.toMatch(/Loading|Playground/);
    expect(page).toContain('<html lang="en">'); // the desk's staff language
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

  it('labels the case list in the language of the staff member viewing it', async () => {
    const rows = async (viewer: string) => ((await get(`cases?viewer=${viewer}`)).body as { cases: { statusLabel: string }[] }).cases;
    // The customer message of the test before opened a case.
    await expect.poll(async () => (await rows('wu-hao')).length).toBeGreaterThan(0);
    expect((await rows('wu-hao'))[0]!.statusLabel).toMatch(/[\u4e00-\u9fff]/);
    expect((await rows('wang-fang'))[0]!.statusLabel).toMatch(/^\S+ [A-Z]/);
  });

  it('notes the language each customer line is written in, so the customer pane follows it; a bare number says nothing', async () => {
    const customerId = 'chan-tai-man';
    await post('customer-messages', { customerId, displayName: '陳大文', text: '我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8871，希望換一個新的。' });
    await post('customer-messages', { customerId, displayName: '陳大文', text: '13812345678' });
    await settle();
    const said = ((await get('feed?after=0')).body as { lines: { kind: string; audience: string; language?: string }[] }).lines.filter((l) => l.kind === 'customer_said');
    expect(said.find((l) => l.audience === 'customer:dm-emma-clark')!.language).toBe('en');
    const chan = said.filter((l) => l.audience === `customer:dm-${customerId}`);
    expect(chan.map((l) => l.language ?? null)).toEqual(['zh-Hant', null]);
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
