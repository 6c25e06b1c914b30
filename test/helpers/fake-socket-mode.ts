import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * A local stand-in for Slack's Socket Mode WebSocket (wss://wss-primary.slack.com/link):
 * a minimal RFC 6455 server that greets with `hello`, sends `events_api` envelopes and
 * records the `{ envelope_id, payload }` acknowledgements the app sends back. It answers
 * pings and close frames; text frames only, no extensions, as Slack's protocol needs.
 */
export class FakeSocketMode {
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  private server: Server | null = null;
  private socket: Duplex | null = null;
  private ackWaiters: { envelopeId: string; resolve: () => void }[] = [];
  url = '';

  async start(): Promise<string> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket: Duplex) => {
      const key = req.headers['sec-websocket-key'];
      const accept = createHash('sha1').update(`${String(key)}${WS_GUID}`).digest('base64');
      socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));
      this.socket = socket;
      let buffered = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (;;) {
          const frame = readFrame(buffered);
          if (!frame) break;
          buffered = buffered.subarray(frame.length);
          this.onFrame(socket, frame.opcode, frame.payload);
        }
      });
      socket.on('error', () => {});
      this.sendText({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-socket-mode' }, connection_info: { app_id: 'A0DESK' } });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
    return this.url;
  }

  /** Sends an Events API envelope, as Slack does for each event (again, with retry_attempt, when it was not acknowledged). */
  sendEvent(envelopeId: string, body: Record<string, unknown>, retryAttempt = 0): void {
    this.sendText({ envelope_id: envelopeId, type: 'events_api', accepts_response_payload: false, retry_attempt: retryAttempt, retry_reason: retryAttempt ? 'timeout' : '', payload: body });
  }

  /** Resolves when the app acknowledges this envelope. */
  acknowledged(envelopeId: string): Promise<void> {
    if (this.acks.some((a) => a.envelope_id === envelopeId)) return Promise.resolve();
    return new Promise((resolve) => this.ackWaiters.push({ envelopeId, resolve }));
  }

  async stop(): Promise<void> {
    this.socket?.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private onFrame(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === 0x9) return void socket.write(frame(0xa, payload));
    if (opcode === 0x8) {
      socket.write(frame(0x8, payload.subarray(0, 2)));
      return void socket.end();
    }
    if (opcode !== 0x1) return;
    const message = JSON.parse(payload.toString('utf8')) as { envelope_id: string; payload?: unknown };
    this.acks.push(message);
    for (const w of this.ackWaiters.filter((w) => w.envelopeId === message.envelope_id)) w.resolve();
    this.ackWaiters = this.ackWaiters.filter((w) => w.envelopeId !== message.envelope_id);
  }

  private sendText(message: unknown): void {
    this.socket?.write(frame(0x1, Buffer.from(JSON.stringify(message), 'utf8')));
  }
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(n)]);
  return Buffer.concat([head, payload]);
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** One client frame (always masked, RFC 6455 §5.3) from the front of `b`, or null if incomplete. */
function readFrame(b: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (b.length < 2) return null;
  const opcode = b[0]! & 0x0f;
  const masked = (b[1]! & 0x80) !== 0;
  let len = b[1]! & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (b.length < 4) return null;
    len = b.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (b.length < 10) return null;
    len = Number(b.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLength = masked ? 4 : 0;
  if (b.length < offset + maskLength + len) return null;
  const mask = masked ? b.subarray(offset, offset + 4) : null;
  const payload = Buffer.from(b.subarray(offset + maskLength, offset + maskLength + len));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
  return { opcode, payload, length: offset + maskLength + len };
}
