// Issue 16.1 continuity rules, on the embedded PGlite and the PostgreSQL at 127.0.0.1:5432, with a manual clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import type { LocalDelivery } from '../../../src/adapters/local/local-notifier.js';

const wang = { platform: 'local' as const, userId: 'wang-fang' };
const photo = { fileId: 'F1', name: 'crack.jpg', mimeType: 'image/jpeg', url: 'https://files.example/crack.jpg' };

describeOnDatabases('continuity', (db) => {
  let h: DeskHarness;
  let order = 100;
  beforeAll(async () => {
    h = await createHarness(db());
  });
  afterAll(() => h.close());

  /** A product complaint with order number, photo and phone: routed straight away, nothing waits on the customer. */
  async function routedCase(customer: string, kind: 'product' | 'billing' = 'product') {
    const text =
      kind === 'product'
        ? `The blender I bought arrived with a cracked jug, order number ORD-2026${++order}77. Phone 13812345678. I want a replacement.`
        : `I was charged twice for order 7712${++order}45, phone 13812345678, please refund the double charge!`;
    const r = await h.say(customer, text, kind === 'product' ? { attachments: [photo] } : {});
    if (r.kind !== 'created') throw new Error(`expected a new case, got ${r.kind}`);
    await h.deliver();
    return r;
  }
  const store = () => h.runtime.ctx.store;
  const toCustomer = (seen: LocalDelivery[], customer: string) => seen.filter((d) => d.audience === `customer:dm-${customer}`);

  it('files a threadless answer 3 h after a staff question into the case and shows it to the asker', async () => {
    const c = await routedCase('late-answer');
    await h.runtime.desk.claimCase(wang, c.caseId);
    await h.runtime.desk.askCustomer(wang, c.caseId, 'Which colour is the blender?');
    await h.deliver();
    h.clock.advanceHours(3);
    const answer = await h.say('late-answer', '是红色的');
    expect(answer).toMatchObject({ kind: 'joined', caseId: c.caseId });
    const seen = await h.deliver();
    expect(toCustomer(seen, 'late-answer').map((d) => d.text).join('\n')).not.toContain('如需投诉');
    expect(seen.find((d) => d.kind === 'card_note' && d.caseId === c.caseId)?.text).toContain('replied to 王芳\'s question “Which colour is the blender?”: 是红色的');
    expect(seen.find((d) => d.audience === 'dm:wang-fang')?.text).toContain('是红色的');
    const after = (await store().getCase(c.caseId))!;
    expect(after).toMatchObject({ pendingQuestion: null, awaitingCustomerSince: null });
    expect((await store().listEvents(c.caseId)).map((e) => e.type)).toContain('question_answered');
  });

  it('files an answer 65 min after the question and 125 min after the complaint', async () => {
    const c = await routedCase('window-answer');
    h.clock.advanceMinutes(60);
    await h.runtime.desk.claimCase(wang, c.caseId);
    await h.runtime.desk.askCustomer(wang, c.caseId, 'Did it crack in the box?');
    await h.deliver();
    h.clock.advanceMinutes(65);
    expect(await h.say('window-answer', 'yes, it was already broken when I opened it')).toMatchObject({ kind: 'joined', caseId: c.caseId });
  });

  it('counts the window from the last message either way: a staff update restarts it', async () => {
    const c = await routedCase('staff-window');
    h.clock.advanceMinutes(100);
    await h.runtime.desk.claimCase(wang, c.caseId);
    await h.runtime.desk.postUpdate(wang, c.caseId, 'Checking with the warehouse.');
    h.clock.advanceMinutes(60);
    // 160 min after the customer's own last message, 60 min after the desk's.
    expect(await h.say('staff-window', 'ok thanks, any idea when?')).toMatchObject({ kind: 'joined', caseId: c.caseId });
  });

  it('with two open cases, files the answer into the case whose question it answers', async () => {
    const a = await routedCase('two-cases');
    h.clock.advanceMinutes(10);
    await h.runtime.desk.claimCase(wang, a.caseId);
    await h.runtime.desk.askCustomer(wang, a.caseId, 'Is the motor base damaged too?');
    h.clock.advanceMinutes(5);
    // A second, more recent case in the same chat (its customer message is the latest).
    const b = await h.say('two-cases', 'Also I was charged twice for order 88120345, please refund the double charge!');
    expect(b.kind).toBe('created');
    await h.deliver();
    h.clock.advanceMinutes(20);
    expect(await h.say('two-cases', 'No, only the jug')).toMatchObject({ kind: 'joined', caseId: a.caseId });
  });

  it('routes by a case number in the text', async () => {
    const a = await routedCase('by-number');
    h.clock.advanceMinutes(5);
    const b = await routedCase('by-number', 'billing');
    const first = (await store().getCase(a.caseId))!;
    h.clock.advanceMinutes(5);
    expect(await h.say('by-number', `About ${first.number.toLowerCase()}: any news?`)).toMatchObject({ kind: 'joined', caseId: a.caseId });
    expect(b.caseId).not.toBe(a.caseId);
  });

  it('asks which case when two open cases could take the message, and files it where the customer picks', async () => {
    const a = await routedCase('ambiguous');
    h.clock.advanceMinutes(5);
    const b = await routedCase('ambiguous', 'billing');
    h.clock.advanceMinutes(5);
    const asked = await h.say('ambiguous', 'any news?');
    expect(asked.kind).toBe('choice_asked');
    if (asked.kind !== 'choice_asked') return;
    const seen = await h.deliver();
    const question = toCustomer(seen, 'ambiguous').at(-1)!;
    expect(question.actions?.kind).toBe('case_choice');
    if (question.actions?.kind !== 'case_choice') return;
    const [caseA, caseB] = [(await store().getCase(a.caseId))!, (await store().getCase(b.caseId))!];
    expect(question.actions.options.map((o) => o.caseId)).toEqual(expect.arrayContaining([a.caseId, b.caseId, null]));
    expect(question.actions.options.find((o) => o.caseId === a.caseId)?.label).toContain(caseA.number);
    expect(question.actions.options.find((o) => o.caseId === null)?.label).toBe('A new problem');
    // Nothing filed yet; stored all the same.
    expect((await store().listMessages(b.caseId)).some((m) => m.text === 'any news?')).toBe(false);
    // Only that customer may answer.
    await expect(h.runtime.desk.chooseCase({ platform: 'local', userId: 'someone-else' }, asked.unfiledId, b.caseId)).rejects.toMatchObject({ code: 'not_permitted' });
    const filed = await h.runtime.desk.chooseCase({ platform: 'local', userId: 'ambiguous' }, asked.unfiledId, b.caseId);
    expect(filed.caseId).toBe(b.caseId);
    expect((await store().listMessages(b.caseId)).some((m) => m.text === 'any news?' && m.direction === 'inbound')).toBe(true);
    expect((await store().listMessages(a.caseId)).some((m) => m.text === 'any news?')).toBe(false);
    // A second click does nothing new.
    expect(await h.runtime.desk.chooseCase({ platform: 'local', userId: 'ambiguous' }, asked.unfiledId, a.caseId)).toMatchObject({ caseId: b.caseId });
    const notes = (await h.deliver()).filter((d) => d.kind === 'card_note' && d.caseId === b.caseId);
    expect(notes.some((n) => n.text.includes('any news?'))).toBe(true);
    expect(caseB.number).toMatch(/^CMP-/);
  });

  it('asks in the customer\'s language and opens a new case when they say it is a new problem', async () => {
    await routedCase('ambiguous-zh');
    h.clock.advanceMinutes(5);
    await routedCase('ambiguous-zh', 'billing');
    h.clock.advanceMinutes(5);
    const asked = await h.say('ambiguous-zh', '请问处理得怎么样了？');
    if (asked.kind !== 'choice_asked') throw new Error(asked.kind);
    const question = toCustomer(await h.deliver(), 'ambiguous-zh').at(-1)!;
    expect(question.text).toContain('哪一个');
    expect(question.actions?.kind === 'case_choice' && question.actions.options.at(-1)?.label).toBe('这是一个新问题');
    const filed = await h.runtime.desk.chooseCase({ platform: 'local', userId: 'ambiguous-zh' }, asked.unfiledId, null);
    const opened = (await store().getCase(filed.caseId))!;
    expect(opened.summary).toBe('请问处理得怎么样了？');
  });

  it('keeps an answer to a staff question out of the evidence dialogue: no photo asked again, shown as the answer', async () => {
    const r = await h.say('urgent-ask', 'The toaster sparks when I switch it on!! order T-5566');
    if (r.kind !== 'created') throw new Error(r.kind);
    const before = (await store().getCase(r.caseId))!;
    expect(before.evidenceAskedKey).toBeTruthy();
    await h.deliver();
    await h.runtime.desk.claimCase(wang, r.caseId);
    await h.runtime.desk.askCustomer(wang, r.caseId, 'Is anyone hurt?');
    await h.deliver();
    h.clock.advanceMinutes(20);
    expect(await h.say('urgent-ask', 'No, nobody was hurt')).toMatchObject({ kind: 'joined', caseId: r.caseId });
    const seen = await h.deliver();
    const evidenceQuestion = before.evidenceAskedKey!;
    const asked = h.runtime.ctx.settings.evidence.requirements[evidenceQuestion]!.question.en;
    expect(toCustomer(seen, 'urgent-ask').some((d) => d.text === asked)).toBe(false);
    expect(seen.find((d) => d.kind === 'card_note')?.text).toContain('replied to 王芳\'s question “Is anyone hurt?”: No, nobody was hurt');
    expect((await store().getCase(r.caseId))!.evidenceAskedKey).toBe(evidenceQuestion);
    // It was still checked for evidence: a photo sent with the next answer counts.
  });

  it('stores a message that is not a complaint and shows it on the case opened later', async () => {
    expect(await h.say('greeter', 'hello, is anyone there?')).toMatchObject({ kind: 'not_a_complaint' });
    const reply = toCustomer(await h.deliver(), 'greeter').at(-1)!;
    expect(reply.text).toContain('describe it');
    h.clock.advanceHours(5);
    const c = await routedCase('greeter');
    const messages = await store().listMessages(c.caseId);
    expect(messages.filter((m) => m.direction === 'inbound').map((m) => m.text)).toContain('hello, is anyone there?');
    expect((await h.runtime.desk.caseView(c.caseId)).earlierMessages).toEqual(['hello, is anyone there?']);
  });

  it('links a second report of the same order and problem from another conversation instead of duplicating it', async () => {
    const text = 'The blender I bought arrived with a cracked jug, order number ORD-55500111. Phone 13812345678. I want a replacement.';
    const a = await h.say('twice', text, { attachments: [photo] });
    h.clock.advanceMinutes(10);
    const b = await h.say('twice', text, { attachments: [photo], channelId: 'support-channel', isPrivate: false, threadId: 'thread-9' });
    if (a.kind !== 'created' || b.kind !== 'created') throw new Error(`${a.kind} ${b.kind}`);
    const second = (await store().getCase(b.caseId))!;
    expect(second.relatedCaseId).toBe(a.caseId);
    const seen = await h.deliver();
    expect(seen.some((d) => d.caseId === b.caseId && d.audience.startsWith('customer') && d.text.includes(a.caseNumber))).toBe(true);
    expect((await h.runtime.desk.caseView(b.caseId)).relatedCaseNumber).toBe(a.caseNumber);
  });
});
