import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxyStats {
  forwarded: number[];
  /** Requests answered 502 because the replica went away after the request reached it. */
  failed: number;
}

/**
 * A minimal loopback load balancer: each request goes to the next replica in turn. A replica
 * that refuses the connection (dead or restarting) is skipped for that request and the next
 * one tried, like an L7 balancer with passive health checks; a replica that dies while it
 * holds the request yields a 502, and Slack's retry takes care of the rest.
 */
export class RoundRobinProxy {
  private server: Server | null = null;
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  readonly stats: ProxyStats;

  constructor(private readonly replicaPorts: () => number[]) {
    this.stats = { forwarded: replicaPorts().map(() => 0), failed: 0 };
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const ports = this.replicaPorts();
    for (let tried = 0; tried < ports.length; tried++) {
      const index = this.next++ % ports.length;
      const outcome = await this.forward(ports[index]!, req, body, res);
      if (outcome === 'refused') continue;
      if (outcome === 'answered') this.stats.forwarded[index]!++;
      else this.stats.failed++;
      return;
    }
    this.stats.failed++;
    res.writeHead(502).end('no replica available');
  }

  private forward(port: number, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<'answered' | 'refused' | 'failed'> {
    return new Promise((resolve) => {
      const headers = { ...req.headers, host: `127.0.0.1:${port}`, 'content-length': String(body.length) };
      const upstream = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers, agent: this.agent }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', () => resolve('answered'));
        up.on('error', () => {
          res.destroy();
          resolve('failed');
        });
      });
      upstream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') return resolve('refused');
        if (!res.headersSent) res.writeHead(502).end('replica went away');
        resolve('failed');
      });
      upstream.end(body);
    });
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
