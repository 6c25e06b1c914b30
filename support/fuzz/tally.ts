import type { Endpoint, HostileRequest } from './hostile-requests.js';
import type { Outcome } from './send.js';

type Counts = Record<string, number>;
const bump = (c: Counts, key: string) => (c[key] = (c[key] ?? 0) + 1);

interface EndpointTally {
  sent: number;
  byStatus: Counts;
  /** "body kind → status" and "auth kind → status", so a surprising answer points at its input. */
  byBodyKind: Record<string, Counts>;
  byAuthKind: Record<string, Counts>;
}

/** What the fuzz saw, per endpoint, and what was wrong with it. */
export class FuzzTally {
  readonly endpoints = new Map<Endpoint, EndpointTally>();
  serverErrors = 0;
  noAnswer = 0;
  rejected4xx = 0;
  /** Must-reject requests answered with something other than a 4xx. */
  notRejected = 0;
  /** First few offending requests, for the report. */
  readonly examples: string[] = [];

  record(req: HostileRequest, n: number, outcome: Outcome): void {
    const t = this.endpoints.get(req.endpoint) ?? { sent: 0, byStatus: {}, byBodyKind: {}, byAuthKind: {} };
    this.endpoints.set(req.endpoint, t);
    t.sent++;
    const status = String(outcome.status);
    bump(t.byStatus, status);
    bump((t.byBodyKind[req.bodyKind] ??= {}), status);
    bump((t.byAuthKind[req.authKind] ??= {}), status);
    const is4xx = typeof outcome.status === 'number' && outcome.status >= 400 && outcome.status < 500;
    if (is4xx) this.rejected4xx++;
    let problem: string | null = null;
    if (outcome.status === 'no answer') (this.noAnswer++, (problem = `no answer (${outcome.reason})`));
    else if (outcome.status >= 500) (this.serverErrors++, (problem = `${outcome.status}`));
    else if (req.mustReject && !is4xx) (this.notRejected++, (problem = `${outcome.status} for a must-reject request`));
    if (problem && this.examples.length < 15) this.examples.push(`${req.endpoint} #${n} [${req.kind}] → ${problem}`);
  }

  get sent(): number {
    return [...this.endpoints.values()].reduce((s, t) => s + t.sent, 0);
  }

  print(log: (line: string) => void): void {
    const fmt = (c: Counts) => Object.entries(c).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}×${v}`).join(' ');
    for (const [endpoint, t] of this.endpoints) {
      log(`\n${endpoint}: ${t.sent} requests  ${fmt(t.byStatus)}`);
      for (const [kind, c] of Object.entries(t.byBodyKind)) log(`  body ${kind.padEnd(22)} ${fmt(c)}`);
      for (const [kind, c] of Object.entries(t.byAuthKind)) log(`  auth ${kind.padEnd(22)} ${fmt(c)}`);
    }
    if (this.examples.length) log(`\nfirst problems:\n  ${this.examples.join('\n  ')}`);
  }
}
