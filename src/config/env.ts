import { z } from 'zod';
import { formatZodError } from './format-zod-error.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** Process environment, validated once at start-up. Nothing else reads process.env. */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    message: 'must be a postgres:// or postgresql:// URL (leave it unset for the embedded PGlite)',
  }),
  PGLITE_DATA_DIR: z.string().default('.data/pglite'),
  DESK_CONFIG: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
    message: 'must be an http(s) URL such as https://slack.com/api/',
  }),
  MICROSOFT_APP_ID: z.string().default(''),
  MICROSOFT_APP_PASSWORD: z.string().default(''),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: z.string().default(''),
  PLAYGROUND: z.enum(['on', 'off']).optional(),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  REPLICA_ID: optionalString,
  /** Claims an inbox message may use (each hang, crash or failure is one) before it goes to staff as "needs a human". */
  INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  /** Claims an outbound message may use before it is dead-lettered. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  /** Time budget of triage per message; past it the message goes to staff as "needs a human". */
  TRIAGE_BUDGET_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** Worker threads triage runs on (0: in process, without a budget). */
  TRIAGE_THREADS: z.coerce.number().int().min(0).max(16).default(1),
}).refine((e) => !(e.NODE_ENV === 'production' && e.PLAYGROUND === 'on'), {
  // The playground lets anyone act as any staff member: it has no place on a real desk.
  message: 'the playground has no sign-in and cannot be turned on in production',
  path: ['PLAYGROUND'],
});
export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment:\n${formatZodError(parsed.error)}`);
  return parsed.data;
}

/** The playground runs unless turned off, and never in production. */
export const playgroundEnabled = (env: Env): boolean => (env.PLAYGROUND ?? (env.NODE_ENV === 'production' ? 'off' : 'on')) === 'on';
