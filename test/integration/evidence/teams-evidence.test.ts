// Customers' Teams files reach staff: the inbox worker downloads each from the attachment's
// download URL, the case card opens the bot's own signed /evidence route. botbuilder's real
// CloudAdapter and real databases; only the Bot Connector and the file host are a local fake.
import { randomBytes } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import type { TeamsUser } from '../../helpers/fake-bot-connector.js';
import { withTeamsAdapter } from '../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const MAX_BYTES = 32 * 1024;
const TTL_MS = 3_600_000;

describeOnDatabases('Teams evidence files', (db) => {
  const desk = withTeamsAdapter({ database: db, evidence: { maxBytes: MAX_BYTES, links: { secret: 'teams-evidence-secret-0123456789abcdef', publicUrl: 'https://desk.example.com/', ttlMs: TTL_MS } } });
  let seq = 0;

  beforeAll(async () => {
    expect((await desk.post(desk.activities.installedInTeam(wang, QUALITY))).status).toBeLessThan(300);
  });

  async function complainWith(attachments: Record<string, unknown>[]) {
    const customer: TeamsUser = { id: `29:1evidence-${++seq}`, aadObjectId: `aad-evidence-${seq}`, name: 'Lee Mei' };
    expect((await desk.post(desk.activities.personal(customer, 'The kettle I bought leaks, order 20261116-8871, call me on 13812345678', { attachments }))).status).toBe(200);
    await desk.settle();
    return desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: desk.activities.personalChatId(customer) } });
  }

  /** The card as staff see it now: its last edit, else the post that made it. */
  async function card(caseId: string): Promise<string> {
    const id = (await desk.h.runtime.cards.get(caseId, 'teams'))!.messageId;
    const edit = desk.connector.updates().filter((u) => u.activityId === id).at(-1);
    const first = desk.connector.sent(QUALITY).find((c) => c.answer?.id === id);
    return JSON.stringify((edit ?? first)!.body.attachments);
  }
  const linksIn = (cardJson: string) =>
    [...cardJson.matchAll(/"type":"Action\.OpenUrl","title":"([^"]+)","url":"(https:\/\/desk\.example\.com\/evidence\/[^"]+)"/g)].map((m) => ({ title: m[1], url: m[2]! }));
  const open = (link: string, mutate: (u: URL) => void = () => {}) => {
    const u = new URL(link);
    mutate(u);
    return fetch(`${desk.base}${u.pathname}${u.search}`);
  };

  it('downloads a file sent in a personal chat once and opens it from the card as a download of the same bytes', async () => {
    const bytes = randomBytes(2048);
    const c = await complainWith([desk.connector.hostFile('uniq-receipt', '收据.pdf', bytes, 'application/pdf')]);
    expect(desk.connector.fileRequests.filter((p) => p.includes('uniq-receipt'))).toHaveLength(1);
    const links = linksIn(await card(c.id));
    expect(links.map((l) => l.title)).toEqual(['📎 收据.pdf']);
    // Not Teams' short-lived download URL: the bot's own signed route.
    expect(links[0]!.url).toMatch(/^https:\/\/desk\.example\.com\/evidence\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]+$/);
    const res = await open(links[0]!.url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('收据.pdf')}`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');

    const tampered = await open(links[0]!.url, (u) => u.searchParams.set('sig', 'A'.repeat(43)));
    expect(tampered.status).toBe(403);
    desk.h.clock.advance(TTL_MS + 1000);
    const expired = await open(links[0]!.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/);
  });

  it('records a file over the limit as too large and shows it so, without a link', async () => {
    const c = await complainWith([desk.connector.hostFile('uniq-video', 'unboxing.mp4', randomBytes(MAX_BYTES + 1), 'video/mp4')]);
    const row = await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } });
    expect(row).toMatchObject({ state: 'too_large', content: null });
    const json = await card(c.id);
    expect(json).toContain('unboxing.mp4 — too large to keep');
    expect(linksIn(json)).toEqual([]);
  });

  it('makes the case although the download fails, marks the file not fetched, and links it after a retry', async () => {
    desk.connector.failFileDownloads = 1;
    const bytes = randomBytes(700);
    const c = await complainWith([desk.connector.hostFile('uniq-crack', 'crack.png', bytes, 'image/png')]);
    expect(c.status).toBe('routed');
    expect(await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } })).toMatchObject({ state: 'failed', reason: 'the file server answered HTTP 503' });
    expect(await card(c.id)).toContain('crack.png — could not be fetched (the file server answered HTTP 503); the desk tries again');
    desk.h.clock.advanceMinutes(2);
    await desk.settle();
    const [link] = linksIn(await card(c.id));
    expect(Buffer.from(await (await open(link!.url)).arrayBuffer()).equals(bytes)).toBe(true);
  });
});
