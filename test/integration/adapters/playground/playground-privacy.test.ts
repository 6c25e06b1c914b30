import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';
import { complaintText, followUpText, leakedIn, ORDER, PERSONAL } from '../../../helpers/personal-data.js';

type Line = { audience: string; kind: string; text: string; card?: Record<string, unknown> };

/** The playground's JSON API over the real HTTP server, inbox and desk on PGlite: what the staff panes and case pages show. */
describe('playground: personal data in what staff see', () => {
  let caseId = '';
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI });
  const { post, get, settle } = playground;

  beforeAll(async () => {
    expect((await post('customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: complaintText('<b>bold</b>'), attachments: [{ name: 'leak.jpg', mimeType: 'image/jpeg' }] })).status).toBe(202);
    await settle();
    expect((await post('customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: followUpText('') })).status).toBe(202);
    await settle();
    caseId = (await playground.runtime.db.prisma.case.findFirstOrThrow()).id;
    expect((await post('staff-actions', { action: 'claim', actor: 'wang-fang', caseId })).status).toBe(200);
    await settle();
  }, 180_000);

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
