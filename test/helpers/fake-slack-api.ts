import { createServer, type Server } from 'node:http';
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
