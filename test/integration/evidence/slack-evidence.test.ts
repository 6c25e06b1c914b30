// Customers' Slack files reach staff: the inbox worker downloads each with the bot token, the
// case card links the bot's own signed /evidence route. Real Bolt receiver with signed
// requests and real databases; only Slack's Web API and file host are a local fake.
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { anonymiseClosedCases, eraseCustomer } from '../../../src/persistence/personal-data.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { withSlackAdapter } from '../../helpers/slack-fixture.js';
import { nextTs } from '../../helpers/slack-requests.js';

const QUALITY = 'C0QUALITY';
const PUBLIC_URL = 'https://desk.example.com';
const MAX_BYTES = 64 * 1024;
const TTL_MS = 3_600_000;

describeOnDatabases('Slack evidence files', (db) => {
  const desk = withSlackAdapter({ database: db, evidence: { maxBytes: MAX_BYTES, links: { secret: 'test-evidence-secret-0123456789abcdef', publicUrl: PUBLIC_URL, ttlMs: TTL_MS } } });
  let dmSeq = 0;

  /** A customer's DM with files; answers the case it became. */
  async function complainWith(files: Record<string, unknown>[]) {
    const dm = `D0EVIDENCE${++dmSeq}`;
    const res = await desk.sendEvent({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      channel: dm,
      user: `U0CUST${dmSeq}`,
      ts: nextTs(),
      text: 'The kettle I bought leaks, order K-20261. Phone 13812345678',
      files,
    });
    expect(res.status).toBe(200);
    await desk.settle();
    return desk.h.runtime.db.prisma.case.findFirstOrThrow({ where: { channelId: dm } });
  }

  /** The card as staff see it now: the last post or edit of it in the department channel. */
  async function cardText(caseId: string): Promise<string> {
    const ts = (await desk.h.runtime.cards.get(caseId, 'slack'))!.messageId;
    const edits = desk.api.callsTo('chat.update').filter((u) => u.ts === ts);
    const card = edits.at(-1) ?? desk.api.callsTo('chat.postMessage').find((p) => p.channel === QUALITY && JSON.stringify(p.blocks ?? '').includes(caseId));
    return JSON.stringify(card!.blocks);
  }

  /** Evidence links on the card, `&amp;` as Slack reads it. */
  const linksIn = (blocks: string) => [...blocks.matchAll(/<(https:\/\/desk\.example\.com\/evidence\/[^|>]+)\|/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  const open = (link: string, mutate: (u: URL) => void = () => {}) => {
    const u = new URL(link);
    mutate(u);
    return fetch(`${desk.base}${u.pathname}${u.search}`);
  };

  it("downloads a customer's file once with the bot token, links it on the card, and serves the same bytes as a download", async () => {
    const bytes = randomBytes(3000);
    const c = await complainWith([desk.api.hostFile('F0PHOTO', 'leak photo.jpg', bytes, 'image/jpeg')]);
    const downloads = desk.api.fileRequests.filter((r) => r.path.includes('F0PHOTO'));
    expect(downloads).toEqual([{ path: '/files-pri/T0ACME-F0PHOTO/download/leak%20photo.jpg', authorization: 'Bearer xoxb-test' }]);
    const blocks = await cardText(c.id);
    // Staff cannot open the customer's DM: the card links the bot's own route, never Slack's.
    expect(blocks).not.toContain('files-pri');
    const [link] = linksIn(blocks);
    expect(link).toMatch(/^https:\/\/desk\.example\.com\/evidence\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]+$/);
    const res = await open(link!);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="leak photo.jpg"; filename*=UTF-8''leak%20photo.jpg`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const row = await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } });
    expect(row).toMatchObject({ state: 'stored', size: 3000, contentType: 'image/jpeg' });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a tampered or expired link with 403 and says nothing about the case', async () => {
    const c = await complainWith([desk.api.hostFile('F0SIGNED', 'receipt.png', randomBytes(500), 'image/png')]);
    const [link] = linksIn(await cardText(c.id));
    const tampered = await open(link!, (u) => u.searchParams.set('sig', `${u.searchParams.get('sig')!.slice(0, -2)}AA`));
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toBe('This evidence link is not valid.');
    const later = await open(link!, (u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 86_400)));
    expect(later.status).toBe(403);
    const other = await open(link!, (u) => (u.pathname = u.pathname.replace(/[0-9a-f]{12}$/, '000000000000')));
    expect(other.status).toBe(403);
    desk.h.clock.advance(TTL_MS + 1000);
    const expired = await open(link!);
    expect(expired.status).toBe(403);
    const text = await expired.text();
    expect(text).toMatch(/expired/);
    expect(text).not.toContain(c.number);
    expect(expired.headers.get('content-disposition')).toBeNull();
  });

  it('keeps no file over EVIDENCE_MAX_BYTES and tells staff to ask the customer', async () => {
    const announced = desk.api.hostFile('F0HUGE', 'video.mp4', randomBytes(MAX_BYTES + 2000), 'video/mp4');
    // A size Slack does not announce: the download itself is cut off at the limit.
    const unannounced = { ...desk.api.hostFile('F0BIG', 'scan.pdf', randomBytes(MAX_BYTES + 10), 'application/pdf'), size: undefined };
    const c = await complainWith([announced, unannounced]);
    expect(desk.api.fileRequests.some((r) => r.path.includes('F0HUGE'))).toBe(false);
    const rows = await desk.h.runtime.db.prisma.evidenceFile.findMany({ where: { evidence: { some: { caseId: c.id } } }, orderBy: { fileName: 'asc' } });
    expect(rows.map((r) => [r.fileName, r.state, r.content])).toEqual([
      ['scan.pdf', 'too_large', null],
      ['video.mp4', 'too_large', null],
    ]);
    const blocks = await cardText(c.id);
    expect(blocks).toContain('video.mp4 — too large to keep (66 KB, over the 64 KB limit): ask the customer to send it another way');
    expect(blocks).toContain('scan.pdf — too large to keep');
    expect(linksIn(blocks)).toEqual([]);
  });

  it('makes the case although the file host fails, records why, and links the file once a retry gets it', async () => {
    desk.api.failFileDownloads = 1;
    const bytes = randomBytes(1200);
    const c = await complainWith([desk.api.hostFile('F0FLAKY', 'damage.jpg', bytes, 'image/jpeg')]);
    expect(c.status).toBe('routed');
    const row = await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } });
    expect(row).toMatchObject({ state: 'failed', reason: 'the file server answered HTTP 500', attempts: 1, content: null });
    expect(await cardText(c.id)).toContain('damage.jpg — could not be fetched (the file server answered HTTP 500); the desk tries again');
    // The message is done with: the case does not wait for the file.
    expect(await desk.h.runtime.inboxQueue.pendingCount()).toBe(0);

    desk.h.clock.advanceMinutes(2);
    await desk.settle();
    const [link] = linksIn(await cardText(c.id));
    expect(link).toBeTruthy();
    expect(Buffer.from(await (await open(link!)).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('gives up after a bounded number of attempts and says so', async () => {
    desk.api.failFileDownloads = 100;
    const c = await complainWith([desk.api.hostFile('F0GONE', 'gone.jpg', randomBytes(10), 'image/jpeg')]);
    for (let i = 0; i < 10; i++) {
      desk.h.clock.advanceMinutes(30);
      await desk.settle();
    }
    desk.api.failFileDownloads = 0;
    const row = await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } });
    expect(row).toMatchObject({ state: 'failed', attempts: desk.h.runtime.evidence.maxAttempts, nextAttemptAt: null });
    expect(desk.api.fileRequests.filter((r) => r.path.includes('F0GONE'))).toHaveLength(desk.h.runtime.evidence.maxAttempts);
    expect(await cardText(c.id)).toContain('gone.jpg — could not be fetched (the file server answered HTTP 500); ask the customer to send it again');
  });

  it("deletes kept files with the case's personal data: on retention and on the customer's erasure request", async () => {
    const retained = await complainWith([desk.api.hostFile('F0OLD', 'old.jpg', randomBytes(100), 'image/jpeg')]);
    const erased = await complainWith([desk.api.hostFile('F0ERASE', 'mine.jpg', randomBytes(100), 'image/jpeg')]);
    const [oldLink] = linksIn(await cardText(retained.id));
    const [erasedLink] = linksIn(await cardText(erased.id));
    const fileOf = (caseId: string) => desk.h.runtime.db.prisma.evidence.findFirstOrThrow({ where: { caseId, storedFileId: { not: null } } });
    const oldFile = (await fileOf(retained.id)).storedFileId!;
    const erasedFile = (await fileOf(erased.id)).storedFileId!;

    // Closed long ago (set directly: the lifecycle to closed is not what this test is about).
    await desk.h.runtime.db.prisma.case.update({ where: { id: retained.id }, data: { status: 'closed', closedAt: new Date(desk.h.clock.now().getTime() - 400 * 86_400_000) } });
    const r = await anonymiseClosedCases(desk.h.runtime.db.prisma, { closedBefore: new Date(desk.h.clock.now().getTime() - 365 * 86_400_000), at: desk.h.clock.now() });
    expect(r.files).toBeGreaterThanOrEqual(1);
    expect(await desk.h.runtime.db.prisma.evidenceFile.findUnique({ where: { id: oldFile } })).toBeNull();
    expect((await open(oldLink!)).status).toBe(404);

    const customer = await desk.h.runtime.db.prisma.customer.findUniqueOrThrow({ where: { id: erased.customerId } });
    const e = await eraseCustomer(desk.h.runtime.db.prisma, { platform: 'slack', userId: customer.platformUserId }, { at: desk.h.clock.now(), actor: 'test' });
    expect(e?.files).toBe(1);
    expect(await desk.h.runtime.db.prisma.evidenceFile.findUnique({ where: { id: erasedFile } })).toBeNull();
    const gone = await open(erasedLink!);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe('This evidence file is no longer kept.');
  });

  it('sends the bot token to no host but Slack’s', async () => {
    const c = await complainWith([{ id: 'F0EVIL', name: 'x.jpg', mimetype: 'image/jpeg', url_private_download: 'https://attacker.example/steal' }]);
    const row = await desk.h.runtime.db.prisma.evidenceFile.findFirstOrThrow({ where: { evidence: { some: { caseId: c.id } } } });
    expect(row.state).toBe('failed');
    expect(row.reason).toMatch(/not a Slack file URL/);
  });
});
