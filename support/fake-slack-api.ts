import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackApiCall {
  method: string;
  args: Record<string, unknown>;
}

/**
 * A local stand-in for slack.com/api: answers like the real Web API for the methods the bot
 * uses, records every call, and can be told to answer HTTP 429 with Retry-After or to refuse
 * a method with a Web API error.
 */
export class FakeSlackApi {
  readonly calls: SlackApiCall[] = [];
  private server: Server | null = null;
  private rateLimitNext = 0;
  private retryAfterSeconds = 1;
  private rateLimitedMethod: string | undefined;
  private tsCounter = 0;
  private readonly errorsNext = new Map<string, string[]>();
  url = '';
  /** Messages by channel, for conversations.history. */
  readonly messages = new Map<string, Record<string, unknown>[]>();

  /** auth.test answers `invalid_auth` this many times (Slack unreachable or the token refused at start-up). */
  failAuthTest = 0;

  /** Files served at their url_private_download, like files.slack.com: only with the bot token. */
  private readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly fileRequests: { path: string; authorization: string | undefined }[] = [];
  /** The next this many file downloads answer HTTP 500. */
  failFileDownloads = 0;
  botToken = 'xoxb-test';

  /** Hosts a customer's upload; answers the file object a message event carries. */
  hostFile(id: string, name: string, bytes: Buffer, contentType: string): Record<string, unknown> {
    const path = `/files-pri/T0ACME-${id}/download/${encodeURIComponent(name)}`;
    this.files.set(path, { bytes, contentType });
    const origin = new URL(this.url).origin;
    return { id, name, mimetype: contentType, size: bytes.length, url_private: `${origin}/files-pri/T0ACME-${id}/${encodeURIComponent(name)}`, url_private_download: `${origin}${path}`, permalink: `https://acme.slack.com/files/U0CUST/${id}/${name}` };
  }

  private serveFile(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0]!;
    this.fileRequests.push({ path, authorization: req.headers.authorization });
    if (this.failFileDownloads > 0) {
      this.failFileDownloads--;
      res.writeHead(500, { 'content-type': 'text/plain' });
      return void res.end('internal error');
    }
    const file = this.files.get(path);
    // Like Slack: without a valid token the answer is its sign-in page, with status 200.
    if (req.headers.authorization !== `Bearer ${this.botToken}`) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>');
    }
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('file_not_found');
    }
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  /** What apps.connections.open answers: the Socket Mode WebSocket URL (a FakeSocketMode's). */
  socketModeUrl = '';

  /** The next `calls` calls (to `method` only, when given) are answered HTTP 429 with Retry-After. */
  rateLimit(calls: number, retryAfterSeconds = 1, method?: string): void {
    this.rateLimitNext = calls;
    this.retryAfterSeconds = retryAfterSeconds;
    this.rateLimitedMethod = method;
  }

  /**
   * The next `times` calls to `method` are answered as Slack answers a refused call: HTTP 200
   * with `{ ok: false, error }` (the WebClient throws a platform error for it).
   */
  failNext(method: string, error: string, times = 1): void {
    this.errorsNext.set(method, [...(this.errorsNext.get(method) ?? []), ...Array<string>(times).fill(error)]);
  }

  /** A message as Slack holds it now (after any chat.update), by channel and ts. */
  message(channel: string, ts: string): Record<string, unknown> | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  callsTo(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      if (req.method === 'GET' && (req.url ?? '').startsWith('/files-pri/')) return this.serveFile(req, res);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
        const raw = Buffer.concat(chunks).toString('utf8');
        const type = req.headers['content-type'] ?? '';
        let args: Record<string, unknown> = {};
        if (type.includes('json')) args = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        else for (const [k, v] of new URLSearchParams(raw)) args[k] = /^[[{]/.test(v) ? safeJson(v) : v;
        if (this.rateLimitNext > 0 && (this.rateLimitedMethod === undefined || this.rateLimitedMethod === method)) {
          this.rateLimitNext--;
          this.calls.push({ method: `${method} (429)`, args });
          res.writeHead(429, { 'retry-after': String(this.retryAfterSeconds), 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        const error = this.errorsNext.get(method)?.shift();
        if (error) {
          this.calls.push({ method: `${method} (${error})`, args });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error }));
          return;
        }
        this.calls.push({ method, args });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(this.answer(method, args)));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this.url;
  }

  private nextTs(): string {
    return `${1_800_000_000 + ++this.tsCounter}.000100`;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        if (this.failAuthTest > 0) {
          this.failAuthTest--;
          return { ok: false, error: 'invalid_auth' };
        }
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'complaintdesk', team_id: 'T0ACME', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'apps.connections.open':
        return this.socketModeUrl ? { ok: true, url: this.socketModeUrl } : { ok: false, error: 'invalid_auth' };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const channel = String(args.channel);
        this.messages.set(channel, [...(this.messages.get(channel) ?? []), { ...args, ts, user: 'U0BOT' }]);
        return { ok: true, channel, ts, message: { text: args.text, ts } };
      }
      case 'chat.update': {
        // Like Slack: only a message that was posted can be updated, and the update replaces its text and blocks.
        const channel = String(args.channel);
        const list = this.messages.get(channel) ?? [];
        const at = list.findIndex((m) => m.ts === args.ts);
        if (at < 0) return { ok: false, error: 'message_not_found' };
        const updated = { ...list[at]!, text: args.text, blocks: args.blocks ?? [], edited: { user: 'U0BOT', ts: this.nextTs() } };
        list[at] = updated;
        return { ok: true, channel, ts: args.ts, text: args.text, message: updated };
      }
      case 'chat.postEphemeral':
        // Like Slack: shown to `user` in `channel` only, never stored as a channel message (so it cannot be chat.update'd), and refused without a place, a person or words.
        if (!args.channel) return { ok: false, error: 'channel_not_found' };
        if (!args.user) return { ok: false, error: 'user_not_found' };
        if (!args.text && !(Array.isArray(args.blocks) && args.blocks.length)) return { ok: false, error: 'no_text' };
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
        return { ok: true, view: { id: `V${this.tsCounter}`, ...(args.view as object) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users)}` } };
      case 'conversations.history':
      case 'conversations.replies': {
        const list = this.messages.get(String(args.channel)) ?? [];
        return { ok: true, messages: list.filter((m) => m.ts === args.latest || m.ts === args.ts) };
      }
      case 'users.info':
        return { ok: true, user: { id: args.user, real_name: 'Customer', profile: {} } };
      default:
        return { ok: true };
    }
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
