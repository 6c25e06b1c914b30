import type { DeskContext } from './desk-settings.js';
import type { CaseRecord, CustomerRecord, EvidenceRecord, SolutionRecord, StoredFileSummary } from '../ports.js';
import { missingRequirements, requirementsFor } from './evidence-rules.js';
import { runningClocks, slaClockLabel, type RunningClock, type SlaPolicy } from '../sla/sla-clocks.js';
import { describeDue, describeTimeLeft } from '../sla/sla-text.js';
import { staffText, type StaffLabelKey } from '../staff-text/staff-text-catalog.js';
import { STATUS_LABELS } from '../staff-text/status-labels.js';
import type { Language } from '../triage/index.js';
import { formatMoney } from '../templates/customer-letter.js';
import { department } from './case-effects.js';
import { describeSolution } from '../templates/solution-text.js';
import { maskContact, maskPersonalData, maskPersonName } from '../privacy/mask-personal-data.js';
import { needsHumanReason } from './triage-boundary.js';

/**
 * Everything a case card shows, platform-neutral; adapters turn it into Block Kit or an Adaptive
 * Card. It is the staff-facing view: every piece of customer text in it is already masked
 * (mask-personal-data.ts), so no renderer can show a phone number by forgetting to mask it.
 */
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
  /** The amount with its currency as staff read it ("HK$899.00"), or null. */
  amountText: string | null;
  language: string;
  /** The language the card's words are in: the desk's staff language (a channel has many readers). */
  staffLanguage: Language;
  /** Composite card words, already in `staffLanguage`; single labels come from `cardLabel`. */
  words: { status: string; urgency: string; escalated: string | null; owner: string; department: string; evidence: string; lastTold: string | null };
  departmentKey: string | null;
  departmentName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  customerName: string;
  /** Masked: department channels never see full contact details. */
  customerContact: string | null;
  evidencePresent: string[];
  evidenceMissing: string[];
  /** Files the bot keeps a copy of: adapters link each to the bot's own signed download route. */
  evidenceFiles: { storedFileId: string; name: string }[];
  cues: string[];
  /** Set when the desk could not triage the message: staff read it and set things right by hand. */
  needsHuman: string | null;
  /** `name`: the clock as staff call it; `timeLeft`: "due in 3 h" / "overdue by 2 h"; `label`: that and the desk-local time (describeDue). */
  dueTimes: { clock: RunningClock; name: string; dueAt: Date; overdue: boolean; timeLeft: string; label: string }[];
  /** The last thing the customer was sent, so staff know what they were told. */
  lastToCustomer: string | null;
  pendingApproval: { solutionId: string; description: string } | null;
  openSolution: { solutionId: string; description: string } | null;
  satisfactionScore: number | null;
  createdAt: Date;
  /** Triage was not sure it is urgent: "possible urgent — check" until someone marks it urgent or not. */
  possibleUrgent: boolean;
  /** The staff question the customer has not answered yet. */
  pendingQuestion: string | null;
  relatedCaseNumber: string | null;
  mergedIntoNumber: string | null;
  /** What the customer wrote before the case was opened. */
  earlierMessages: string[];
  /** The department channel on each platform, for "moved to #…" on an old card. */
  departmentChannels: Partial<Record<string, string>>;
}

export interface CaseLinks {
  relatedCaseNumber: string | null;
  mergedIntoNumber: string | null;
  earlierMessages: string[];
}

/** Why staff cannot open a file from the card, in words; nothing when they can. */
function storedFileNote(f: StoredFileSummary | null): string {
  if (!f) return '';
  if (f.state === 'stored') return f.size === null ? '' : ` (${describeBytes(f.size)})`;
  if (f.state === 'too_large') return ` — too large to keep${f.reason ? ` (${f.reason})` : ''}: ask the customer to send it another way`;
  return ` — could not be fetched${f.reason ? ` (${f.reason})` : ''}${f.retrying ? '; the desk tries again' : '; ask the customer to send it again'}`;
}

export function describeBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 102.4) / 10} KB`;
  return `${Math.round(n / (1024 * 104.8576)) / 10} MB`;
}

/** What every staff view of a case opens with, the card and the list row alike: which case, where it stands, how urgent. */
export function caseHeadline(c: CaseRecord): Pick<CaseView, 'id' | 'number' | 'status' | 'category' | 'urgent' | 'escalationLevel'> {
  return { id: c.id, number: c.number, status: c.status, category: c.category, urgent: c.urgent, escalationLevel: c.escalationLevel };
}

/** The department and owner as staff read them on a card or in a list. */
export function staffFacingNames(ctx: DeskContext, c: CaseRecord): { departmentName: string | null; ownerName: string | null } {
  return {
    departmentName: department(ctx, c.departmentKey)?.name[ctx.settings.staffLanguage] ?? null,
    ownerName: c.ownerId ? (ctx.staff.get(c.ownerId)?.name ?? c.ownerId) : null,
  };
}

/** The running SLA clocks, soonest first, each marked overdue or not at `now`, labelled in the desk's time zone. */
export function dueTimes(c: CaseRecord, now: Date, timeZone: string, language: Language, sla: SlaPolicy): CaseView['dueTimes'] {
  return runningClocks(c).map(([clock, dueAt]) => ({
    clock,
    name: slaClockLabel(clock, language, sla),
    dueAt,
    overdue: dueAt.getTime() < now.getTime(),
    timeLeft: describeTimeLeft(dueAt, now, language),
    label: describeDue(dueAt, now, timeZone, language),
  }));
}

export function buildCaseView(
  ctx: DeskContext,
  c: CaseRecord,
  customer: CustomerRecord | null,
  evidence: EvidenceRecord[],
  solutions: SolutionRecord[],
  lastToCustomer: string | null,
  links: CaseLinks = { relatedCaseNumber: null, mergedIntoNumber: null, earlierMessages: [] },
): CaseView {
  const lang = ctx.settings.staffLanguage;
  const mask = (text: string) => maskPersonalData(text, { keep: [c.orderNumber] });
  const required = requirementsFor(ctx.settings.evidence, c.category);
  const missing = missingRequirements(required, evidence.filter((e) => e.kind !== 'declined'));
  const present = evidence.map((e) => {
    const label = e.requirement ? (ctx.settings.evidence.requirements[e.requirement]?.label[lang] ?? e.requirement) : staffText('card_evidence_attachment', lang);
    if (e.kind === 'declined') return staffText('card_evidence_declined', lang, { label });
    if (e.fileName) return `${label}: ${e.fileName}${storedFileNote(e.stored ?? null)}`;
    // Contact details never appear unmasked in a department channel.
    const isContact = e.requirement !== null && ctx.settings.evidence.requirements[e.requirement]?.satisfiedBy.includes('contact');
    return `${label}: ${isContact ? maskContact(e.text) : mask(e.text ?? '')}`;
  });
  const now = ctx.clock.now();
  const pending = solutions.find((s) => s.status === 'pending_approval');
  const offered = solutions.find((s) => s.status === 'offered');
  const contact = customer?.contact ?? null;
  const names = staffFacingNames(ctx, c);
  const lastTold = lastToCustomer === null ? null : mask(lastToCustomer);
  return {
    ...caseHeadline(c),
    summary: mask(c.summary),
    orderNumber: c.orderNumber,
    desiredOutcome: c.desiredOutcome,
    amount: c.amount,
    amountText: c.amount === null ? null : formatMoney(c.amount, c.currency ?? ctx.settings.compensation.currency, lang),
    language: c.language,
    staffLanguage: lang,
    words: {
      status: STATUS_LABELS[lang][c.status],
      urgency: staffText(c.urgent ? 'card_urgent' : 'card_normal', lang),
      escalated: c.escalationLevel > 0 ? staffText('card_escalated', lang, { level: c.escalationLevel }) : null,
      owner: names.ownerName ?? staffText('card_unclaimed', lang),
      department: names.departmentName ?? staffText('card_unrouted', lang),
      evidence: present.join('; ') || staffText('card_no_evidence', lang),
      lastTold: lastTold === null ? null : staffText('card_last_told', lang, { text: lastTold }),
    },
    departmentKey: c.departmentKey,
    ...names,
    ownerId: c.ownerId,
    customerName: maskPersonName(customer?.displayName ?? null),
    customerContact: maskContact(contact),
    evidencePresent: present,
    evidenceMissing: missing.map((r) => r.label[lang]),
    evidenceFiles: evidence.flatMap((e) => (e.stored?.state === 'stored' ? [{ storedFileId: e.stored.id, name: e.fileName ?? 'file' }] : [])),
    cues: c.cues,
    needsHuman: ((r) => (r ? staffText(`needs_human_${r}`, lang) : null))(needsHumanReason(c.cues)),
    dueTimes: dueTimes(c, now, ctx.settings.timeZone, lang, ctx.settings.sla),
    lastToCustomer: lastTold,
    pendingApproval: pending ? { solutionId: pending.id, description: mask(describeSolution(pending, lang)) } : null,
    openSolution: offered ? { solutionId: offered.id, description: mask(describeSolution(offered, lang)) } : null,
    satisfactionScore: c.satisfactionScore,
    createdAt: c.createdAt,
    possibleUrgent: c.possibleUrgent,
    pendingQuestion: c.pendingQuestion === null ? null : mask(c.pendingQuestion),
    ...links,
    // The customer's own words from before the case: staff read them masked like the summary.
    earlierMessages: links.earlierMessages.map(mask),
    departmentChannels: { ...(department(ctx, c.departmentKey)?.channels ?? {}) },
  };
}

/** One label or button of a card, in the card's staff language. */
export function cardLabel(c: Pick<CaseView, 'staffLanguage'>, key: StaffLabelKey): string {
  return staffText(key, c.staffLanguage);
}

/** What an old card says once its case moved to another department (every platform shows the same). */
export function movedNotice(c: CaseView, platform: string): string {
  const channel = c.departmentChannels[platform];
  return staffText('card_moved', c.staffLanguage, { number: c.number, department: c.departmentName ?? c.departmentKey ?? '—', channel: channel ? ` (#${channel})` : '' });
}

/** The lines a card adds for continuity and corrections: possible urgency, links, an open question, earlier messages. */
export function caseCardNotices(c: CaseView): string[] {
  const l = c.staffLanguage;
  const lines: string[] = [];
  if (c.possibleUrgent && !c.urgent) lines.push(staffText('notice_possible_urgent', l, { mark_urgent: cardLabel(c, 'button_mark_urgent'), not_urgent: cardLabel(c, 'button_not_urgent') }));
  if (c.mergedIntoNumber) lines.push(staffText('notice_merged', l, { number: c.mergedIntoNumber }));
  else if (c.relatedCaseNumber) lines.push(staffText('notice_related', l, { number: c.relatedCaseNumber }));
  if (c.pendingQuestion) lines.push(staffText('notice_pending_question', l, { question: c.pendingQuestion.slice(0, 300) }));
  if (c.earlierMessages.length) lines.push(staffText('notice_earlier_messages', l, { messages: c.earlierMessages.map((m) => `“${m.slice(0, 200)}”`).join(' · ').slice(0, 1200) }));
  return lines;
}
