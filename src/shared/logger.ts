import pino, { type DestinationStream } from 'pino';
import { maskPersonalData } from '../core/privacy/mask-personal-data.js';

const MAX_DEPTH = 6;

/**
 * A log line as it may be written: every string in it masked by the desk's one masking rule,
 * errors included (an SDK error can carry the request it failed on, customer text and all).
 */
function masked(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => masked(v, depth + 1, seen));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  // An error stays an instance of its class, so pino's serializer still names its type.
  const out = (value instanceof Error ? Object.create(Object.getPrototypeOf(value) as object) : {}) as Record<string, unknown>;
  if (value instanceof Error) {
    out.message = maskPersonalData(value.message);
    out.stack = value.stack === undefined ? undefined : maskPersonalData(value.stack);
  }
  for (const [k, v] of Object.entries(value)) out[k] = masked(v, depth + 1, seen);
  return out;
}

/**
 * Structured logs; secrets and contact details are redacted wherever they appear by name, and
 * personal data in any text is masked as it is on staff cards. JSON lines for log collectors;
 * readable coloured lines when a person watches a terminal (and no destination is given).
 */
export function createLogger(level: string, destination?: DestinationStream) {
  const pretty = destination === undefined && process.stdout.isTTY === true && level !== 'silent';
  return pino(
    {
      level,
      base: { service: 'complaint-desk' },
      redact: {
        paths: ['*.token', '*.password', '*.secret', '*.signingSecret', '*.contact', '*.authorization', 'req.headers.authorization', 'headers.authorization'],
        censor: '[redacted]',
      },
      formatters: { log: (obj) => masked(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalData(a) : a)) as Parameters<typeof method>);
        },
      },
      ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } } : {}),
    },
    destination as DestinationStream,
  );
}
export type Logger = ReturnType<typeof createLogger>;
