import { describe, expect, it } from 'vitest';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';

type Line = { seq: number; audience: string; text: string; actions?: { kind: string }; answered?: { answer: string; detail: string | null } };

/** The playground's customer cards over the real HTTP server, inbox and desk on PGlite: answered lines stay answered. */
describe('playground customer cards once answered', () => {
  const staff = { platform: 'local' as const, userId: 'wang-fang' };

  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI });
  const { post, get, settle } = playground;
  /** What a freshly loaded page reads. */
  const reload = async () => ((await get('feed?after=0')) as { lines: Line[] }).lines;

  it('shows a zh-Hant customer the answer in Traditional script on the clicked line, after a reload too; a second click is refused', async () => {
    const customerId = 'chan-tai-man';
    await post('customer-messages', { customerId, displayName: '陳大文', text: '我買的電熱水壺用了兩天就漏水了，訂單號 20261116-8871，希望換一個新的。' });
    await settle();
    await post('customer-messages', { customerId, displayName: '陳大文', text: '13812345678', attachments: [{ name: 'leak.jpg', mimeType: 'image/jpeg' }] });
    await settle();
    const c = (await playground.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: `dm-${customerId}` } }));
    expect(c.language).toBe('zh-Hant');
    await playground.runtime.desk.claimCase(staff, c.id);
    await playground.runtime.desk.proposeSolution(staff, c.id, { type: 'replacement', text: '為您免費更換新水壺' });
    await settle();
    const offer = (await reload()).filter((l) => l.actions?.kind === 'solution_decision').at(-1)!;
    const solutionId = (await playground.runtime.db.prisma.solution.findFirstOrThrow({ where: { caseId: c.id } })).id;

    // Another customer cannot mark this line answered, whatever seq they send.
    expect((await post('customer-actions', { action: 'accept', customerId: 'zhang-li', solutionId, messageSeq: offer.seq })).status).toBe(403);
    expect((await reload()).find((l) => l.seq === offer.seq)!.actions).toBeTruthy();

    const clicked = await post('customer-actions', { action: 'accept', customerId, solutionId, messageSeq: offer.seq });
    expect(clicked).toMatchObject({ status: 200, body: { answered: { answer: '✅ 您已接受該方案' } } });
    const line = (await reload()).find((l) => l.seq === offer.seq)!;
    expect(line.actions).toBeUndefined();
    expect(line.answered).toMatchObject({ answer: '✅ 您已接受該方案', detail: expect.stringContaining('為您免費更換新水壺') });

    const again = await post('customer-actions', { action: 'accept', customerId, solutionId, messageSeq: offer.seq });
    expect(again).toMatchObject({ status: 400, body: { message: '該方案已失效。' } });
    await settle();
    expect(await playground.runtime.db.prisma.caseEvent.count({ where: { caseId: c.id, type: 'solution_accepted' } })).toBe(1);
  });
});
