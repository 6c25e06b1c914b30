import type { Language } from './triage/index.js';
import type { DeskContext } from './cases/desk-settings.js';
import type { Actor, CaseEventRecord, CaseMessageRecord, CaseRecord, SolutionRecord, CustomerMessage, SolutionProposal, SolutionProposalInput, StaffCommand } from './ports.js';
import { handleStaffThreadMessage, type StaffThreadMessage } from './cases/staff-thread-message.js';
import { deskErrors } from './errors.js';
import { buildCaseView, type CaseView } from './cases/case-view.js';
import { fileChosenMessage, openCaseFromMessage, receiveCustomerMessage, type IntakeOptions, type IntakeOutcome } from './cases/intake.js';
import { changeCategory, linkCase, markUrgent, type CategoryChange } from './cases/staff-corrections.js';
import * as staff from './cases/staff-actions.js';
import { sharedCardActions, possibleActionsFor, type CaseViewer, type StaffAction } from './cases/staff-permissions.js';
import type { StaffMember } from './staff-directory.js';
import * as customer from './cases/customer-decisions.js';
import { answerCustomerCard, customerClickLanguage, decisionWords, type CustomerClick } from './cases/customer-clicks.js';
import { CASE_NUMBER_PATTERN } from './cases/case-number.js';
import { searchAndSort, toCaseListItem, type CaseListFilter, type CaseListItem } from './cases/case-list.js';
import { compensationGuidance, type CompensationGuidance } from './compensation/compensation-guidance.js';
import { renderLetter, type LetterKind } from './templates/customer-letter.js';
import { maskPersonalData } from './privacy/mask-personal-data.js';
import { cardChannel } from './cases/case-effects.js';
import { auditInWords, type AuditLine } from './cases/audit-in-words.js';

/** A staff card's content: the case as staff see it and the actions its reader(s) may take now; adapters only render it. */
export interface StaffCaseCard {
  view: CaseView;
  actions: StaffAction[];
}

/**
 * The desk's use cases, one method each. Adapters call these and nothing deeper; every
 * method runs in one transaction and leaves its outbound effects in the outbox.
 */
export class Desk {
  constructor(readonly ctx: DeskContext) {}

  receiveCustomerMessage(msg: CustomerMessage, options?: IntakeOptions): Promise<IntakeOutcome> {
    return receiveCustomerMessage(this.ctx, msg, options);
  }

  /** Staff open a case on a customer's message, whatever triage made of it (intake.ts). */
  openCaseFromMessage(actor: Actor, msg: CustomerMessage) {
    return openCaseFromMessage(this.ctx, actor, msg);
  }

  /** The customer answered "which case is this about?" (`caseId` null: a new problem). */
  chooseCase(actor: Actor, unfiledId: string, caseId: string | null) {
    return fileChosenMessage(this.ctx, actor, unfiledId, caseId);
  }

  changeCategory(actor: Actor, caseId: string, change: CategoryChange, cmd?: StaffCommand) {
    return changeCategory(this.ctx, actor, caseId, change, cmd);
  }
  markUrgent(actor: Actor, caseId: string, urgent: boolean, cmd?: StaffCommand) {
    return markUrgent(this.ctx, actor, caseId, urgent, cmd);
  }
  /** `mode` link: "related to"; merge: this case is a duplicate of `otherRef` (a case number or id). */
  linkCase(actor: Actor, caseId: string, otherRef: string, mode: 'link' | 'merge', cmd?: StaffCommand) {
    return linkCase(this.ctx, actor, caseId, otherRef, mode, cmd);
  }

  /** Staff corrections of the triage, oldest first (exported as labelled examples). */
  corrections() {
    return this.ctx.store.listCorrections();
  }

  claimCase(actor: Actor, caseId: string, cmd?: StaffCommand) {
    return staff.claimCase(this.ctx, actor, caseId, cmd);
  }
  reassignCase(actor: Actor, caseId: string, newOwnerId: string, cmd?: StaffCommand) {
    return staff.reassignCase(this.ctx, actor, caseId, newOwnerId, cmd);
  }
  askCustomer(actor: Actor, caseId: string, question: string, cmd?: StaffCommand) {
    return staff.askCustomer(this.ctx, actor, caseId, question, cmd);
  }
  postUpdate(actor: Actor, caseId: string, text: string, cmd?: StaffCommand) {
    return staff.postUpdate(this.ctx, actor, caseId, text, cmd);
  }
  replyToCustomer(actor: Actor, caseId: string, text: string, cmd?: StaffCommand) {
    return staff.replyToCustomer(this.ctx, actor, caseId, text, cmd);
  }
  addInternalNote(actor: Actor, caseId: string, text: string, cmd?: StaffCommand) {
    return staff.addInternalNote(this.ctx, actor, caseId, text, cmd);
  }
  /** A staff message in a case card's thread: an internal note, or a reply when explicitly addressed (staff-thread-message.ts). */
  staffThreadMessage(actor: Actor, caseId: string, message: StaffThreadMessage, cmd?: StaffCommand) {
    return handleStaffThreadMessage(this.ctx, actor, caseId, message, cmd);
  }
  proposeSolution(actor: Actor, caseId: string, proposal: SolutionProposalInput, cmd?: StaffCommand) {
    return staff.proposeSolution(this.ctx, actor, caseId, proposal, cmd);
  }
  approveSolution(actor: Actor, solutionId: string, cmd?: StaffCommand) {
    return staff.approveSolution(this.ctx, actor, solutionId, cmd);
  }
  /** `letter`: send the result as an apology or explanation-and-resolution letter instead of the short notice. */
  resolveCase(actor: Actor, caseId: string, result: string, opts?: { letter?: LetterKind }, cmd?: StaffCommand) {
    return staff.resolveCase(this.ctx, actor, caseId, result, opts, cmd);
  }
  escalateCase(actor: Actor, caseId: string, note?: string, cmd?: StaffCommand) {
    return staff.escalateCase(this.ctx, actor, caseId, note, cmd);
  }
  closeCase(actor: Actor, caseId: string, cmd?: StaffCommand) {
    return staff.closeCase(this.ctx, actor, caseId, cmd);
  }
  reopenCase(actor: Actor, caseId: string, reason: string, cmd?: StaffCommand) {
    return staff.reopenCase(this.ctx, actor, caseId, reason, cmd);
  }
  respondToSolution(actor: Actor, solutionId: string, decision: { accept: true } | { accept: false; reason: string }) {
    return customer.respondToSolution(this.ctx, actor, solutionId, decision);
  }
  submitSurvey(actor: Actor, caseId: string, score: number, comment?: string | null) {
    return customer.submitSurvey(this.ctx, actor, caseId, score, comment);
  }

  /** A customer's click on one of their cards (Accept/Reject, the survey, which case): the answer as the card now shows it. */
  answerCustomerCard(actor: Actor, click: CustomerClick) {
    return answerCustomerCard(this.ctx, actor, click);
  }
  /** The customer's language for a click (its case's), or null when the click names nothing we know. */
  customerClickLanguage(click: CustomerClick) {
    return customerClickLanguage(this.ctx, click);
  }
  /** The reject form's words in the language of the solution's customer. */
  decisionWords(solutionId: string) {
    return decisionWords(this.ctx, solutionId);
  }

  /**
   * Draws the cases' cards again because something they show changed outside the case (an
   * evidence file fetched on a retry); `reason` keys the redraw, so it is queued once.
   */
  async redrawCards(caseIds: string[], reason: string): Promise<void> {
    for (const caseId of caseIds)
      await this.ctx.store.transaction(async (tx) => {
        const c = await tx.lockCase(caseId);
        const where = c ? cardChannel(this.ctx, c) : null;
        if (c && where) await tx.enqueue({ type: 'case_card', caseId, ...where }, { dedupeKey: `card:${caseId}:${reason}`, availableAt: this.ctx.clock.now() });
      });
  }

  /** Finds a case by its readable number ("CMP-20261123-0042", any case) or id. */
  async findCase(ref: string): Promise<CaseRecord | null> {
    const number = CASE_NUMBER_PATTERN.exec(ref)?.[0]?.toUpperCase();
    if (number) return this.ctx.store.findCaseByNumber(number);
    return /^[0-9a-f-]{36}$/i.test(ref) ? this.ctx.store.getCase(ref) : null;
  }

  /** The case a proposed solution belongs to. */
  async caseOfSolution(solutionId: string): Promise<CaseRecord | null> {
    const solution = await this.ctx.store.transaction((tx) => tx.getSolution(solutionId));
    return solution ? this.ctx.store.getCase(solution.caseId) : null;
  }

  /**
   * What this staff member may do to the case now (staff-permissions.ts possibleActionsFor), for
   * views that know who is looking; nothing for someone who is not staff.
   */
  async actionsFor(actor: Actor, caseId: string): Promise<StaffAction[]> {
    const member = this.ctx.staff.byActor(actor);
    if (!member) return [];
    const { c, heldSolution } = await this.caseAndHeldSolution(caseId);
    return possibleActionsFor(c, await this.viewerOf(c, member, heldSolution));
  }

  /** The case card as one person sees it: the view and the actions they may take now (none for a non-staff member). */
  async caseCardFor(actor: Actor, caseId: string): Promise<StaffCaseCard> {
    const [view, actions] = await Promise.all([this.caseView(caseId), this.actionsFor(actor, caseId)]);
    return { view, actions };
  }

  /**
   * The case card as its department channel shows it to everyone alike: only the actions every
   * member of the department's roster (StaffDirectory.rosterOf) may take now, and who that roster is.
   */
  async departmentCaseCard(caseId: string): Promise<StaffCaseCard & { roster: StaffMember[] }> {
    const { c, heldSolution } = await this.caseAndHeldSolution(caseId);
    const roster = this.ctx.staff.rosterOf(c.departmentKey);
    const viewers = await Promise.all(roster.map((m) => this.viewerOf(c, m, heldSolution)));
    return { view: await this.caseView(caseId), actions: sharedCardActions(c, viewers), roster };
  }

  private async caseAndHeldSolution(caseId: string): Promise<{ c: CaseRecord; heldSolution: SolutionRecord | null }> {
    const c = await this.ctx.store.getCase(caseId);
    if (!c) throw deskErrors.notFound('case');
    const heldSolution = (await this.ctx.store.listSolutions(c.id)).find((s) => s.status === 'pending_approval') ?? null;
    return { c, heldSolution };
  }

  private async viewerOf(c: CaseRecord, member: StaffMember, heldSolution: SolutionRecord | null): Promise<CaseViewer> {
    const { store, settings } = this.ctx;
    return { member, conflict: await staff.conflictOf(store, c, member), policy: settings.staffPolicy, ownerName: staff.ownerName(this.ctx, c), heldSolution, approvals: settings.approvals };
  }

  async caseView(caseId: string): Promise<CaseView> {
    return (await this.loadCase(caseId)).view;
  }

  private async loadCase(caseId: string): Promise<{ view: CaseView; messages: CaseMessageRecord[]; solutions: SolutionRecord[] }> {
    const { store } = this.ctx;
    const c = await store.getCase(caseId);
    if (!c) throw deskErrors.notFound('case');
    const [customerRecord, evidence, solutions, messages] = await Promise.all([
      store.getCustomer(c.customerId),
      store.listEvidence(c.id),
      store.listSolutions(c.id),
      store.listMessages(c.id),
    ]);
    const last = [...messages].reverse().find((m) => m.direction === 'outbound')?.text ?? null;
    const [related, mergedInto] = await Promise.all([c.relatedCaseId ? store.getCase(c.relatedCaseId) : null, c.mergedIntoCaseId ? store.getCase(c.mergedIntoCaseId) : null]);
    const links = {
      relatedCaseNumber: related?.number ?? null,
      mergedIntoNumber: mergedInto?.number ?? null,
      // What the customer wrote before the case existed (attached when it was opened), not the message that opened it
      // (recorded first; written before the case when staff or the customer's choice opened it later).
      earlierMessages: messages.filter((m) => m.direction === 'inbound').slice(1).filter((m) => m.createdAt.getTime() < c.createdAt.getTime()).map((m) => m.text),
    };
    return { view: buildCaseView(this.ctx, c, customerRecord, evidence, solutions, last, links), messages, solutions };
  }

  /**
   * The suggested compensation range for a case (docs/DOMAIN.md §5), for the proposal form.
   * Staff only; with the asking member's own approval limit, in their staff language.
   */
  async compensationGuidance(actor: Actor, caseId: string): Promise<CompensationGuidance> {
    const member = this.ctx.staff.byActor(actor);
    if (!member) throw deskErrors.notPermitted({ reason: 'staff_only' });
    const c = await this.ctx.store.getCase(caseId);
    if (!c) throw deskErrors.notFound('case');
    return compensationGuidance(c, this.ctx.settings, member.compensationLimit, member.language ?? this.ctx.settings.staffLanguage);
  }

  /** The letter the customer would receive, for staff to preview before sending. */
  async previewLetter(caseId: string, kind: LetterKind, details: string, solution?: SolutionProposal): Promise<string> {
    const c = await this.ctx.store.getCase(caseId);
    if (!c) throw deskErrors.notFound('case');
    const customerRecord = await this.ctx.store.getCustomer(c.customerId);
    const agreed = solution ?? (await this.ctx.store.listSolutions(c.id)).filter((s) => s.status === 'accepted').at(-1) ?? null;
    return renderLetter(this.ctx.settings.templates, {
      kind,
      caseRecord: c,
      customer: customerRecord,
      solution: agreed ? { amount: null, currency: null, effectiveBy: null, ...agreed } : null,
      details,
      date: this.ctx.clock.now(),
      timeZone: this.ctx.settings.timeZone,
    });
  }

  /** The staff member's open cases, as list rows (summaries masked). */
  async openCasesOwnedBy(actor: Actor): Promise<CaseListItem[]> {
    const member = this.ctx.staff.byActor(actor);
    if (!member) throw deskErrors.notPermitted({ reason: 'staff_only' });
    const now = this.ctx.clock.now();
    return (await this.ctx.store.listOpenCasesOwnedBy(member.id)).map((c) => toCaseListItem(this.ctx, c, now));
  }

  /** Newest cases first, or by next deadline; `overdue` is judged on the SLA clocks at the desk's current time. */
  async listCases(filter: CaseListFilter = {}): Promise<CaseListItem[]> {
    const limit = filter.limit ?? 200;
    const now = this.ctx.clock.now();
    const judgedHere = filter.overdue !== undefined || Boolean(filter.search?.trim()) || filter.sort === 'next_due';
    const rows = await this.ctx.store.listCases({
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.departmentKey ? { departmentKey: filter.departmentKey } : {}),
      ...(filter.urgent !== undefined ? { urgent: filter.urgent } : {}),
      ...(filter.platform ? { platform: filter.platform } : {}),
      ...(filter.ownerId !== undefined ? { ownerId: filter.ownerId } : {}),
      // Overdue, search and deadline order are decided here, from the rows, so look further back before cutting to the limit.
      limit: judgedHere ? limit * 5 : limit,
    });
    const items = rows.map((c) => toCaseListItem(this.ctx, c, now));
    const wanted = filter.overdue === undefined ? items : items.filter((i) => (i.overdueClocks.length > 0) === filter.overdue);
    return searchAndSort(wanted, filter).slice(0, limit);
  }

  /**
   * A case with its whole record, as staff see it: the card view, the conversation, solutions
   * and the audit trail (in the viewer's staff language), with personal data in every text masked like on the card.
   */
  async caseHistory(caseId: string, language?: Language): Promise<{ view: CaseView; messages: CaseMessageRecord[]; solutions: SolutionRecord[]; events: CaseEventRecord[]; audit: AuditLine[] }> {
    const [loaded, events] = await Promise.all([this.loadCase(caseId), this.ctx.store.listEvents(caseId)]);
    const keep = [loaded.view.orderNumber];
    const mask = (text: string) => maskPersonalData(text, { keep });
    const masked = events.map((e) => ({ ...e, before: maskValues(e.before, mask), after: maskValues(e.after, mask) }));
    const { settings } = this.ctx;
    // The trail in the viewer's staff language (the desk's when not given).
    const viewerLanguage = language ?? settings.staffLanguage;
    const departmentName = (key: string) => settings.departments.find((d) => d.key === key)?.name[viewerLanguage] ?? key;
    return {
      view: loaded.view,
      messages: loaded.messages.map((m) => ({ ...m, text: mask(m.text) })),
      solutions: loaded.solutions.map((s) => ({ ...s, text: mask(s.text), rejectionReason: s.rejectionReason === null ? null : mask(s.rejectionReason) })),
      events: masked,
      // The same trail in words: names from the staff directory, times in the desk's time zone.
      audit: auditInWords(masked, { staff: this.ctx.staff, timeZone: settings.timeZone, departmentName, language: viewerLanguage }),
    };
  }
}

/** The audit trail's before/after as staff read it: every string in it masked. */
function maskValues(value: Record<string, unknown> | null, mask: (text: string) => string): Record<string, unknown> | null {
  if (value === null) return null;
  const walk = (v: unknown): unknown => (typeof v === 'string' ? mask(v) : Array.isArray(v) ? v.map(walk) : v && typeof v === 'object' && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v);
  return walk(value) as Record<string, unknown>;
}
