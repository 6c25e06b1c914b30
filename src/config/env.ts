import { z } from 'zod';
import { formatZodError } from './format-zod-error.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const isLoopbackUrl = (v: string): boolean => {
  try {
    return LOOPBACK_HOSTS.has(new URL(v).hostname) || /^127\./.test(new URL(v).hostname);
  } catch {
    return false;
  }
};
/** An https URL, or plain http on this machine only (a local stand-in for a Microsoft endpoint). */
const endpointUrl = optionalString.refine((v) => v === undefined || /^https:\/\//.test(v) || (/^http:\/\//.test(v) && isLoopbackUrl(v)), {
  message: 'must be an https:// URL (http:// only on 127.0.0.1/localhost)',
});

/** Teams credentials that belong together; a half-configured bot fails here, with the variable's name. */
export function teamsCredentialsProblem(s: { appId: string; appPassword: string; appType: string; tenantId: string }): { field: string; message: string } | null {
  if (!s.appId) return s.appPassword ? { field: 'MICROSOFT_APP_ID', message: 'MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is empty' } : null;
  if (s.appType !== 'UserAssignedMSI' && !s.appPassword) return { field: 'MICROSOFT_APP_PASSWORD', message: `MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID (MICROSOFT_APP_TYPE=${s.appType})` };
  if (s.appType !== 'MultiTenant' && !s.tenantId) return { field: 'MICROSOFT_APP_TENANT_ID', message: `MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE=${s.appType} (the default: new multi-tenant bots are deprecated)` };
  return null;
}

/** Process environment, validated once at start-up. Nothing else reads process.env. */
export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    // Loopback unless a deployment says otherwise: the playground and local modes must not be reachable by accident.
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: optionalString.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'must be a postgres:// or postgresql:// URL (leave it unset for the embedded PGlite)',
    }),
    PGLITE_DATA_DIR: z.string().default('.data/pglite'),
    // `process`: the embedded database runs in its own child process, off the bot's event loop.
    // `inline`: inside the bot's process (one process less; acknowledgements wait on its work).
    PGLITE_MODE: z.enum(['process', 'inline']).default('process'),
    DESK_CONFIG: optionalString,
    SLACK_BOT_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_API_URL: optionalString.refine((v) => v === undefined || /^https?:\/\//.test(v), {
      message: 'must be an http(s) URL such as https://slack.com/api/',
    }),
    MICROSOFT_APP_ID: z.string().trim().default(''),
    MICROSOFT_APP_PASSWORD: z.string().default(''),
    // Multi-tenant bot registrations are deprecated for new bots (July 2025).
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
    MICROSOFT_APP_TENANT_ID: z.string().trim().default(''),
    /** `off`: /api/messages without Bot Framework authentication, for local tests only. */
    TEAMS_AUTH: z.enum(['on', 'off']).default('on'),
    // Bot Framework endpoints (botbuilder's ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer,
    // ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope); unset: Microsoft's public cloud.
    BOT_FRAMEWORK_OPENID_METADATA_URL: endpointUrl,
    BOT_FRAMEWORK_TOKEN_ISSUER: optionalString,
    BOT_FRAMEWORK_LOGIN_URL: optionalString.refine((v) => v === undefined || /^https:\/\//.test(v), { message: 'must be an https:// URL (the token client refuses plain http)' }),
    BOT_FRAMEWORK_OAUTH_SCOPE: optionalString,
    /** `force`: the playground next to real Slack/Teams credentials, showing only its own cases, clock fixed. */
    PLAYGROUND: z.enum(['on', 'off', 'force']).optional(),
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    REPLICA_ID: optionalString,
    // /metrics lives on its own listener, loopback by default, so the public port never serves it;
    // METRICS_TOKEN additionally serves it on the public port behind `Authorization: Bearer`.
    METRICS_PORT: z.union([z.literal('off'), z.coerce.number().int().min(0).max(65535)]).default(9464),
    METRICS_HOST: z.string().default('127.0.0.1'),
    METRICS_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, { message: 'must be at least 16 characters' }),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
    /** Claims an inbox message may use (each hang, crash or failure is one) before it goes to staff as "needs a human". */
    INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    /** Claims an outbound message may use before it is dead-lettered. */
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
    /** Time budget of triage per message; past it the message goes to staff as "needs a human". */
    TRIAGE_BUDGET_MS: z.coerce.number().int().min(10).max(60_000).default(200),
    /** Worker threads triage runs on (0: in process, without a budget). */
    TRIAGE_THREADS: z.coerce.number().int().min(0).max(16).default(1),
    /** Customer messages being stored at once; one more is refused with 503 at once and the platform retries. */
    INTAKE_MAX_PENDING: z.coerce.number().int().min(1).max(100_000).default(200),
    /** Customers' files larger than this are not kept: the card says so and staff ask the customer (default 10 MB). */
    EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
    /** Key of the signed evidence links on case cards; the same on every replica. */
    EVIDENCE_LINK_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters (e.g. openssl rand -base64 32)' }),
    /** How long an evidence link on a card works; a redrawn card carries fresh ones. */
    EVIDENCE_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(168),
    /** Where staff's browsers reach this bot (evidence links), e.g. https://desk.example.com. */
    PUBLIC_URL: optionalString.refine((v) => v === undefined || /^https:\/\//.test(v) || (/^http:\/\//.test(v) && isLoopbackUrl(v)), {
      message: 'must be an https:// URL (http:// only on 127.0.0.1/localhost)',
    }),
    /** Longest a platform waits for an acknowledgement; past it the request is refused with 503 (Slack gives up at 3 s). */
    INTAKE_ACK_BUDGET_MS: z.coerce.number().int().min(50).max(2_900).default(800),
  })
  .superRefine((e, ctx) => {
    const production = e.NODE_ENV === 'production';
    // The playground lets anyone on this machine act as any staff member: it has no place on a real desk.
    if (production && (e.PLAYGROUND === 'on' || e.PLAYGROUND === 'force')) ctx.addIssue({ code: 'custom', path: ['PLAYGROUND'], message: 'the playground has no sign-in and cannot be turned on in production' });
    if (e.PLAYGROUND === 'on' && platformCredentialsConfigured(e))
      ctx.addIssue({ code: 'custom', path: ['PLAYGROUND'], message: 'the playground has no sign-in and would show real Slack/Teams cases: set PLAYGROUND=force to run it showing only its own cases, or PLAYGROUND=off' });
    if (e.TEAMS_AUTH === 'off' && production) ctx.addIssue({ code: 'custom', path: ['TEAMS_AUTH'], message: 'Teams without authentication is for local tests only and cannot be used in production' });
    if (e.TEAMS_AUTH === 'off' && e.MICROSOFT_APP_ID) ctx.addIssue({ code: 'custom', path: ['TEAMS_AUTH'], message: 'TEAMS_AUTH=off cannot be combined with MICROSOFT_APP_ID: unset one of them' });
    // Links signed with a per-process secret break on another replica and after a restart.
    if (production && platformCredentialsConfigured(e)) {
      if (!e.EVIDENCE_LINK_SECRET) ctx.addIssue({ code: 'custom', path: ['EVIDENCE_LINK_SECRET'], message: 'required in production with Slack or Teams: it signs the evidence links on case cards' });
      if (!e.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: "required in production with Slack or Teams: evidence links on case cards point at it" });
    }
    const teams = teamsCredentialsProblem({ appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, appType: e.MICROSOFT_APP_TYPE, tenantId: e.MICROSOFT_APP_TENANT_ID });
    if (teams) ctx.addIssue({ code: 'custom', path: [teams.field], message: teams.message });
  });
export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment:\n${formatZodError(parsed.error)}`);
  return parsed.data;
}

/** Credentials for a real workspace or tenant are present. */
export function platformCredentialsConfigured(e: Pick<Env, 'SLACK_BOT_TOKEN' | 'MICROSOFT_APP_ID'>): boolean {
  return Boolean(e.SLACK_BOT_TOKEN || e.MICROSOFT_APP_ID);
}

/**
 * `full`: every case, clock movable (a desk with no real platform). `local-only`: forced next
 * to real credentials, only playground cases and a fixed clock. Never in production.
 */
export type PlaygroundMode = 'off' | 'full' | 'local-only';
export function playgroundMode(env: Env): PlaygroundMode {
  if (env.NODE_ENV === 'production' || env.PLAYGROUND === 'off') return 'off';
  if (env.PLAYGROUND === 'force') return 'local-only';
  return platformCredentialsConfigured(env) ? 'off' : 'full';
}

/** The playground runs unless turned off, and never in production. */
export const playgroundEnabled = (env: Env): boolean => playgroundMode(env) !== 'off';

/** Teams is mounted with real credentials, or unauthenticated when explicitly asked for. */
export const teamsMode = (env: Env): 'authenticated' | 'unauthenticated' | 'off' => (env.MICROSOFT_APP_ID ? 'authenticated' : env.TEAMS_AUTH === 'off' ? 'unauthenticated' : 'off');
