import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One answered request, for the access log. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
}

const requestIds = new WeakMap<IncomingMessage, string>();
/** The id this request is logged under: the caller's `x-request-id` if sane, else a new one. */
export const requestIdOf = (req: IncomingMessage): string | undefined => requestIds.get(req);

/**
 * The bot's one HTTP server. Each adapter mounts its endpoint on a path
 * (/slack/events, /api/messages, the playground); nothing else is routed here.
 */
export class HttpServer {
  private readonly routes: { prefix: string; exact: boolean; handler: RouteHandler }[] = [];
  readonly server: Server;

  constructor(
    private readonly onError: (err: unknown, req: IncomingMessage) => void = () => {},
    private readonly onAnswered: (entry: RequestLogEntry) => void = () => {},
  ) {
    this.server = createServer((req, res) => void this.dispatch(req, res));
    // Slack's 3 s ack window and slow clients: do not keep sockets forever.
    this.server.keepAliveTimeout = 65_000;
    this.server.requestTimeout = 30_000;
  }

  /** `path` matches exactly; `path/*` matches the prefix. */
  route(path: string, handler: RouteHandler): this {
    const exact = !path.endsWith('/*');
    this.routes.push({ prefix: exact ? path : path.slice(0, -2), exact, handler });
    return this;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    requestIds.set(req, requestId);
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.once('finish', () => this.onAnswered({ requestId, method: req.method ?? 'GET', path, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10 }));
    const match = this.routes.find((r) => (r.exact ? path === r.prefix : path === r.prefix || path.startsWith(r.prefix + '/')));
    try {
      if (!match) return refuseUnread(req, res, 404, { error: 'not_found', message: `No route for ${path}` });
      await match.handler(req, res);
    } catch (err) {
      // Errors that carry a 4xx status (an oversized body) are the caller's, not ours.
      const status = (err as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        if (status === 413) res.setHeader('connection', 'close');
        if (!res.headersSent) sendJson(res, status, { error: status === 413 ? 'too_large' : 'bad_request', message: (err as Error).message });
        else res.end();
        return;
      }
      this.onError(err, req);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal_error', message: 'The request could not be handled' });
      else res.end();
    }
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * Stops accepting connections and lets requests already in flight finish; whatever is still
   * open after `graceMs` is cut off, so a stuck client cannot hold the shutdown.
   */
  async close(graceMs = 0): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const cutOff = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.server.closeAllConnections();
        resolve();
      }, graceMs);
    });
    await Promise.race([closed, cutOff]);
    clearTimeout(timer);
    await closed;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

/** Bodies larger than this are refused with 413 (Slack and Bot Framework payloads are far smaller). */
export const MAX_BODY_BYTES = 1_048_576;

/** A sender still writing past this many bytes is cut off rather than read to the end. */
const DISCARD_LIMIT_FACTOR = 8;

/**
 * Reads a request body with a size cap, so a 1 MB+ flood is refused rather than buffered.
 * Past the cap it stops keeping the bytes but reads on to the end before refusing (status 413):
 * answering while the sender is still writing and then closing makes it see a broken pipe
 * instead of the answer. A sender that keeps going past 8× the cap is cut off.
 */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      if (size > DISCARD_LIMIT_FACTOR * maxBytes) {
        req.destroy();
        reject(Object.assign(new Error(`body larger than ${DISCARD_LIMIT_FACTOR * maxBytes} bytes`), { status: 413 }));
      }
    });
    req.on('end', () => (size <= maxBytes ? resolve(Buffer.concat(chunks)) : reject(Object.assign(new Error(`body larger than ${maxBytes} bytes`), { status: 413 }))));
    req.on('error', reject);
  });
}

/**
 * Answers a request the handler refuses from its headers alone (wrong method, expired
 * timestamp, no route) after reading and discarding its body, for the same reason as readBody:
 * an answer sent while the sender is still writing reaches it as a broken pipe.
 */
export async function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): Promise<void> {
  await discardBody(req);
  if (!res.destroyed) sendJson(res, status, body);
}

function discardBody(req: IncomingMessage, limit = DISCARD_LIMIT_FACTOR * MAX_BODY_BYTES): Promise<void> {
  return new Promise((resolve) => {
    if (req.complete || req.destroyed) return resolve();
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) req.destroy();
    });
    req.once('end', () => resolve());
    req.once('close', () => resolve());
    req.once('error', () => resolve());
  });
}

/** The 413 answer for readBody's refusal; the connection closes, since the rest of the body is not read as a request. */
export function sendTooLarge(res: ServerResponse, what: string): void {
  res.setHeader('connection', 'close');
  sendJson(res, 413, { error: 'too_large', message: `${what} is larger than ${MAX_BODY_BYTES / 1_048_576} MB` });
}

export const isTooLarge = (err: unknown): boolean => (err as { status?: unknown } | null)?.status === 413;
