// Quiet hours in the playground: a staff message held overnight shows in the staff inbox pane's
// data as the case page words it ("held until … (quiet hours)"), until it is released. Real
// runtime on PGlite, the playground's own HTTP routes, an injected clock.
import { describe, expect, it } from 'vitest';
import { withPlayground } from '../../../helpers/playground-fixture.js';

const MONDAY_9PM_SHANGHAI = '2026-11-23T13:00:00Z';

describe('Playground: held staff messages in the inbox pane', () => {
  const { post, get, settle } = withPlayground({ startAt: MONDAY_9PM_SHANGHAI });
  type Held = { number: string; to: string | null; text: string };

  it('lists a nudge held overnight for its owner, worded like the case page, and drops it once released', async () => {
    expect((await post('customer-messages', { customerId: 'zhang-li', displayName: '张丽', text: '我买的电水壶漏水了，订单号 20261116-8871，电话 13812345678，希望换一个新的', attachments: [{ name: 'leak.jpg', mimeType: 'image/jpeg' }] })).status).toBe(202);
    await settle();
    const c = ((await get('cases')) as { cases: { id: string; number: string }[] }).cases[0]!;
    expect((await post('staff-actions', { action: 'claim', actor: 'wang-fang', caseId: c.id })).status).toBeLessThan(300);
    await settle();
    expect(((await get('held')) as { held: Held[] }).held).toEqual([]);

    // Tuesday 21:01: the 24 h update is due inside quiet hours (20:00–09:00), so the nudge waits for Wednesday 09:00.
    expect((await post('clock', { advanceMinutes: 24 * 60 + 1 })).status).toBe(200);
    await settle();
    const held = ((await get('held')) as { held: Held[] }).held;
    expect(held.length).toBeGreaterThan(0);
    expect(held[0]).toMatchObject({ number: c.number, to: 'wang-fang' });
    expect(held[0]!.text).toMatch(/held until .*09:00 \(quiet hours\)|09:00 发送（免打扰时段）/);
    const page = (await get(`cases/${c.number}`)) as { audit: { text: string }[] };
    expect(page.audit.some((a) => a.text.includes(held[0]!.text.slice(held[0]!.text.indexOf(': ') + 2)))).toBe(true);

    // Wednesday 09:00: released, delivered, no longer held.
    expect((await post('clock', { advanceMinutes: 12 * 60 })).status).toBe(200);
    await settle();
    expect(((await get('held')) as { held: Held[] }).held).toEqual([]);
  });
});
