// Real databases and an injected clock across one quiet night (20:00–09:00 Asia/Shanghai): no real waiting.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
let n = 0;

async function claimedCase(h: DeskHarness): Promise<string> {
  const r = await h.say(`quiet-${++n}`, 'My blender stopped working after two days, the motor just hums. Order number ORD-2026-5512. Phone 13812345678.', { attachments: [{ fileId: `Q${n}`, name: 'x.jpg', mimeType: 'image/jpeg' }] });
  if (r.kind !== 'created') throw new Error(r.kind);
  await h.runtime.desk.claimCase(wang, r.caseId);
  return r.caseId;
}

describeOnDatabases('Quiet hours', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  it('holds night-time nudges, records the hold in words, and releases them in the order they fell due', async () => {
    h.clock.set('2026-11-24T13:00:00Z'); // Tue 21:00 Shanghai
    const first = await claimedCase(h);
    h.clock.set('2026-11-24T14:00:00Z'); // Tue 22:00
    const second = await claimedCase(h);
    await h.deliver();

    // Their 24 h updates fall due on Wednesday night, 21:00 and 22:00: inside quiet hours.
    h.clock.set('2026-11-25T13:00:01Z');
    await h.runtime.scheduler.tick();
    h.clock.set('2026-11-25T14:00:01Z');
    await h.runtime.scheduler.tick();
    const isNudge = (t: string) => t.includes('needs its progress update');
    expect((await h.deliver()).filter((d) => isNudge(d.text))).toHaveLength(0);

    const history = await h.runtime.desk.caseHistory(first);
    const held = history.events.filter((e) => e.type === 'staff_message_held');
    expect(held.length).toBeGreaterThan(0);
    expect(held[0]!.after).toMatchObject({ until: '2026-11-26T01:00:00.000Z' }); // Thu 09:00 Shanghai
    const line = history.audit.find((a) => a.type === 'staff_message_held')!;
    expect(line.text).toContain('held until');
    expect(line.text).toContain('09:00 (quiet hours)');

    h.clock.set('2026-11-26T01:00:00Z'); // Thu 09:00: the working day starts
    const nudges = (await h.deliver()).filter((d) => isNudge(d.text));
    expect(nudges.map((d) => d.caseId)).toEqual([first, second]);
  });
});
