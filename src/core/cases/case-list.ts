import type { DeskContext } from './desk-settings.js';
import type { CaseRecord, Platform } from '../ports.js';
import type { CaseStatus } from '../model/lifecycle.js';
import { caseHeadline, dueTimes, staffFacingNames } from './case-view.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';

/** What the case list can be narrowed by; `overdue` means some running SLA clock is past due. */
export interface CaseListFilter {
  status?: CaseStatus;
  departmentKey?: string;
  urgent?: boolean;
  overdue?: boolean;
  /** Only cases that came in on this platform. */
  platform?: Platform;
  /** Only cases this staff member owns; null: only unclaimed cases. */
  ownerId?: string | null;
  /** Words to find in what a row shows (number, summary, owner, department, category), any case. */
  search?: string;
  /** Newest first (the default), or the nearest SLA deadline first, cases with no running clock last. */
  sort?: 'newest' | 'next_due';
  limit?: number;
}

/** The rows a filter's search words and sort ask for; the row's own (masked) text only, so a search cannot probe what is masked. */
export function searchAndSort(items: CaseListItem[], filter: Pick<CaseListFilter, 'search' | 'sort'>): CaseListItem[] {
  const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const text = (i: CaseListItem) => [i.number, i.summary, i.ownerName, i.departmentName, i.category].filter(Boolean).join(' ').toLowerCase();
  const found = words.length ? items.filter((i) => words.every((w) => text(i).includes(w))) : items;
  if (filter.sort !== 'next_due') return found;
  const due = (i: CaseListItem) => i.nextDue?.dueAt.getTime() ?? Infinity;
  return [...found].sort((a, b) => due(a) - due(b));
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
    ...caseHeadline(c),
    departmentKey: c.departmentKey,
    ...staffFacingNames(ctx, c),
    summary: maskPersonalData(c.summary, { keep: [c.orderNumber] }),
    createdAt: c.createdAt,
    nextDue: due[0] ? { clock: due[0].clock, name: due[0].name, dueAt: due[0].dueAt } : null,
    overdueClocks: due.filter((d) => d.overdue).map((d) => d.clock),
  };
}
