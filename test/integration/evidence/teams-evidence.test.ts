// Customers' Teams files reach staff: the inbox worker downloads each from the attachment's
// download URL, the case card opens the bot's own signed /evidence route. botbuilder's real
// CloudAdapter and real databases; only the Bot Connector, the file host and (authenticated)
// Microsoft's login and signing keys are local fakes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { FakeBotConnector, type TeamsUser } from '../../helpers/fake-bot-connector.js';
import { type TeamsDesk, withTeamsAdapter } from '../../helpers/teams-fixture.js';

const QUALITY = '19:quality@thread.tacv2';
const wang: TeamsUser = { id: '29:1wang', aadObjectId: 'aad-wang-fang', name: '王芳' };
const MAX_BYTES = 32 * 1024;
const TTL_MS = 3_600_000;

/** Complaints with attachments, and the case card as staff see it, for one Teams desk. */
function evidenceDesk(desk: TeamsDesk) {
  let seq = 0;

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

  return { complainWith, card, linksIn, open };
}

describeOnDatabases('Teams evidence files', (db) => {
  const desk = withTeamsAdapter({ database: db, evidence: { maxBytes: MAX_BYTES, links: { secret: 'teams-evidence-secret-0123456789abcdef', publicUrl: 'https://desk.example.com/', ttlMs: TTL_MS } } });
  const { complainWith, card, linksIn, open } = evidenceDesk(desk);

  beforeAll(async () => {
    expect((await desk.post(desk.activities.installedInTeam(wang, QUALITY))).status).toBeLessThan(300);
  });

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

  it('fetches an image pasted into a chat without a token when authentication is off (local dev)', async () => {
    const bytes = randomBytes(900);
    const image = desk.connector.hostPastedImage('0-local-paste', bytes);
    const c = await complainWith([image]);
    expect(await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } })).toMatchObject({ state: 'stored', contentType: 'image/png' });
    expect(desk.connector.downloads.filter((d) => String(image.contentUrl).endsWith(d.path))).toEqual([{ path: '/v3/attachments/0-local-paste/views/original', authorization: undefined }]);
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

describeOnDatabases('Teams evidence files, with Bot Framework authentication', (db) => {
  const desk = withTeamsAdapter({ database: db, authenticated: true, evidence: { maxBytes: MAX_BYTES, links: { secret: 'teams-evidence-secret-0123456789abcdef', publicUrl: 'https://desk.example.com/', ttlMs: TTL_MS } } });
  const { complainWith, card, linksIn, open } = evidenceDesk(desk);
  // Where a personal-chat upload's downloadUrl points (SharePoint/OneDrive in Teams): another host than the serviceUrl.
  const fileHost = new FakeBotConnector();

  beforeAll(async () => {
    await fileHost.start();
    expect((await desk.post(desk.activities.installedInTeam(wang, QUALITY))).status).toBeLessThan(300);
  });
  afterAll(() => fileHost.stop());

  const storedFiles = (caseId: string) => desk.h.runtime.db.prisma.evidenceFile.findMany({ where: { evidence: { some: { caseId } } }, orderBy: { fileName: 'asc' } });
  const botTokens = () => desk.login!.tokens().map((t) => `Bearer ${t}`);

  it('stores an image pasted into a chat, fetched from the Bot Connector with the bot token, and staff open it from the card', async () => {
    const bytes = randomBytes(1500);
    // Teams sends the pasted image and an HTML copy of the message that shows it.
    const c = await complainWith([desk.connector.hostPastedImage('0-wus-d4-paste-1', bytes), { contentType: 'text/html', content: '<p>The kettle leaks</p><img src="…">' }]);
    expect(await storedFiles(c.id)).toMatchObject([{ state: 'stored', contentType: 'image/png', size: bytes.length }]);
    const downloads = desk.connector.downloads.filter((d) => d.path.includes('0-wus-d4-paste-1'));
    expect(downloads).toHaveLength(1);
    expect(botTokens()).toContain(downloads[0]!.authorization);
    const links = linksIn(await card(c.id));
    expect(links).toHaveLength(1);
    const res = await open(links[0]!.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("sends the bot token to the conversation's Bot Connector only, never to a file upload's downloadUrl host", async () => {
    const image = randomBytes(800);
    const receipt = randomBytes(600);
    const c = await complainWith([desk.connector.hostPastedImage('0-wus-d4-paste-2', image), fileHost.hostFile('uniq-signed-receipt', 'receipt.pdf', receipt, 'application/pdf')]);
    expect((await storedFiles(c.id)).map((f) => [f.fileName, f.state])).toEqual([
      ['attachment-1', 'stored'],
      ['receipt.pdf', 'stored'],
    ]);
    expect(botTokens()).toContain(desk.connector.downloads.find((d) => d.path.includes('0-wus-d4-paste-2'))?.authorization);
    expect(fileHost.downloads).toEqual([{ path: '/personal/files/uniq-signed-receipt/receipt.pdf', authorization: undefined }]);
  });
});
