// The department's case card is written in the desk's staff language on every platform: the
// real core builds the view on PGlite, the Slack and Teams renderers only lay it out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseCardBlocks } from '../../../src/adapters/slack/blocks/case-card.blocks.js';
import { caseCard } from '../../../src/adapters/teams/cards/case-card.js';
import { createHarness, exampleConfig, type DeskHarness } from '../../helpers/desk-harness.js';

describe('case card in the desk’s staff language', () => {
  let h: DeskHarness;
  let caseId = '';
  beforeAll(async () => {
    const config = exampleConfig();
    config.language = 'zh-Hans';
    // An English-reading owner does not change what the channel reads.
    config.staff = config.staff.map((s) => (s.id === 'wang-fang' ? { ...s, language: 'en' } : s));
    h = await createHarness({ pgliteDataDir: 'memory://' }, config);
    const r = await h.say('card-lang', 'My blender stopped working after two days, the motor just hums. Order number ORD-2026-5512. Phone 13812345678.', { attachments: [{ fileId: 'F1', name: 'x.jpg', mimeType: 'image/jpeg' }] });
    if (r.kind !== 'created') throw new Error(r.kind);
    caseId = r.caseId;
    await h.runtime.desk.claimCase({ platform: 'local', userId: 'wang-fang' }, caseId);
  });
  afterAll(() => h.close());

  // The customer wrote in English, so what they were last told stays English; the card's own words do not.
  it('gives Slack and Teams the same Chinese labels, buttons and clock names', async () => {
    const view = await h.runtime.desk.caseView(caseId);
    expect(view.staffLanguage).toBe('zh-Hans');
    // The owner's buttons (as on Teams' card refreshed for them) are the card's words too.
    const actions = await h.runtime.desk.actionsFor({ platform: 'local', userId: 'wang-fang' }, caseId);
    const slack = JSON.stringify(caseCardBlocks(view, actions, 'U0BOT').blocks);
    const teams = JSON.stringify(caseCard(view, actions, [], []));
    for (const card of [slack, teams]) {
      for (const word of ['状态', '负责人', '时限', '回复客户', '发送进度', '24 小时进度更新', '向客户提供初步方案', '内部备注']) expect(card, word).toContain(word);
      for (const word of ['*Owner*', '"title":"Owner"', 'Post update', 'Reply to customer', '-hour progress update', 'internal notes', 'Write the', 'New owner']) expect(card, word).not.toContain(word);
    }
  });

  it('writes the card thread’s history in the desk’s language, though the owner reads English', async () => {
    const rows = await h.runtime.db.prisma.outboxMessage.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    const notes = rows.map((r) => r.intent as { type: string; text?: string }).filter((i) => i.type === 'card_note').map((i) => i.text);
    expect(notes).toContain('🙋 王芳 已认领');
    expect(notes.join('\n')).not.toContain('Claimed by');
  });
});
