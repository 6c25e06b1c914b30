// The continuity rules (issue 16.1) through the real intake on the in-memory store: no database.
import { beforeEach, describe, expect, it } from 'vitest';
import { inMemoryDesk, photo } from '../../../helpers/in-memory-desk.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };

describe('grouping: which case a customer message continues', () => {
  let d: ReturnType<typeof inMemoryDesk>;
  let store: typeof d.store;
  let clock: typeof d.clock;
  let desk: typeof d.desk;
  let settings: typeof d.settings;
  let say: typeof d.say;
  let routedCase: typeof d.routedCase;
  beforeEach(() => {
    d = inMemoryDesk();
    ({ store, clock, desk, settings, say, routedCase } = d);
  });

  it('files a message within the window into the one recently active open case', async () => {
    const c = await routedCase('window');
    clock.advanceMinutes(30);
    expect(await say('window', 'any news on this?')).toMatchObject({ kind: 'joined', caseId: c.caseId });
    expect((await store.listMessages(c.caseId)).map((m) => m.text)).toContain('any news on this?');
  });

  it('after the window a vague message joins nothing', async () => {
    await routedCase('late');
    clock.advanceMinutes(settings.intake.groupingWindowMinutes + 1);
    expect((await say('late', 'any news on this?')).kind).not.toBe('joined');
  });

  it('counts the window from the last message either way: 65 min after a staff message, 125 min after the complaint, it joins', async () => {
    const c = await routedCase('staff-last');
    clock.advanceMinutes(60);
    await desk.claimCase(wang, c.caseId);
    await desk.postUpdate(wang, c.caseId, 'Checking with the warehouse.');
    clock.advanceMinutes(65);
    expect(await say('staff-last', 'ok, any idea when?')).toMatchObject({ kind: 'joined', caseId: c.caseId });
  });

  it('links the same order and problem from another conversation 65 min after a staff question, 125 min after the complaint', async () => {
    const text = 'The blender I bought arrived with a cracked jug, order number ORD-55500222. Phone 13812345678. I want a replacement.';
    const a = await say('linked', text, { attachments: [photo] });
    if (a.kind !== 'created') throw new Error(a.kind);
    clock.advanceMinutes(60);
    await desk.claimCase(wang, a.caseId);
    await desk.askCustomer(wang, a.caseId, 'Did it crack in the box?');
    clock.advanceMinutes(65);
    const b = await say('linked', text, { attachments: [photo], conversation: { channelId: 'support-channel', threadId: 'thread-7', isPrivate: false } });
    if (b.kind !== 'created') throw new Error(b.kind);
    expect((await store.getCase(b.caseId))!.relatedCaseId).toBe(a.caseId);
  });

  it('the case waiting on the customer wins over the more recently active one, however long ago it asked', async () => {
    const asked = await routedCase('waiting');
    await desk.claimCase(wang, asked.caseId);
    await desk.askCustomer(wang, asked.caseId, 'Which colour is the blender?');
    clock.advanceMinutes(5);
    const newer = await routedCase('waiting', 'billing');
    clock.advanceHours(3);
    expect(newer.caseId).not.toBe(asked.caseId);
    expect(await say('waiting', 'it is red')).toMatchObject({ kind: 'joined', caseId: asked.caseId });
    expect((await store.getCase(asked.caseId))!.pendingQuestion).toBeNull();
  });

  it('a file sent while a case waits for evidence answers that case, whatever the model makes of its words', async () => {
    const asked = await say('photo', 'The kettle I bought leaks after two days, order number 20261116-8871. I would like a replacement.');
    if (asked.kind !== 'created') throw new Error(asked.kind);
    expect((await store.getCase(asked.caseId))?.status).toBe('awaiting_evidence');
    clock.advanceMinutes(10);
    // Short, no problem words: the model guesses a category for "call me" with some confidence; that is no new problem.
    expect(await say('photo', 'here it is, call me on 13812345678', { attachments: [photo] })).toMatchObject({ kind: 'joined', caseId: asked.caseId });
    expect((await store.getCase(asked.caseId))?.status).toBe('routed');
  });

  it('a vague answer without a file, while a case waits for evidence, is not taken for a new problem', async () => {
    const asked = await say('vague', 'The kettle I bought leaks after two days, order number 20261116-8872. I would like a replacement.');
    if (asked.kind !== 'created') throw new Error(asked.kind);
    clock.advanceMinutes(10);
    expect(await say('vague', 'ok, call me on 13812345678')).toMatchObject({ kind: 'joined', caseId: asked.caseId });
  });

  it('a case number in the text routes the message to that case', async () => {
    const a = await routedCase('by-number');
    clock.advanceMinutes(5);
    const b = await routedCase('by-number', 'billing');
    clock.advanceMinutes(5);
    const first = (await store.getCase(a.caseId))!;
    expect(await say('by-number', `About ${first.number.toLowerCase()}: any news?`)).toMatchObject({ kind: 'joined', caseId: a.caseId });
    expect((await store.listMessages(b.caseId)).some((m) => m.text.includes('any news?'))).toBe(false);
  });

  it('two open cases that could take it: the customer is asked to choose, and nothing is filed until they do', async () => {
    const a = await routedCase('ambiguous');
    clock.advanceMinutes(5);
    const b = await routedCase('ambiguous', 'billing');
    clock.advanceMinutes(5);
    const asked = await say('ambiguous', 'any news?');
    expect(asked.kind).toBe('choice_asked');
    if (asked.kind !== 'choice_asked') return;
    const question = store.outbox.at(-1)!;
    expect(question.type === 'customer_message' && question.actions?.kind === 'case_choice' && question.actions.options.map((o) => o.caseId)).toEqual(
      expect.arrayContaining([a.caseId, b.caseId, null]),
    );
    expect((await store.listMessages(b.caseId)).some((m) => m.text === 'any news?')).toBe(false);
    expect((await desk.chooseCase({ platform: 'local', userId: 'ambiguous' }, asked.unfiledId, b.caseId)).caseId).toBe(b.caseId);
    expect((await store.listMessages(b.caseId)).some((m) => m.text === 'any news?' && m.direction === 'inbound')).toBe(true);
  });

  it('a use case that throws leaves nothing behind, as a rolled-back transaction would', async () => {
    const c = await routedCase('rollback');
    const before = structuredClone(store.state);
    await expect(
      store.transaction(async (tx) => {
        await tx.updateCase(c.caseId, { summary: 'changed' });
        await tx.enqueue({ type: 'case_card', caseId: c.caseId, platform: 'local', channelId: 'dept' }, { dedupeKey: 'x', availableAt: clock.now() });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.state).toEqual(before);
  });
});
