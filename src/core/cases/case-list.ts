import type { DeskContext } from '../desk-settings.js';
import type { CaseRecord } from '../ports.js';
import type { CaseStatus } from './case-status.js';
import { department } from './case-effects.js';
import { runningClocks } from './sla-clocks.js';

/** What the case list can be narrowed by; `overdue` means some running SLA clock is past due. */
export interface CaseListFilter {
  status?: CaseStatus;
  departmentKey?: string;
  urgent?: boolean;
  overdue?: boolean;
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
  summary: string;
  createdAt: Date;
  nextDue: { clock: string; dueAt: Date } | null;
  overdueClocks: string[];
}

export function toCaseListItem(ctx: DeskContext, c: CaseRecord, now: Date): CaseListItem {
  const clocks = runningClocks(c);
  const next = clocks[0];
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    category: c.category,
    urgent: c.urgent,
    escalationLevel: c.escalationLevel,
    departmentKey: c.departmentKey,
    departmentName: department(ctx, c.departmentKey)?.name.en ?? null,
    ownerName: c.ownerId ? (ctx.staff.get(c.ownerId)?.name ?? c.ownerId) : null,
    summary: c.summary,
    createdAt: c.createdAt,
    nextDue: next ? { clock: next[0], dueAt: next[1] } : null,
    overdueClocks: clocks.filter(([, due]) => due.getTime() < now.getTime()).map(([clock]) => clock),
  };
}
