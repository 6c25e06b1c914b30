import type { IncomingMessage } from 'node:http';

/** The client is on this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export const isLoopbackClient = (req: IncomingMessage): boolean => isLoopbackAddress(req.socket.remoteAddress);

/** Host names a browser on this machine uses for the server, with the port it is listening on. */
export function ownLoopbackHosts(req: IncomingMessage): Set<string> {
  const port = req.socket.localPort;
  const names = ['127.0.0.1', 'localhost', '[::1]'];
  // On port 80 a browser leaves the port out of Host and Origin.
  return new Set([...names.map((h) => `${h}:${port}`), ...(port === 80 ? names : [])]);
}

/**
 * Why a request from a browser must not be served by a local tool, or null: the `Host` must
 * be this server's own loopback name and port (a rebound DNS name carries the attacker's
 * host), and an `Origin`, when sent, the same origin (a page elsewhere sends its own).
 */
export function foreignOriginProblem(req: IncomingMessage): string | null {
  const own = ownLoopbackHosts(req);
  const host = req.headers.host?.toLowerCase();
  if (!host || !own.has(host)) return `Host ${host ?? '(none)'} is not this server's loopback address`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.protocol !== 'http:' || !own.has(parsed.host.toLowerCase())) return `Origin ${origin} is not this server`;
  }
  return null;
}
