import type { DeskSettings } from '../core/cases/desk-settings.js';
import type { EvidencePolicy } from '../core/cases/evidence-rules.js';
import type { StaffMember } from '../core/staff-directory.js';
import type { DeskConfig } from './desk-config.js';

/** The validated configuration in the core's own terms. */
export function toDeskSettings(config: DeskConfig): DeskSettings {
  const evidence: EvidencePolicy = {
    requirements: Object.fromEntries(Object.entries(config.evidence.requirements).map(([key, r]) => [key, { key, ...r }])),
    byCategory: config.evidence.byCategory,
    always: config.evidence.always,
  };
  return {
    timeZone: config.timeZone,
    sla: config.sla,
    intake: config.intake,
    departments: config.departments,
    routing: config.routing,
    evidence,
    templates: config.templates,
    escalationChannels: config.escalation.channels,
    compensation: { currency: config.compensation.currency, minorPercent: config.compensation.minorPercent, moderatePercent: config.compensation.moderatePercent, severePercent: config.compensation.severePercent },
    staffPolicy: { nonOwnerActions: config.permissions.nonOwnerActions },
    approvals: { topApprover: config.compensation.topApprover ?? null },
    staffLanguage: config.language,
  };
}

export function toStaffMembers(config: DeskConfig): StaffMember[] {
  return config.staff.map((s) => ({
    id: s.id,
    name: s.name,
    role: s.role,
    department: s.department,
    identities: s.identities,
    aliases: s.aliases,
    conflicts: s.conflicts,
    compensationLimit: s.compensationLimit,
    language: s.language,
  }));
}
