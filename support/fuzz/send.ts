import { type Agent, request } from 'node:http';
import type { HostileRequest } from './hostile-requests.js';

/** An HTTP status, or the name of the transport failure when no answer arrived (reset, timeout). */
export type Outcome = { status: number; reason: string } | { status: 'no answer'; reason: string };

/**
 * Sends one request with node:http rather than fetch, so the exact bytes and headers go out
 * (no content-type added, invalid UTF-8 kept) and an early answer to an oversized body
 * (413 before the upload ends) is still read.
 */
export function send(baseUrl: string, req: HostileRequest, agent: Agent, timeoutMs = 15_000): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Outcome) => {
      if (!settled) (settled = true), resolve(o);
    };
    const url = new URL(req.path, baseUrl);
    const r = request(url, { method: req.method, agent, headers: { ...req.headers, 'content-length': String(req.body.length) }, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.length < 8 && chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, reason: reasonOf(Buffer.concat(chunks).toString('utf8'), res.statusMessage) }));
      res.on('error', () => done({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '' }));
    });
    r.on('timeout', () => {
      r.destroy();
      done({ status: 'no answer', reason: 'timeout' });
    });
    // A server that answers early and closes may reset the upload; the answer, if read, wins.
    r.on('error', (err: NodeJS.ErrnoException) => done({ status: 'no answer', reason: err.code ?? err.message }));
    r.end(req.body);
  });
}

/** The JSON `error` field the bot's own handlers send, else the HTTP reason phrase. */
function reasonOf(body: string, statusMessage: string | undefined): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'error' in parsed && typeof parsed.error === 'string') return parsed.error;
  } catch {
    // Bolt's refusals have no body.
  }
  return statusMessage ?? '';
}

/** Runs `work` over 0..count-1 with at most `limit` in flight. */
export async function inPool(count: number, limit: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, lane));
}
