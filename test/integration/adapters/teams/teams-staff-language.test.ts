// What the Teams bot tells a staff member about a card they pressed is in their staff[].language:
// Wu Hao reads Simplified Chinese, Wang Fang the desk's English. Real botbuilder CloudAdapter, real
// PGlite; only the Bot Connector at `serviceUrl` is a local fake.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const SECURITY = '19:security@thread.tacv2';
const wu: TeamsUser = { id: '29:1wu', aadObjectId: 'aad-wu-hao', name: '吴昊' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const channel = { id: SECURITY, conversationType: 'channel' };

describe('Teams: card answers in the staff member’s language', () => {
  const desk = withTeamsAdapter();

  it('says what is missing from a card form, or that a button is unknown, in the clicker’s language', async () => {
    const caseId = randomUUID();
    const zh = await desk.invoke(wu, channel, 'update', { caseId, updateText: '  ' });
    expect(JSON.stringify(zh.value)).toContain('请先填写进度');
    const en = await desk.invoke(wang, channel, 'update', { caseId, updateText: '  ' });
    expect(JSON.stringify(en.value)).toContain('Write the update first');
    expect(JSON.stringify((await desk.invoke(wu, channel, 'reassign', { caseId })).value)).toContain('请选择新负责人');
    expect(JSON.stringify((await desk.invoke(wu, channel, 'delete_everything', { caseId })).value)).toContain('机器人不认识这个按钮');
  });
});
