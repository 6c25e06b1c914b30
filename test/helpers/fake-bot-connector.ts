import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string | undefined;
  body: Record<string, unknown>;
}

/**
 * A local Bot Connector at `serviceUrl`: records what the bot sends (new activities, replies,
 * updates) and answers like the real service, including 429 with Retry-After when told to.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | null = null;
  private throttle = 0;
  private seq = 0;
  url = '';

  rateLimit(calls: number): void {
    this.throttle = calls;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
        const m = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?/.exec(path);
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        if (this.throttle > 0) {
          this.throttle--;
          res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'TooManyRequests', message: 'slow down' } }));
          return;
        }
        this.calls.push({ method: req.method ?? '', path, conversationId: m?.[1] ?? '', activityId: m?.[2], body });
        res.writeHead(req.method === 'POST' && !m?.[1] ? 201 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(m?.[1] ? { id: req.method === 'PUT' ? m[2] : `act-${++this.seq}` } : { id: `conv-${++this.seq}`, activityId: `act-${this.seq}` }));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  sent(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId);
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

let n = 0;
/** An activity as the Bot Framework channel would POST it. */
export function activity(serviceUrl: string, over: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'message',
    id: `in-${++n}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:customer', aadObjectId: 'aad-customer', name: 'Zhang Li' },
    recipient: { id: '28:desk-bot', name: 'Complaint Desk' },
    conversation: { id: 'a:personal-customer', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    text: '',
    ...over,
  };
}
