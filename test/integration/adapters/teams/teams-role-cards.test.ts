// What staff see is what they can do (issue 16.3), through botbuilder's real CloudAdapter with a
// local Bot Connector, the real outbox and PGlite. The channel card offers what everyone in the
// department may do and asks Teams to refresh it, for each of the department's staff, into a
// card of their own (Universal Actions user-specific views).
import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { exampleConfig } from '../../../helpers/desk-harness.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const customer: TeamsUser = { id: '29:1customer-ho', aadObjectId: 'aad-customer-ho', name: 'Ho Man' };
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' }; // agent, quality
const chen: TeamsUser = { id: '29:1chen', aadObjectId: 'aad-chen-jie', name: '陈杰' }; // agent, quality
const liu: TeamsUser = { id: '29:1liu', aadObjectId: 'aad-liu-qiang', name: '刘强' }; // supervisor

type Card = { body?: unknown; refresh?: { action: { verb: string; data: { caseId: string } }; userIds: string[] } };
/** The verbs a card's buttons send, forms included (the refresh is not a button). */
function verbs(card: Card): string[] {
  const found: string[] = [];
  const walk = (el: unknown): void => {
    if (Array.isArray(el)) {
      for (const e of el) walk(e);
      return;
    }
    if (!el || typeof el !== 'object') return;
    const o = el as Record<string, unknown>;
    if (o.type === 'Action.Execute' && typeof o.verb === 'string') found.push(o.verb);
    Object.values(o).forEach(walk);
  };
  walk(card.body);
  return [...new Set(found)];
}

describe('Teams: cards offer what the viewer may do', () => {
  const config = exampleConfig();
  // Quiet hours would hold the supervisor's message until morning; this test is about its buttons.
  config.sla.quietHours = undefined;
  const desk = withTeamsAdapter({ config });

  it('posts a card without Reassign for everyone, refreshed into a supervisor’s card with Reassign and an agent’s without', async () => {
    expect((await desk.post(desk.activities.installedInTeam(wang, QUALITY))).status).toBe(200);
    // The supervisor has chatted with the bot: Teams' own id for him is known.
    expect((await desk.post(desk.activities.installedPersonally(liu))).status).toBe(200);
    const complaint = desk.activities.personal(customer, 'The kettle I bought leaks after two days, order number 20261116-8871. Phone 13812345678.', {
      attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://smba.example/v3/attachments/leak/views/original', name: 'leak.jpg' }],
    });
    expect((await desk.post(complaint)).status).toBe(200);
    await desk.settle();
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow();
    expect(c.status).toBe('routed');

    const [posted] = desk.connector.sent(QUALITY);
    const shared = (posted!.body.attachments as { content: Card }[])[0]!.content;
    expect(verbs(shared)).toEqual(['claim', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    // Refreshed for the department's staff: its agents and the supervisor responsible for it.
    expect(shared.refresh!.action).toMatchObject({ verb: 'refresh_case', data: { caseId: c.id } });
    expect(shared.refresh!.userIds).toEqual(['8:orgid:aad-wang-fang', '8:orgid:aad-chen-jie', liu.id]);

    const location = (await desk.h.runtime.cards.get(c.id, 'teams'))!;
    const channel = { id: `${QUALITY};messageid=${location.messageId}`, conversationType: 'channel' };
    const refreshFor = async (user: TeamsUser) => {
      const res = await desk.post(desk.activities.cardRefresh(user, channel, 'refresh_case', { caseId: c.id }, location.messageId));
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { type: string; value: Card };
      expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
      return answer.value;
    };
    const forLiu = await refreshFor(liu);
    expect(verbs(forLiu)).toContain('reassign');
    expect(forLiu.refresh!.userIds).toEqual(shared.refresh!.userIds); // it stays a user-specific view
    const forWang = await refreshFor(wang);
    expect(verbs(forWang)).toEqual(['claim', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(verbs(forWang)).not.toContain('reassign');

    // A click is answered with the clicker's own card: the owner now has the case's work.
    const claimed = await desk.invoke(wang, channel, 'claim', { caseId: c.id }, location.messageId);
    expect(verbs(claimed.value as Card)).toEqual(expect.arrayContaining(['ask', 'update', 'propose', 'reply', 'escalate']));
    expect(verbs(claimed.value as Card)).not.toContain('reassign');
    await desk.settle();
    // The card everyone sees, updated in place: only what every one of them may do.
    const edit = desk.connector.updates().filter((u) => u.activityId === location.messageId).at(-1)!;
    // The channel's own card names the owner and carries the owner's work; each viewer's refresh narrows it.
    expect(verbs((edit.body.attachments as { content: Card }[])[0]!.content)).toEqual(['ask', 'update', 'propose', 'reply', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    // The other agent's own view has no owner's work; the supervisor's keeps Reassign.
    expect(verbs(await refreshFor(chen))).toEqual(['escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(verbs(await refreshFor(liu))).toEqual(['escalate', 'reassign', 'recategorize', 'mark_urgent', 'link']);
  });

  it('sends the supervisor an escalation with the supervisor’s own buttons, Reassign included', async () => {
    const c = await desk.h.runtime.db.prisma.case.findFirstOrThrow();
    const location = (await desk.h.runtime.cards.get(c.id, 'teams'))!;
    const channel = { id: `${QUALITY};messageid=${location.messageId}`, conversationType: 'channel' };
    await desk.invoke(wang, channel, 'escalate', { caseId: c.id }, location.messageId);
    await desk.settle();
    const toLiu = desk.connector.sent(desk.activities.personalChatId(liu)).filter((m) => String(m.body.text).includes(c.number));
    expect(toLiu.length).toBeGreaterThan(0);
    const card = (toLiu.at(-1)!.body.attachments as { content: Card }[] | undefined)?.[0]?.content;
    expect(verbs(card!)).toContain('reassign');
    expect(verbs(card!)).not.toContain('ask');
  });
});
