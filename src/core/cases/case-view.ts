import type { DeskContext } from '../desk-settings.js';
import type { CaseRecord, CustomerRecord, EvidenceRecord, SolutionRecord } from '../ports.js';
import { missingRequirements, requirementsFor } from './evidence-rules.js';
import { runningClocks } from './sla-clocks.js';
import { department } from './case-effects.js';
import { describeSolution } from './solution-text.js';
import { NEEDS_HUMAN_TEXT, needsHumanReason } from './triage-boundary.js';

/** Everything a case card shows, platform-neutral; adapters turn it into Block Kit or an Adaptive Card. */
export interface CaseView {
  id: string;
  number: string;
  status: CaseRecord['status'];
  category: string | null;
  urgent: boolean;
  escalationLevel: number;
  summary: string;
  orderNumber: string | null;
  desiredOutcome: string | null;
  amount: number | null;
  language: string;
  departmentKey: string | null;
  departmentName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  customerName: string;
  /** Masked: department channels never see full contact details. */
  customerContact: string | null;
  evidencePresent: string[];
  evidenceMissing: string[];
  cues: string[];
  /** Set when the desk could not triage the message: staff read it and set things right by hand. */
  needsHuman: string | null;
  dueTimes: { clock: string; dueAt: Date; overdue: boolean }[];
  /** The last thing the customer was sent, so staff know what they were told. */
  lastToCustomer: string | null;
  pendingApproval: { solutionId: string; description: string } | null;
  openSolution: { solutionId: string; description: string } | null;
  satisfactionScore: number | null;
  createdAt: Date;
}

/** "13812345678" → "138****5678", "zhang.wei@example.com" → "z***@example.com". */
export function maskContact(contact: string | null): string | null {
  if (!contact) return null;
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}***${contact.slice(at)}`;
  const digits = contact.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return '***';
}

/** The department and owner as staff read them on a card or in a list. */
export function staffFacingNames(ctx: DeskContext, c: CaseRecord): { departmentName: string | null; ownerName: string | null } {
  return {
    departmentName: department(ctx, c.departmentKey)?.name.en ?? null,
    ownerName: c.ownerId ? (ctx.staff.get(c.ownerId)?.name ?? c.ownerId) : null,
  };
}

/** The running SLA clocks, soonest first, each marked overdue or not at `now`. */
export function dueTimes(c: CaseRecord, now: Date): CaseView['dueTimes'] {
  return runningClocks(c).map(([clock, dueAt]) => ({ clock, dueAt, overdue: dueAt.getTime() < now.getTime() }));
}

export function buildCaseView(
  ctx: DeskContext,
  c: CaseRecord,
  customer: CustomerRecord | null,
  evidence: EvidenceRecord[],
  solutions: SolutionRecord[],
  lastToCustomer: string | null,
): CaseView {
  const lang = 'en' as const;
  const required = requirementsFor(ctx.settings.evidence, c.category);
  const missing = missingRequirements(required, evidence.filter((e) => e.kind !== 'declined'));
  const present = evidence.map((e) => {
    const label = e.requirement ? (ctx.settings.evidence.requirements[e.requirement]?.label[lang] ?? e.requirement) : 'attachment';
    if (e.kind === 'declined') return `${label}: customer does not have it`;
    if (e.fileName) return `${label}: ${e.fileName}`;
    // Contact details never appear unmasked in a department channel.
    const isContact = e.requirement !== null && ctx.settings.evidence.requirements[e.requirement]?.satisfiedBy.includes('contact');
    return `${label}: ${isContact ? maskContact(e.text) : (e.text ?? '')}`;
  });
  const now = ctx.clock.now();
  const pending = solutions.find((s) => s.status === 'pending_approval');
  const offered = solutions.find((s) => s.status === 'offered');
  const contact = customer?.contact ?? null;
  return {
    id: c.id,
    number: c.number,
    status: c.status,
    category: c.category,
    urgent: c.urgent,
    escalationLevel: c.escalationLevel,
    summary: c.summary,
    orderNumber: c.orderNumber,
    desiredOutcome: c.desiredOutcome,
    amount: c.amount,
    language: c.language,
    departmentKey: c.departmentKey,
    ...staffFacingNames(ctx, c),
    ownerId: c.ownerId,
    customerName: maskName(customer?.displayName ?? null),
    customerContact: maskContact(contact),
    evidencePresent: present,
    evidenceMissing: missing.map((r) => r.label[lang]),
    cues: c.cues,
    needsHuman: ((r) => (r ? NEEDS_HUMAN_TEXT[r] : null))(needsHumanReason(c.cues)),
    dueTimes: dueTimes(c, now),
    lastToCustomer,
    pendingApproval: pending ? { solutionId: pending.id, description: describeSolution(pending, lang) } : null,
    openSolution: offered ? { solutionId: offered.id, description: describeSolution(offered, lang) } : null,
    satisfactionScore: c.satisfactionScore,
    createdAt: c.createdAt,
  };
}

function maskName(name: string | null): string {
  if (!name) return 'Customer';
  // Chinese names: keep the surname; Latin names: first name and initial.
  if (/^[\p{Script=Han}]+$/u.test(name)) return `${name[0]}**`;
  const [first, last] = name.split(/\s+/);
  return last ? `${first} ${last[0]}.` : (first ?? 'Customer');
}

/** How a status reads on a case card, the same on every platform. */
export const STATUS_LABEL: Record<CaseView['status'], string> = {
  received: '📥 Received',
  awaiting_evidence: '⏳ Waiting for evidence',
  routed: '🆕 Unclaimed',
  claimed: '🙋 Claimed',
  solution_proposed: '🧩 Solution proposed',
  agreed: '🤝 Agreed',
  in_progress: '🔧 In progress',
  resolved: '✅ Resolved',
  closed: '📦 Closed',
};
