// The settings and context every use case takes. They sit in cases/ beside the use cases, above
// the folders whose policies they gather (sla/, compensation/, templates/), so none imports them back.
import type { BusinessCalendar } from '../calendar/business-calendar.js';
import type { EvidencePolicy } from './evidence-rules.js';
import type { SlaPolicy } from '../sla/sla-clocks.js';
import type { Clock, DeskStore, Platform } from '../ports.js';
import type { StaffDirectory } from '../staff-directory.js';
import type { StaffPolicy } from './staff-permissions.js';
import type { ApprovalPolicy } from '../compensation/approvals.js';
import type { CompensationPolicy } from '../compensation/compensation-guidance.js';
import type { TemplateSet } from '../templates/render-template.js';
import type { Category, Language } from '../triage/index.js';
import type { Triager } from './triage-boundary.js';

export interface Department {
  key: string;
  name: Record<Language, string>;
  channels: Partial<Record<Platform, string>>;
}

/** The part of the configuration the core needs, in core terms. */
export interface DeskSettings {
  timeZone: string;
  sla: SlaPolicy;
  intake: {
    groupingWindowMinutes: number;
    maxNewCasesPerHour: number;
    maxTextLength: number;
    /** Channels where every message is a potential complaint, per platform. */
    supportChannels?: { slack?: string[] | undefined; teams?: string[] | undefined };
  };
  departments: Department[];
  routing: { byCategory: Partial<Record<Category, string>>; default: string };
  evidence: EvidencePolicy;
  templates: TemplateSet;
  escalationChannels: Partial<Record<Platform, string>>;
  compensation: CompensationPolicy;
  /** Who may work a case besides its owner. */
  staffPolicy: StaffPolicy;
  /** Who approves money above a proposer's limit. */
  approvals: ApprovalPolicy;
  /** The language staff-facing text is in, unless a staff member has their own. */
  staffLanguage: Language;
}

/** Everything a use case needs, built once by the composition root. */
export interface DeskContext {
  settings: DeskSettings;
  store: DeskStore;
  staff: StaffDirectory;
  calendar: BusinessCalendar;
  clock: Clock;
  /** Triage under a time budget; in process (no budget) when absent. */
  triager?: Triager;
}
