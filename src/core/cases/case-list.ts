import type { DeskContext } from '../desk-settings.js';
import type { CaseRecord, Platform } from '../ports.js';
import type { CaseStatus } from './case-status.js';
import { dueTimes, staffFacingNames } from './case-view.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';

/** What the case list can be narrowed by; `overdue` means some running SLA clock is past due. */
export interface CaseListFilter {
  status?: CaseStatus;
  departmentKey?: string;
  urgent?: boolean;
  overdue?: boolean;
  /** Only cases that came in on this platform. */
  platform?: Platform;
  limit?: number;
}

/** One row of the case list: enough to pick a case, not the whole card. */
export interface CaseListItem {
  id: string;
  number: string;
  status: CaseStatus;
  category: string | null;
  urgent: boolean;
  escalationLevel: number;
  departmentKey: string | null;
  departmentName: string | null;
  ownerName: string | null;
  /** Masked, like everything staff see of the customer's words. */
  summary: string;
  createdAt: Date;
  nextDue: { clock: string; name: string; dueAt: Date } | null;
  overdueClocks: string[];
}

export function toCaseListItem(ctx: DeskContext, c: CaseRecord, now: Date): CaseListItem {
  const due = dueTimes(c, now, ctx.settings.timeZone, ctx.settings.staffLanguage, ctx.settings.sla);
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    category: c.category,
    urgent: c.urgent,
    escalationLevel: c.escalationLevel,
    departmentKey: c.departmentKey,
    ...staffFacingNames(ctx, c),
    summary: maskPersonalData(c.summary, { keep: [c.orderNumber] }),
    createdAt: c.createdAt,
    nextDue: due[0] ? { clock: due[0].clock, name: due[0].name, dueAt: due[0].dueAt } : null,
    overdueClocks: due.filter((d) => d.overdue).map((d) => d.clock),
  };
}
