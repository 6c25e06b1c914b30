import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TEMPLATE_KEYS } from '../core/templates/template-catalog.js';
import { templateProblems, type TemplateSet } from '../core/templates/render-template.js';
import { formatZodError } from './format-zod-error.js';
import { CALENDAR_REGIONS } from './calendar-data.js';
import { DEFAULT_STAFF_POLICY, STAFF_ACTIONS } from '../core/cases/staff-permissions.js';
import { PLATFORMS, type Platform } from '../core/ports.js';
import { CATEGORIES, LANGUAGES, type Language } from '../core/triage/types.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Shanghai' },
);

const cronExpression = z.string().refine((expr) => cron.validate(expr), { message: 'must be a cron expression such as "0 9 * * 1"' });

/** One field per key of a core vocabulary (every language, every platform), each checked by `field`. */
const fieldPer = <K extends string, T extends z.ZodType>(keys: readonly K[], field: T) => Object.fromEntries(keys.map((k) => [k, field])) as Record<K, T>;

const localized = z.object(fieldPer(LANGUAGES, z.string().min(1))).strict();
const platformChannels = z.object(fieldPer(PLATFORMS, z.string().min(1))).partial().strict();

const EvidenceRequirementSchema = z
  .object({
    /** What answers it: any of these kinds of input. */
    satisfiedBy: z.array(z.enum(['order_number', 'attachment', 'time_or_place', 'contact', 'any_text'])).min(1),
    question: localized,
    label: localized,
  })
  .strict();

const StaffSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, - and _'),
    name: z.string().min(1),
    role: z.enum(['agent', 'supervisor']),
    department: z.string().optional(),
    identities: platformChannels.default({}),
    /** Names under which customers may mention this person (回避: named staff may not handle the case). */
    aliases: z.array(z.string().min(1)).default([]),
    /** Customers this person must not handle, as `platform:userId`. */
    conflicts: z.array(z.string().regex(new RegExp(`^(${PLATFORMS.join('|')}):.+$`), 'must be platform:userId')).default([]),
    compensationLimit: z.number().nonnegative().default(0),
    /** The language this person reads the bot's staff messages in; the desk's `language` when absent. */
    language: z.enum(LANGUAGES).optional(),
  })
  .strict();

const SlaSchema = z
  .object({
    firstResponseWorkingDays: z.number().int().positive().default(1),
    initialPlanHours: z.number().positive().default(24),
    urgentHandlingHours: z.number().positive().default(2),
    updateCadenceHours: z.number().positive().default(24),
    solutionHours: z.number().positive().default(72),
    closeWorkingDays: z.number().int().positive().default(3),
    closeWorkingDaysSerious: z.number().int().positive().default(7),
    resultWorkingDays: z.number().int().positive().default(1),
    surveyWorkingDays: z.number().int().positive().default(3),
    warnAtFraction: z.number().gt(0).lt(1).default(0.75),
    nudgeGraceHours: z.number().positive().default(4),
    evidenceReminderHours: z.number().positive().default(24),
    evidenceGiveUpHours: z.number().positive().default(48),
    quietHours: z.object({ start: hhmm, end: hhmm }).strict().optional(),
  })
  .strict();

export const DeskConfigSchema = z
  .object({
    timeZone: timeZone.default('Asia/Shanghai'),
    /** The language of staff-facing text (cards, nudges, refusals) unless a staff member sets their own. */
    language: z.enum(LANGUAGES).default('en'),
    permissions: z
      .object({
        /** What someone other than a case's owner may do on it (the owner and supervisors with an explicit override do the rest). */
        nonOwnerActions: z.array(z.enum(STAFF_ACTIONS)).default([...DEFAULT_STAFF_POLICY.nonOwnerActions]),
      })
      .strict()
      .prefault({}),
    calendar: z
      .object({
        region: z.enum(CALENDAR_REGIONS).default('CN'),
        workdayStart: hhmm.default('09:00'),
        workdayEnd: hhmm.default('18:00'),
        weekendDays: z.array(z.number().int().min(0).max(6)).default([0, 6]),
        extraHolidays: z.array(isoDate).default([]),
        extraWorkdays: z.array(isoDate).default([]),
        removeHolidays: z.array(isoDate).default([]),
      })
      .strict()
      .prefault({}),
    intake: z
      .object({
        groupingWindowMinutes: z.number().int().nonnegative().default(120),
        maxNewCasesPerHour: z.number().int().positive().default(10),
        maxTextLength: z.number().int().positive().default(8000),
        supportChannels: platformChannels.extend({ slack: z.array(z.string()).optional(), teams: z.array(z.string()).optional() }).prefault({}),
      })
      .strict()
      .prefault({}),
    sla: SlaSchema.prefault({}),
    departments: z
      .array(
        z
          .object({
            key: z.string().regex(/^[a-z0-9_-]+$/, 'use lowercase letters, digits, - and _'),
            name: localized,
            channels: platformChannels,
          })
          .strict(),
      )
      .min(1),
    routing: z
      .object({
        byCategory: z.partialRecord(z.enum(CATEGORIES), z.string()).default({}),
        default: z.string(),
      })
      .strict(),
    staff: z.array(StaffSchema).default([]),
    escalation: z
      .object({ channels: platformChannels.default({}) })
      .strict()
      .prefault({}),
    reports: z
      .object({
        /** Management channel per platform; a platform without one gets no report. */
        channels: platformChannels.default({}),
        /** Language of the report text and chart; the desk's `language` when absent. */
        language: z.enum(LANGUAGES).optional(),
        /** node-cron expressions in the desk time zone. */
        weeklyCron: cronExpression.default('0 9 * * 1'),
        monthlyCron: cronExpression.default('0 9 1 * *'),
      })
      .strict()
      .prefault({}),
    retention: z
      .object({
        /** Closed cases older than this lose contact and free text (figures stay); unset keeps them. */
        anonymiseClosedAfterMonths: z.number().int().positive().optional(),
        /** node-cron expression in the desk time zone: when the retention run happens. */
        cron: cronExpression.default('30 3 * * *'),
      })
      .strict()
      .prefault({}),
    compensation: z
      .object({
        currency: z.string().default('CNY'),
        minorPercent: z.tuple([z.number(), z.number()]).default([10, 15]),
        moderatePercent: z.tuple([z.number(), z.number()]).default([20, 30]),
        severePercent: z.tuple([z.number(), z.number()]).default([50, 100]),
        /** The supervisor (staff id) who approves amounts no other supervisor's limit covers; they have no limit. */
        topApprover: z.string().optional(),
      })
      .strict()
      .prefault({}),
    evidence: z
      .object({
        requirements: z.record(z.string(), EvidenceRequirementSchema),
        byCategory: z.partialRecord(z.enum(CATEGORIES), z.array(z.string())).default({}),
        always: z.array(z.string()).default([]),
      })
      .strict(),
    templates: z.record(z.string(), localized),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const departmentKeys = new Set<string>();
    for (const [i, d] of cfg.departments.entries()) {
      if (departmentKeys.has(d.key))
        ctx.addIssue({ code: 'custom', path: ['departments', i, 'key'], message: `duplicate department key "${d.key}" (also departments.${cfg.departments.findIndex((x) => x.key === d.key)})` });
      departmentKeys.add(d.key);
    }
    const staffIds = new Set<string>();
    // One person per platform account: the directory table holds each (platform, user id) once.
    const identityOwner = new Map<string, number>();
    for (const [i, s] of cfg.staff.entries()) {
      if (staffIds.has(s.id)) ctx.addIssue({ code: 'custom', path: ['staff', i, 'id'], message: `duplicate staff id "${s.id}"` });
      staffIds.add(s.id);
      if (s.department && !departmentKeys.has(s.department))
        ctx.addIssue({ code: 'custom', path: ['staff', i, 'department'], message: `unknown department "${s.department}"` });
      for (const [platform, userId] of Object.entries(s.identities)) {
        if (!userId) continue;
        const other = identityOwner.get(`${platform}:${userId}`);
        if (other !== undefined)
          ctx.addIssue({ code: 'custom', path: ['staff', i, 'identities', platform], message: `${platform} id "${userId}" is already staff.${other} (${cfg.staff[other]!.id})` });
        else identityOwner.set(`${platform}:${userId}`, i);
      }
    }
    const top = cfg.compensation.topApprover;
    if (top !== undefined) {
      const member = cfg.staff.find((s) => s.id === top);
      if (!member) ctx.addIssue({ code: 'custom', path: ['compensation', 'topApprover'], message: `unknown staff id "${top}"` });
      else if (member.role !== 'supervisor') ctx.addIssue({ code: 'custom', path: ['compensation', 'topApprover'], message: `"${top}" is not a supervisor` });
    }
    for (const [category, dept] of Object.entries(cfg.routing.byCategory))
      if (!departmentKeys.has(dept))
        ctx.addIssue({ code: 'custom', path: ['routing', 'byCategory', category], message: `unknown department "${dept}"` });
    if (!departmentKeys.has(cfg.routing.default))
      ctx.addIssue({ code: 'custom', path: ['routing', 'default'], message: `unknown department "${cfg.routing.default}"` });
    const requirementKeys = new Set(Object.keys(cfg.evidence.requirements));
    const checkRequirements = (keys: string[], path: (string | number)[]) =>
      keys.forEach((k, i) => {
        if (!requirementKeys.has(k)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown evidence requirement "${k}"` });
      });
    for (const [category, keys] of Object.entries(cfg.evidence.byCategory)) checkRequirements(keys, ['evidence', 'byCategory', category]);
    checkRequirements(cfg.evidence.always, ['evidence', 'always']);
    for (const key of TEMPLATE_KEYS) {
      const tpl = cfg.templates[key];
      if (!tpl) {
        ctx.addIssue({ code: 'custom', path: ['templates', key], message: 'missing template' });
        continue;
      }
      for (const lang of LANGUAGES)
        for (const problem of templateProblems(key, tpl[lang]))
          ctx.addIssue({ code: 'custom', path: ['templates', key, lang], message: problem });
    }
    for (const key of Object.keys(cfg.templates))
      if (!(TEMPLATE_KEYS as string[]).includes(key))
        ctx.addIssue({ code: 'custom', path: ['templates', key], message: 'unknown template (no code sends it)' });
  });

export type DeskConfigInput = z.input<typeof DeskConfigSchema>;
export type DeskConfig = Omit<z.infer<typeof DeskConfigSchema>, 'templates'> & { templates: TemplateSet };
export type StaffConfig = z.infer<typeof StaffSchema>;
export type EvidenceRequirementConfig = z.infer<typeof EvidenceRequirementSchema>;

/** The language weekly and monthly reports (text and chart) are written in: `reports.language`, else the desk's. */
export function reportLanguage(config: Pick<DeskConfig, 'language' | 'reports'>): Language {
  return config.reports.language ?? config.language;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseDeskConfig(raw: unknown, source = 'desk config'): DeskConfig {
  const parsed = DeskConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`Invalid ${source}:\n${formatZodError(parsed.error)}`);
  // Every template key was checked above, so the record is a complete TemplateSet.
  return parsed.data as unknown as DeskConfig;
}

/**
 * The platforms this process serves need somewhere to put each department's case cards: a
 * department without a channel on an enabled platform is a start-up error naming the field.
 */
export function assertChannelsForPlatforms(config: DeskConfig, enabled: readonly { platform: Platform; because: string }[], source = 'desk config'): void {
  const problems: string[] = [];
  for (const { platform, because } of enabled)
    for (const [i, d] of config.departments.entries())
      if (!d.channels[platform]) problems.push(`  - departments.${i}.channels.${platform}: missing for department "${d.key}"; ${platform} is enabled (${because})`);
  if (problems.length) throw new ConfigError(`Invalid ${source}:\n${problems.join('\n')}`);
}

export function loadDeskConfig(path: string): DeskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read desk config ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`Desk config ${path} is not valid YAML: ${(err as Error).message}`);
  }
  return parseDeskConfig(raw, `desk config ${path}`);
}

