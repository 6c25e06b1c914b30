import { describe, expect, it } from 'vitest';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';

interface Line {
  seq: number;
  audience: string;
  kind: string;
  caseId: string | null;
  text: string;
  actions?: { kind: string; unfiledId?: string; options?: { caseId: string | null; label: string }[] };
}

/** Issue 16 through the playground's HTTP API: a threadless multi-case chat and corrections from the card. */
describe('playground: continuity and corrections (real HTTP server, inbox, desk on PGlite)', () => {
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI });
  const { post, get, settle } = playground;
  const feed = async (): Promise<Line[]> => ((await get('feed?after=0')) as { lines: Line[] }).lines;
  const say = async (text: string, attachments: { name: string; mimeType: string }[] = []) => {
    expect((await post('customer-messages', { customerId: 'he-jun', displayName: 'He Jun', text, attachments })).status).toBe(202);
    await settle();
  };
  const staff = async (body: Record<string, unknown>) => {
    const r = await post('staff-actions', body);
    await settle();
    return r;
  };
  const advance = (minutes: number) => post('clock', { advanceMinutes: minutes });
  const caseOf = (summary: string) => playground.runtime.db.prisma.case.findFirstOrThrow({ where: { summary: { contains: summary } } });
  const inbound = async (caseId: string) => (await playground.runtime.db.prisma.caseMessage.findMany({ where: { caseId, direction: 'inbound' } })).map((m) => m.text);

  it('files a late answer to a staff question into its case and shows it as the answer', async () => {
    await say('hello?');
    await advance(2);
    await say('The blender jug arrived cracked, order number ORD-50001. Phone 13812345678. I want a replacement.', [{ name: 'jug.jpg', mimeType: 'image/jpeg' }]);
    const a = await caseOf('blender jug');
    expect(a.status).toBe('routed');
    const history = (await get(`cases/${a.number}`)) as { view: { earlierMessages: string[] } };
    expect(history.view.earlierMessages).toEqual(['hello?']);
    expect((await staff({ action: 'claim', actor: 'wang-fang', caseId: a.id })).status).toBe(200);
    await staff({ action: 'ask', actor: 'wang-fang', caseId: a.id, text: 'Is the motor base damaged too?' });
    await advance(10);
    await say('I was charged twice for order 77120003, please refund the double charge! Phone 13812345678');
    const b = await caseOf('charged twice');
    expect(b.id).not.toBe(a.id);
    await advance(180);
    await say('No, only the jug');
    expect(await inbound(a.id)).toContain('No, only the jug');
    expect(await inbound(b.id)).not.toContain('No, only the jug');
    const lines = await feed();
    expect(lines.some((l) => l.kind === 'card_note' && l.caseId === a.id && l.text.includes('replied to 王芳\'s question “Is the motor base damaged too?”: No, only the jug'))).toBe(true);
    expect(lines.some((l) => l.audience === 'dm:wang-fang' && l.text.includes('No, only the jug'))).toBe(true);
  });

  it('routes by a case number, and asks which case with buttons when the text does not say', async () => {
    const a = await caseOf('blender jug');
    const b = await caseOf('charged twice');
    await advance(5);
    await say(`Regarding ${b.number}: still charged twice`);
    expect(await inbound(b.id)).toContain(`Regarding ${b.number}: still charged twice`);
    await advance(5);
    await say('any news?');
    const question = (await feed()).filter((l) => l.audience === 'customer:dm-he-jun').at(-1)!;
    expect(question.actions?.kind).toBe('case_choice');
    expect(question.actions!.options!.map((o) => o.label).join(' | ')).toContain(a.number);
    expect(question.actions!.options!.at(-1)).toEqual({ caseId: null, label: 'A new problem' });
    expect((await post('customer-actions', { action: 'choose_case', customerId: 'someone-else', unfiledId: question.actions!.unfiledId, caseId: a.id })).status).toBe(403);
    expect((await post('customer-actions', { action: 'choose_case', customerId: 'he-jun', unfiledId: question.actions!.unfiledId, caseId: a.id })).status).toBe(200);
    await settle();
    expect(await inbound(a.id)).toContain('any news?');
    expect(await inbound(b.id)).not.toContain('any news?');
  });

  it('lets staff move, mark urgent and merge from the card, with refusals in words', async () => {
    const a = await caseOf('blender jug');
    const refused = await staff({ action: 'recategorize', actor: 'li-na', caseId: a.id, category: 'logistics' });
    expect(refused).toMatchObject({ status: 403, body: { message: expect.stringContaining('李娜') } });
    expect((await staff({ action: 'recategorize', actor: 'wang-fang', caseId: a.id, category: 'logistics' })).status).toBe(200);
    const lines = await feed();
    expect(lines.find((l) => l.kind === 'card_moved' && l.caseId === a.id)).toMatchObject({ audience: 'channel:quality', text: expect.stringContaining('moved to Logistics (#logistics)') });
    expect(lines.some((l) => l.kind === 'card_posted' && l.caseId === a.id && l.audience === 'channel:logistics')).toBe(true);
    expect((await staff({ action: 'mark_urgent', actor: 'liu-qiang', caseId: a.id, urgent: true })).status).toBe(200);
    expect((await feed()).some((l) => l.audience === 'dm:liu-qiang' && l.text.includes('urgent'))).toBe(true);
    const b = await caseOf('charged twice');
    expect((await staff({ action: 'link', actor: 'liu-qiang', caseId: b.id, other: a.number, mode: 'merge' })).status).toBe(200);
    expect(await playground.runtime.db.prisma.case.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: 'closed', mergedIntoCaseId: a.id });
    const corrected = await playground.runtime.db.prisma.triageCorrection.findMany({ where: { caseId: a.id } });
    expect(corrected.map((c) => c.kind)).toEqual(['category', 'urgency']);
  });
});
