import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpServer, readBody, requestIdOf, sendJson, type RequestLogEntry } from '../../../src/http/http-server.js';

/** The bot's one HTTP server on a loopback port: routing, request ids, the access log, body limits. */
describe('HttpServer (node:http on loopback)', () => {
  const answered: RequestLogEntry[] = [];
  const seenIds: (string | undefined)[] = [];
  let http: HttpServer;
  let base: string;

  beforeAll(async () => {
    http = new HttpServer(() => {}, (e) => answered.push(e));
    http.route('/echo', async (req, res) => {
      seenIds.push(requestIdOf(req));
      sendJson(res, 200, { bytes: (await readBody(req, 16)).length });
    });
    http.route('/boom', () => {
      throw new Error('handler bug');
    });
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(() => http.close());

  it('gives every request an id, keeps a sane caller id, and logs the answer', async () => {
    const own = await fetch(`${base}/echo`, { method: 'POST', body: 'hi' });
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const theirs = await fetch(`${base}/echo`, { method: 'POST', body: 'hi', headers: { 'x-request-id': 'lb-42' } });
    expect(theirs.headers.get('x-request-id')).toBe('lb-42');
    const hostile = await fetch(`${base}/echo`, { method: 'POST', body: 'hi', headers: { 'x-request-id': 'a b\u00e9<script>' } });
    expect(hostile.headers.get('x-request-id')).not.toContain('<');
    expect(seenIds[1]).toBe('lb-42');
    expect(answered.find((e) => e.requestId === 'lb-42')).toMatchObject({ method: 'POST', path: '/echo', status: 200 });
  });

  it('answers unknown paths 404, a handler bug 500, an oversized body 413 without buffering it', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/boom`)).status).toBe(500);
    const big = await fetch(`${base}/echo`, { method: 'POST', body: 'x'.repeat(64) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { message: string }).message).toContain('larger than 16 bytes');
    expect(answered.some((e) => e.path === '/nope' && e.status === 404)).toBe(true);
  });
});
