import pino from 'pino';

/**
 * Structured logs; secrets and contact details are redacted wherever they appear by name.
 * JSON lines for log collectors, and readable coloured lines when a person watches a terminal.
 */
export function createLogger(level: string, pretty: boolean = process.stdout.isTTY === true && level !== 'silent') {
  return pino({
    level,
    base: { service: 'complaint-desk' },
    redact: {
      paths: ['*.token', '*.password', '*.secret', '*.signingSecret', '*.contact', '*.authorization', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' } } } : {}),
  });
}
export type Logger = ReturnType<typeof createLogger>;
