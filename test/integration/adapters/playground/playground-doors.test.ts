// The real HTTP server on loopback, real PGlite; requests forged with node's http client (which, unlike fetch, lets a test set Host).
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { MONDAY_10AM_SHANGHAI } from '../../../helpers/desk-harness.js';
import { withPlayground } from '../../../helpers/playground-fixture.js';

interface Sent {
  status: number;
  body: Record<string, unknown>;
}

function send(o: { host: string; port: number; path: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request({ host: o.host, port: o.port, path: o.path, method: o.method ?? 'GET', headers: o.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, body: res.headers['content-type']?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : { text } });
      });
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const slackComplaint = (ts: string) => ({
  platform: 'slack' as const,
  messageId: `D0REAL:${ts}`,
  customer: { userId: 'U0REAL', displayName: 'Real customer', contact: '13800138000' },
  conversation: { channelId: 'D0REAL', threadId: null, isPrivate: true },
  text: 'My order 12345678 arrived broken, call me on 13800138000',
  attachments: [],
  receivedAt: new Date(MONDAY_10AM_SHANGHAI),
});

describe('the playground answers only its own page on this machine', () => {
  // 0.0.0.0, as a careless deployment would: the playground itself must still refuse other machines.
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI, host: '0.0.0.0' });
  const own = () => ({ host: '127.0.0.1', port: playground.port, headers: { host: `127.0.0.1:${playground.port}` } });
  const json = (body: unknown, extra: Record<string, string> = {}) => ({ method: 'POST', body: JSON.stringify(body), headers: { host: `127.0.0.1:${playground.port}`, 'content-type': 'application/json', ...extra } });

  it('serves its own page and accepts JSON from its own origin', async () => {
    expect((await send({ ...own(), path: '/playground' })).status).toBe(200);
    const ok = await send({ ...own(), path: '/playground/api/customer-messages', ...json({ customerId: 'li-lei', displayName: '李雷', text: 'order 12345678 broken' }, { origin: `http://127.0.0.1:${playground.port}` }) });
    expect(ok.status).toBe(202);
    const viaLocalhost = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/setup', headers: { host: `localhost:${playground.port}` } });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin (a page elsewhere), even on loopback', async () => {
    const rebound = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/cases', headers: { host: `attacker.example:${playground.port}` } });
    expect(rebound.status).toBe(403);
    const otherPort = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/cases', headers: { host: `127.0.0.1:${playground.port + 1}` } });
    expect(otherPort.status).toBe(403);
    const before = await playground.runtime.db.prisma.inboxMessage.count();
    const csrf = await send({ ...own(), path: '/playground/api/customer-messages', ...json({ customerId: 'x', displayName: 'x', text: 'hi' }, { origin: 'https://evil.example' }) });
    expect(csrf.status).toBe(403);
    const nullOrigin = await send({ ...own(), path: '/playground/api/customer-messages', ...json({ customerId: 'x', displayName: 'x', text: 'hi' }, { origin: 'null' }) });
    expect(nullOrigin.status).toBe(403);
    expect(await playground.runtime.db.prisma.inboxMessage.count()).toBe(before);
  });

  it('refuses POSTs that are not application/json with 415 (a form or text/plain post needs no CORS preflight)', async () => {
    const before = await playground.runtime.db.prisma.inboxMessage.count();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const res = await send({ ...own(), path: '/playground/api/customer-messages', method: 'POST', headers: { host: `127.0.0.1:${playground.port}`, 'content-type': type }, body: JSON.stringify({ customerId: 'x', displayName: 'x', text: 'hi' }) });
      expect(res.status, type).toBe(415);
    }
    const clock = await send({ ...own(), path: '/playground/api/clock', method: 'POST', headers: { host: `127.0.0.1:${playground.port}`, 'content-type': 'text/plain' }, body: '{"advanceMinutes":1440}' });
    expect(clock.status).toBe(415);
    expect(await playground.runtime.db.prisma.inboxMessage.count()).toBe(before);
  });

  it('refuses clients that are not on this machine', async (ctx) => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return ctx.skip('this machine has no non-loopback IPv4 address to connect from');
    const res = await send({ host: external.address, port: playground.port, path: '/playground/api/cases', headers: { host: `127.0.0.1:${playground.port}` } });
    expect(res.status).toBe(403);
    expect(String(res.body.message)).toMatch(/this machine/);
  });
});

describe('the playground forced next to real platform credentials', () => {
  // As main.ts attaches it with PLAYGROUND=force: no clock, only its own cases.
  const playground = withPlayground({ startAt: MONDAY_10AM_SHANGHAI, movableClock: false, onlyLocalCases: true });
  let slackCase = '';
  const headers = () => ({ host: `127.0.0.1:${playground.port}`, 'content-type': 'application/json' });

  beforeAll(async () => {
    const outcome = await playground.runtime.desk.receiveCustomerMessage(slackComplaint('1.1'));
    slackCase = 'caseNumber' in outcome ? outcome.caseNumber : '';
  });

  it('lists and shows only playground cases, and cannot act on a real one', async () => {
    expect(slackCase).toMatch(/^CMP-/);
    const mine = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/customer-messages', method: 'POST', headers: headers(), body: JSON.stringify({ customerId: 'han-mei', displayName: '韩梅', text: 'order 87654321 never came' }) });
    expect(mine.status).toBe(202);
    while ((await playground.runtime.inboxWorker.drainOnce()) > 0);
    const list = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/cases', headers: { host: `127.0.0.1:${playground.port}` } });
    const numbers = (list.body.cases as { number: string }[]).map((c) => c.number);
    expect(numbers).toHaveLength(1);
    expect(numbers).not.toContain(slackCase);
    const shown = await send({ host: '127.0.0.1', port: playground.port, path: `/playground/api/cases/${slackCase}`, headers: { host: `127.0.0.1:${playground.port}` } });
    expect(shown.status).toBe(404);
    expect(JSON.stringify(shown.body)).not.toContain('13800138000');
    const slack = await playground.runtime.desk.findCase(slackCase);
    const outboxBefore = await playground.runtime.db.prisma.outboxMessage.count({ where: { platform: 'slack' } });
    const reply = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/staff-actions', method: 'POST', headers: headers(), body: JSON.stringify({ action: 'reply', actor: 'wang-fang', caseId: slack!.id, text: 'we will refund you' }) });
    expect(reply.status).toBe(404);
    expect(await playground.runtime.db.prisma.outboxMessage.count({ where: { platform: 'slack' } })).toBe(outboxBefore);
  });

  it('cannot move the clock', async () => {
    const res = await send({ host: '127.0.0.1', port: playground.port, path: '/playground/api/clock', method: 'POST', headers: headers(), body: JSON.stringify({ advanceMinutes: 1440 }) });
    expect(res.status).toBe(403);
  });
});
