import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';

type Row = { id: string; number: string; ownerName: string | null; createdAt: string; nextDue: { dueAt: string } | null };
type AuditLine = { type: string; when: string; who: string; text: string };

/** What the playground shows the person it acts as: their actions, their list, the audit in words (real HTTP server, inbox, desk on PGlite). */
describe('playground for the viewer it acts as', () => {
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI });
  const { post, settle } = playground;
  const get = playground.getWithStatus;
  let quality: { id: string; number: string };
  let other: { id: string; number: string };

  const actions = async (ref: string, viewer: string) => (await get(`cases/${ref}/actions?viewer=${viewer}`)).body.actions as string[];
  const list = async (query: string) => ((await get(`cases?${query}`)).body.cases as Row[]).map((r) => r.number);
  const fileCase = async (customerId: string, name: string, text: string) => {
    await post('customer-messages', { customerId, displayName: name, text });
    await settle();
    await post('customer-messages', { customerId, displayName: name, text: '13812345678', attachments: [{ name: 'photo.jpg', mimeType: 'image/jpeg' }] });
    await settle();
    return playground.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: `dm-${customerId}` }, select: { id: true, number: true } });
  };

  beforeAll(async () => {
    quality = await fileCase('zhang-li', '张丽', '我买的电水壶用了两天就漏水了，订单号 20261116-8871，希望换一个新的。');
    playground.clock.advance(10 * 60_000);
    other = await fileCase('chan-tai-man', '陳大文', '我買的電熱水壺壞了，訂單號 20261117-1234，希望退款。');
  });

  it('an unclaimed card offers Claim, never Propose or Resolve; another department is offered nothing', async () => {
    const agent = await actions(quality.number, 'wang-fang');
    expect(agent).toContain('claim');
    expect(agent).not.toContain('propose');
    expect(agent).not.toContain('resolve');
    expect(agent).not.toContain('reassign');
    expect(await actions(quality.number, 'li-na')).toEqual([]);
    expect(await actions(quality.number, 'liu-qiang')).toEqual(expect.arrayContaining(['claim', 'reassign']));
  });

  it('once claimed: the owner works it, a colleague only notes, escalates and corrects; Approve only for the supervisor', async () => {
    expect((await post('staff-actions', { action: 'claim', actor: 'wang-fang', caseId: quality.id })).status).toBe(200);
    expect(await actions(quality.number, 'wang-fang')).toEqual(['ask', 'update', 'reply', 'note', 'propose', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(await actions(quality.id, 'chen-jie')).toEqual(['note', 'escalate', 'recategorize', 'mark_urgent', 'link']);

    // 500 is above Wang Fang's limit (200): the offer is held for a supervisor.
    expect((await post('staff-actions', { action: 'propose', actor: 'wang-fang', caseId: quality.id, type: 'refund', amount: '500', text: '全额退款' })).status).toBe(200);
    expect(await actions(quality.number, 'liu-qiang')).toContain('approve');
    expect(await actions(quality.number, 'wang-fang')).not.toContain('approve');
    expect(await actions(quality.number, 'chen-jie')).not.toContain('approve');
  });

  it('offers as new owners the candidates Slack and Teams offer: the department first, others named with theirs', async () => {
    const body = (await get(`cases/${quality.number}/actions?viewer=liu-qiang`)).body as { reassignCandidates: { id: string; name: string }[] };
    const c = await playground.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: quality.id } });
    expect(body.reassignCandidates).toEqual(playground.runtime.application.reassignCandidates(c.departmentKey));
    expect(body.reassignCandidates.slice(0, 2).map((m) => m.id)).toEqual(['wang-fang', 'chen-jie']);
    expect(body.reassignCandidates.find((m) => m.id === 'li-na')?.name).toMatch(/\(.+\)$/);
  });

  it('refuses an unknown viewer and an unknown case', async () => {
    expect((await get(`cases/${quality.number}/actions?viewer=zhang-li`)).status).toBe(400);
    expect((await get(`cases/${quality.number}/actions`)).status).toBe(400);
    expect((await get('cases/CMP-19990101-0001/actions?viewer=wang-fang')).status).toBe(404);
  });

  it('lists mine, unassigned, by search words, and by next deadline', async () => {
    expect(await list('owner=mine&viewer=wang-fang')).toEqual([quality.number]);
    expect(await list('owner=mine&viewer=chen-jie')).toEqual([]);
    expect(await list('owner=unassigned')).toEqual([other.number]);
    expect((await get('cases?owner=mine')).status).toBe(400);
    expect(await list(`q=${other.number.toLowerCase()}`)).toEqual([other.number]);
    expect(await list(`q=${encodeURIComponent('王芳')}`)).toEqual([quality.number]);
    expect(await list('q=nothing-like-this')).toEqual([]);

    const newest = (await get('cases')).body.cases as Row[];
    expect(newest.map((r) => r.number)).toEqual([other.number, quality.number]);
    const byDeadline = (await get('cases?sort=next_due')).body.cases as Row[];
    const due = byDeadline.map((r) => (r.nextDue ? Date.parse(r.nextDue.dueAt) : Infinity));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    expect(byDeadline.map((r) => r.number).sort()).toEqual([other.number, quality.number].sort());
  });

  it('the case page tells the audit in words, with staff names and the desk’s local time', async () => {
    const audit = (await get(`cases/${quality.number}`)).body.audit as AuditLine[];
    const claimed = audit.find((a) => a.type === 'claimed')!;
    // Monday 10:10 in Shanghai is 02:10 UTC: the desk's time, never UTC.
    expect(claimed).toMatchObject({ who: '王芳', text: expect.stringContaining('claimed the case'), when: 'Mon 23 Nov, 10:10' });
    expect(audit.find((a) => a.type === 'case_created')).toMatchObject({ who: 'The customer', text: 'opened the case' });
    expect(audit.find((a) => a.type === 'routed')!.text).toBe('routed the case to Product Quality → 🆕 Unclaimed');
    expect(audit.find((a) => a.type === 'solution_awaiting_approval')!.text).toMatch(/refund of 500.*approval/);
    expect(audit.every((a) => !/\b02:\d\d\b/.test(a.when))).toBe(true);
  });
});
