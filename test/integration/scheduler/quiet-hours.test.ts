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
    const held = history.events.filter((e) => e.type === 'sla_step_held' && (e.after as { step: string }).step === 'update_ladder');
    expect(held).toHaveLength(1);
    expect(held[0]!.after).toMatchObject({ until: '2026-11-26T01:00:00.000Z' }); // Thu 09:00 Shanghai
    const line = history.audit.find((a) => a.id === held[0]!.id)!;
    expect(line.text).toContain('held until Thu 26 Nov, 09:00 (quiet hours)');
    // The escalation rung 4 h later (Thu 01:00, still quiet) is taken; its pings wait in the outbox, recorded too.
    h.clock.set('2026-11-25T17:00:01Z');
    await h.runtime.scheduler.tick();
    h.clock.set('2026-11-25T18:00:01Z');
    await h.runtime.scheduler.tick();
    const later = await h.runtime.desk.caseHistory(first);
    expect(later.audit.some((a) => a.type === 'staff_message_held' && a.text.includes('09:00 (quiet hours)'))).toBe(true);

    h.clock.set('2026-11-26T01:00:00Z'); // Thu 09:00: the working day starts
    await h.runtime.scheduler.tick();
    const out = await h.deliver();
    // The nudges were overtaken by the escalation rung: recorded as skipped, never sent.
    expect(out.filter((d) => isNudge(d.text))).toHaveLength(0);
    for (const id of [first, second]) {
      const events = await h.runtime.ctx.store.listEvents(id);
      expect(events.filter((e) => e.type === 'sla_step_skipped' && String((e.after as { key: string }).key).startsWith('update:1:')).map((e) => e.after)).toEqual([expect.objectContaining({ reason: 'overtaken' })]);
      expect(events.some((e) => e.type === 'nudge_sent')).toBe(false);
    }
    // What was held goes out in the order it fell due: the first case's escalation before the second's.
    const escalations = out.filter((d) => d.caseId === first || d.caseId === second).filter((d) => d.kind === 'message' && d.audience.startsWith('dm:'));
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations.findIndex((d) => d.caseId === second)).toBeGreaterThan(escalations.findLastIndex((d) => d.caseId === first));
  });

  it('releases held nudges in the order they fell due, and drops one whose case was updated overnight', async () => {
    const claimAt = ['2026-11-29T21:30:00Z', '2026-11-29T22:00:00Z', '2026-11-29T22:30:00Z']; // Mon 05:30, 06:00, 06:30 Shanghai
    const ids: string[] = [];
    for (const t of claimAt) {
      h.clock.set(t);
      ids.push(await claimedCase(h));
    }
    await h.deliver();
    const [a, b, c] = ids as [string, string, string];
    // Their updates fall due Tue 05:30, 06:00, 06:30: quiet; the next rung (4 h later) comes after 09:00.
    for (const t of ['2026-11-30T21:30:01Z', '2026-11-30T22:00:01Z', '2026-11-30T22:30:01Z']) {
      h.clock.set(t);
      await h.runtime.scheduler.tick();
    }
    expect((await h.runtime.ctx.store.getCase(a))!.slaStepsDone.some((k) => k.startsWith('held:update:1:'))).toBe(true);
    h.clock.set('2026-11-30T23:00:00Z'); // Tue 07:00: the owner updates the second case before the day starts
    await h.runtime.desk.postUpdate(wang, b, 'Replacement ships tomorrow.');

    h.clock.set('2026-12-01T01:00:00Z'); // Tue 09:00
    await h.runtime.scheduler.tick();
    const isNudge = (t: string) => t.includes('needs its progress update');
    const nudges = (await h.deliver()).filter((d) => isNudge(d.text) && ids.includes(d.caseId ?? ''));
    expect(nudges.map((d) => d.caseId).sort()).toEqual([a, c].sort());
    // The order is the queue's: each released nudge is queued at the moment it fell due, and the outbox
    // sends a channel's rows oldest first. (What the local platform received can interleave: the
    // background outbox worker and this test's drain both deliver.)
    const queued = await h.runtime.db.query<{ caseId: string }>(
      `SELECT case_id AS "caseId" FROM outbox_message WHERE case_id = ANY($1::uuid[]) AND intent->>'text' LIKE '%needs its progress update%' ORDER BY available_at, id`,
      [ids],
    );
    expect(queued.map((r) => r.caseId)).toEqual([a, c]);

    const skippedB = (await h.runtime.ctx.store.listEvents(b)).filter((e) => e.type === 'sla_step_skipped' && String((e.after as { key: string }).key).startsWith('update:1:'));
    expect(skippedB.map((e) => e.after)).toEqual([expect.objectContaining({ reason: 'case_moved_on' })]);
    expect((await h.runtime.desk.caseHistory(b)).audit.some((l) => l.text.includes('the case moved on'))).toBe(true);
    for (const id of [a, c]) expect((await h.runtime.ctx.store.listEvents(id)).filter((e) => e.type === 'nudge_sent')).toHaveLength(1);
    // Looked at again, nothing goes twice.
    await h.runtime.scheduler.tick();
    expect((await h.deliver()).filter((d) => isNudge(d.text) && ids.includes(d.caseId ?? ''))).toHaveLength(0);
  });
});
