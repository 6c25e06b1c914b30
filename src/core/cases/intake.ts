import type { DeskContext } from './desk-settings.js';
import type { Actor, AttachmentRef, CaseChoiceOption, CaseRecord, CustomerMessage, CustomerRecord, DeskTransaction, UnfiledWithin } from '../ports.js';
import type { Language, Triage } from '../triage/index.js';
import { deskErrors } from '../errors.js';
import { renderTemplate } from '../templates/render-template.js';
import { inProcessTriager, untriaged, type NeedsHumanReason } from './triage-boundary.js';
import { staffText } from '../staff-text/staff-text-catalog.js';
import { formatDeadline } from '../templates/format-deadline.js';
import { nextStatus } from './case-status.js';
import { isOpen } from '../model/lifecycle.js';
import { CaseEffects, cardChannel, staffLanguageOf, type AuditActor } from './case-effects.js';
import { continueEvidenceDialogue, openEvidenceDialogue, takeEvidenceFromAnswer } from './evidence-dialogue.js';
import { decideGrouping, waitingOn } from './grouping.js';
import { CASE_NUMBER_PATTERN, formatCaseNumber } from './case-number.js';
import { intakeClocks, shiftStaffClocks, urgentHandlingDueAt } from '../sla/sla-clocks.js';
import { escalate } from './escalation.js';

export type IntakeOutcome =
  | { kind: 'created'; caseId: string; caseNumber: string; separateFrom: string | null }
  | { kind: 'joined'; caseId: string; caseNumber: string }
  | { kind: 'duplicate'; caseId: string; caseNumber: string }
  | { kind: 'not_a_complaint' }
  /** Several open cases could take the message: the customer was asked which one; it waits, stored, until they answer. */
  | { kind: 'choice_asked'; unfiledId: string }
  | { kind: 'limited'; caseId: string; caseNumber: string };

const TRUNCATION_MARK = ' …[truncated]';

export interface IntakeOptions {
  /** Skip triage: the message goes to staff as a case that needs a human (its processing kept failing). */
  needsHuman?: NeedsHumanReason;
}

/**
 * Turns a customer's message into a case, or adds it to the case it belongs to (grouping.ts).
 * Idempotent: the same platform message delivered again returns the case it made.
 */
export async function receiveCustomerMessage(ctx: DeskContext, msg: CustomerMessage, options: IntakeOptions = {}): Promise<IntakeOutcome> {
  const text = clipped(ctx, msg.text);
  const triaged = options.needsHuman ? { kind: 'needs_human' as const, reason: options.needsHuman } : await (ctx.triager ?? inProcessTriager).triage(text);
  // Never dropped: a message triage could not handle is a case of unknown category for staff.
  const needsHuman = triaged.kind === 'needs_human' ? triaged.reason : null;
  const triage = triaged.kind === 'triaged' ? triaged.triage : untriaged(text, triaged.reason);
  const now = msg.receivedAt ?? ctx.clock.now();
  const attachments = msg.attachments ?? [];
  return ctx.store.transaction(async (tx) => {
    await tx.lockCustomerKey(`${msg.platform}:${msg.customer.userId}`);
    const { caseId: existingId, unfiled } = await tx.findEarlierDelivery(msg.platform, msg.messageId);
    if (existingId) {
      const existing = await tx.lockCase(existingId);
      return { kind: 'duplicate', caseId: existingId, caseNumber: existing?.number ?? '' };
    }
    if (unfiled) return unfiled.state === 'pending_choice' ? { kind: 'choice_asked', unfiledId: unfiled.id } : { kind: 'not_a_complaint' };
    const customer = await tx.upsertCustomer({
      platform: msg.platform,
      platformUserId: msg.customer.userId,
      displayName: msg.customer.displayName ?? null,
      contact: msg.customer.contact ?? null,
    });
    const conv = msg.conversation;
    // A chat that is one long thread (a Teams personal chat) says nothing about which case a message is for.
    const ownThread = conv.threadId && conv.threadId !== conv.channelId ? conv.threadId : null;
    const threadCase = ownThread ? await tx.findCaseByThread(msg.platform, conv.channelId, ownThread, customer.id) : null;
    const conversationCases = await tx.listConversationCases(customer.id, msg.platform, conv.channelId);
    // Untriaged, it cannot be told apart from the customer's open cases: its own case, unless it is a reply in that case's thread.
    const decision =
      needsHuman === null
        ? decideGrouping({
            threadCase,
            namedCase: await namedCase(tx, customer.id, text),
            conversationCases,
            elsewhereCases: conv.isPrivate ? (await tx.listConversationCases(customer.id, msg.platform, null)).filter((x) => x.caseRecord.channelId !== conv.channelId) : [],
            triage,
            now,
            windowMinutes: ctx.settings.intake.groupingWindowMinutes,
            carriesFiles: (msg.attachments?.length ?? 0) > 0,
          })
        : decideGrouping({ threadCase, namedCase: null, conversationCases: [], elsewhereCases: [], triage, now, windowMinutes: 0 });
    const actor: AuditActor = { kind: 'customer', id: msg.customer.userId, platform: msg.platform };
    const fx = new CaseEffects(ctx, tx);
    const replyTo = { type: 'customer_message', caseId: null, platform: msg.platform, channelId: conv.channelId, threadId: conv.threadId ?? msg.messageId } as const;

    if (decision.kind === 'not_a_complaint') {
      // In the thread of someone else's case: only that case's customer adds to it.
      const othersThread = conv.threadId !== undefined && conv.threadId !== null && !threadCase ? await tx.anyCaseInThread(msg.platform, conv.channelId, conv.threadId) : false;
      // Kept, not dropped: a case opened for this customer later shows it.
      await tx.insertUnfiled({ customerId: customer.id, platform: msg.platform, platformMessageId: msg.messageId, channelId: conv.channelId, text, message: { ...msg, text }, choices: [], state: 'unfiled', createdAt: now });
      await tx.enqueue(
        { ...replyTo, text: ctx.settings.templates[othersThread ? 'thread_of_another_customer' : 'not_a_complaint'][triage.language] },
        { dedupeKey: `msg:${msg.platform}:${msg.messageId}:reply`, availableAt: now },
      );
      return { kind: 'not_a_complaint' };
    }

    if (decision.kind === 'choose') {
      const pending = await tx.insertUnfiled({
        customerId: customer.id,
        platform: msg.platform,
        platformMessageId: msg.messageId,
        channelId: conv.channelId,
        text,
        message: { ...msg, text },
        choices: decision.options.map((c) => c.id),
        state: 'pending_choice',
        createdAt: now,
      });
      const language = triage.language;
      await tx.enqueue(
        {
          ...replyTo,
          text: renderTemplate(ctx.settings.templates, 'which_case', language, {}),
          actions: { kind: 'case_choice', unfiledId: pending.id, options: caseChoiceOptions(ctx, decision.options, language) },
        },
        { dedupeKey: `msg:${msg.platform}:${msg.messageId}:choice`, availableAt: now },
      );
      return { kind: 'choice_asked', unfiledId: pending.id };
    }

    if (decision.kind === 'join') {
      const locked = (await tx.lockCase(decision.caseRecord.id))!;
      // An expected answer in a chat with one case needs no "added to case …"; with several it says where it went.
      const tellWhere = decision.via !== 'thread' && (decision.via !== 'waiting' || conversationCases.length > 1);
      await joinCase({ ctx, tx, fx, msg, text, attachments, actor, now }, locked, tellWhere);
      if (needsHuman) await fx.cardNote(locked, (l) => `⚠️ ${staffText(`needs_human_${needsHuman}`, l)}`, `msg:${msg.platform}:${msg.messageId}:needs-human`);
      return { kind: 'joined', caseId: locked.id, caseNumber: locked.number };
    }

    const createdLastHour = await tx.countCasesCreatedSince(customer.id, new Date(now.getTime() - 3_600_000));
    if (createdLastHour >= ctx.settings.intake.maxNewCasesPerHour) {
      // Keep the message on the customer's latest case rather than drop it.
      const latest = (await tx.findLatestCase(customer.id))!;
      const locked = (await tx.lockCase(latest.id))!;
      await recordInbound(ctx, tx, locked, msg, text);
      await fx.audit(locked, actor, 'intake_limited', null, { createdLastHour, text });
      await fx.tellCustomer(locked, 'intake_limited', {}, `msg:${msg.platform}:${msg.messageId}:limited`);
      return { kind: 'limited', caseId: locked.id, caseNumber: locked.number };
    }

    const created = await openCase(ctx, tx, fx, customer, msg, text, attachments, triage, now, decision.separateFrom, needsHuman);
    return { kind: 'created', caseId: created.id, caseNumber: created.number, separateFrom: decision.separateFrom?.number ?? null };
  });
}

const clipped = (ctx: DeskContext, text: string) => (text.length > ctx.settings.intake.maxTextLength ? text.slice(0, ctx.settings.intake.maxTextLength) + TRUNCATION_MARK : text);

export type StaffOpenOutcome = { kind: 'opened' | 'already_case'; caseId: string; caseNumber: string };

/** A case staff opened on a customer's message: who, whether triage had taken it for a complaint, and its stored copy. */
interface StaffOpening {
  who: AuditActor;
  triageSaidComplaint: boolean;
  /** The message as intake kept it (not a complaint, or waiting for the customer's choice): filed into the case. */
  unfiledId: string | null;
}

/**
 * Staff open a case on a customer's message (Slack's 🎫 and "open a case"): their judgement that it is a
 * complaint overrides triage's isComplaint and nothing else (category, urgency and order number stay
 * triage's; without a category, the desk's fallback department). Always a case of its own, whatever the
 * customer's open cases; a message already in a case opens nothing, and the outcome names that case.
 * The customer's unfiled messages of that conversation from within the window before it come with it.
 */
export async function openCaseFromMessage(ctx: DeskContext, actor: Actor, msg: CustomerMessage): Promise<StaffOpenOutcome> {
  const member = ctx.staff.byActor(actor);
  if (!member) throw deskErrors.notPermitted({ reason: 'staff_only' });
  const text = clipped(ctx, msg.text);
  const triaged = await (ctx.triager ?? inProcessTriager).triage(text);
  const needsHuman = triaged.kind === 'needs_human' ? triaged.reason : null;
  const triage = triaged.kind === 'triaged' ? triaged.triage : untriaged(text, triaged.reason);
  return ctx.store.transaction(async (tx) => {
    await tx.lockCustomerKey(`${msg.platform}:${msg.customer.userId}`);
    const { caseId: existingId, unfiled } = await tx.findEarlierDelivery(msg.platform, msg.messageId);
    const inCase = existingId ?? unfiled?.caseId ?? null;
    if (inCase) {
      const existing = await tx.lockCase(inCase);
      return { kind: 'already_case', caseId: inCase, caseNumber: existing?.number ?? '' };
    }
    const customer = await tx.upsertCustomer({
      platform: msg.platform,
      platformUserId: msg.customer.userId,
      displayName: msg.customer.displayName ?? null,
      contact: msg.customer.contact ?? null,
    });
    // As intake kept it, at the time the customer wrote it; the case and its clocks start now, when staff open it.
    const opening: CustomerMessage = unfiled ? { ...unfiled.message, receivedAt: unfiled.createdAt } : msg;
    const staffOpening = { who: { kind: 'staff', id: member.id, platform: actor.platform }, triageSaidComplaint: triage.isComplaint, unfiledId: unfiled?.id ?? null } as const;
    const fx = new CaseEffects(ctx, tx);
    const c = await openCase(ctx, tx, fx, customer, opening, unfiled?.text ?? text, opening.attachments ?? [], { ...triage, isComplaint: true }, ctx.clock.now(), null, needsHuman, staffOpening);
    return { kind: 'opened', caseId: c.id, caseNumber: c.number };
  });
}

/** The customer's own case named in the text ("CMP-20261123-0042"), followed to the case a duplicate was merged into. */
async function namedCase(tx: DeskTransaction, customerId: string, text: string): Promise<CaseRecord | null> {
  const number = CASE_NUMBER_PATTERN.exec(text)?.[0]?.toUpperCase();
  let c = number ? await tx.findCustomerCaseByNumber(customerId, number) : null;
  for (let hops = 0; c?.mergedIntoCaseId && hops < 5; hops++) c = await tx.lockCase(c.mergedIntoCaseId);
  return c;
}

/** The buttons of "which case is this about?": each case by number and what it is about, then "a new problem". */
export function caseChoiceOptions(ctx: DeskContext, cases: CaseRecord[], language: Language): CaseChoiceOption[] {
  const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);
  return [
    ...cases.map((c) => ({ caseId: c.id, label: `${c.number} · ${clip(c.summary.replace(/\s+/g, ' '))}` })),
    { caseId: null, label: renderTemplate(ctx.settings.templates, 'new_problem_button', language, {}) },
  ];
}

/**
 * The customer answered "which case is this about?": the message waiting for it is filed into
 * the case they picked, or opens a new one. A second click changes nothing.
 */
export async function fileChosenMessage(ctx: DeskContext, actor: Actor, unfiledId: string, caseId: string | null): Promise<{ caseId: string; caseNumber: string }> {
  return ctx.store.transaction(async (tx) => {
    const u = await tx.lockUnfiled(unfiledId);
    if (!u) throw deskErrors.notFound('message');
    const customer = await tx.getCustomer(u.customerId);
    if (!customer || customer.platform !== actor.platform || customer.platformUserId !== actor.userId) throw deskErrors.notPermitted({ reason: 'not_your_message' });
    await tx.lockCustomerKey(`${customer.platform}:${customer.platformUserId}`);
    if (u.state !== 'pending_choice' && u.caseId) {
      const filed = await tx.lockCase(u.caseId);
      return { caseId: u.caseId, caseNumber: filed?.number ?? '' };
    }
    if (caseId !== null && !u.choices.includes(caseId)) throw deskErrors.invalidInput({ reason: 'not_a_choice' });
    const msg: CustomerMessage = { ...u.message, receivedAt: u.createdAt };
    const now = ctx.clock.now();
    const who: AuditActor = { kind: 'customer', id: actor.userId, platform: actor.platform };
    const fx = new CaseEffects(ctx, tx);
    const chosen = caseId ? await tx.lockCase(caseId) : null;
    let target: CaseRecord;
    if (chosen && (isOpen(chosen.status) || waitingOn(chosen))) {
      await joinCase({ ctx, tx, fx, msg, text: u.text, attachments: msg.attachments ?? [], actor: who, now }, chosen, true);
      target = chosen;
    } else {
      // "A new problem": triaged like any first message, under the same budget.
      const triaged = await (ctx.triager ?? inProcessTriager).triage(u.text);
      const triage = triaged.kind === 'triaged' ? triaged.triage : untriaged(u.text, triaged.reason);
      target = await openCase(ctx, tx, fx, customer, msg, u.text, msg.attachments ?? [], triage, now, null, triaged.kind === 'needs_human' ? triaged.reason : null);
    }
    await tx.markUnfiledFiled(u.id, target.id, now);
    return { caseId: target.id, caseNumber: target.number };
  });
}

/**
 * Messages the customer wrote before this case existed (greetings, questions): staff see them on the new case.
 * `within`: only those of one conversation since a time (a case staff opened on one message).
 */
async function attachEarlierMessages(ctx: DeskContext, tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, actor: AuditActor, within?: UnfiledWithin): Promise<void> {
  const earlier = await tx.listUnfiled(c.customerId, within);
  if (!earlier.length) return;
  for (const m of earlier) {
    await tx.addMessage({ caseId: c.id, direction: 'inbound', authorKind: 'customer', authorId: m.message.customer.userId, platform: m.platform, platformMessageId: m.platformMessageId, text: m.text, createdAt: m.createdAt });
    await tx.markUnfiledFiled(m.id, c.id, ctx.clock.now());
  }
  await fx.audit(c, actor, 'earlier_messages_attached', null, { count: earlier.length, texts: earlier.map((m) => m.text) });
}

async function recordInbound(ctx: DeskContext, tx: DeskTransaction, c: CaseRecord, msg: CustomerMessage, text: string): Promise<void> {
  await tx.addMessage({
    caseId: c.id,
    direction: 'inbound',
    authorKind: 'customer',
    authorId: msg.customer.userId,
    platform: msg.platform,
    platformMessageId: msg.messageId,
    text,
    createdAt: msg.receivedAt ?? ctx.clock.now(),
  });
}

async function openCase(
  ctx: DeskContext,
  tx: DeskTransaction,
  fx: CaseEffects,
  customer: CustomerRecord,
  msg: CustomerMessage,
  text: string,
  attachments: AttachmentRef[],
  triage: Triage,
  now: Date,
  separateFrom: CaseRecord | null,
  needsHuman: NeedsHumanReason | null,
  staffOpening: StaffOpening | null = null,
): Promise<CaseRecord> {
  const seq = await tx.nextCaseSequence();
  const number = formatCaseNumber(ctx.calendar.localDate(now), seq);
  const departmentKey = (triage.category && ctx.settings.routing.byCategory[triage.category]) || ctx.settings.routing.default;
  let c = await tx.insertCase({
    number,
    customerId: customer.id,
    status: 'received',
    category: triage.category,
    urgent: triage.urgent,
    orderNumber: triage.orderNumber,
    desiredOutcome: triage.desiredOutcome,
    amount: triage.amount,
    // The currency the customer named, else the desk's own (a bare "$" or 元 means the local one).
    currency: triage.amount === null ? null : (triage.currency ?? ctx.settings.compensation.currency),
    language: triage.language,
    summary: text.slice(0, 280),
    cues: triage.cues,
    departmentKey,
    ownerId: null,
    escalationLevel: 0,
    rejectionCount: 0,
    satisfactionScore: null,
    satisfactionComment: null,
    platform: msg.platform,
    channelId: msg.conversation.channelId,
    threadId: msg.conversation.threadId ?? msg.messageId,
    privateConversation: msg.conversation.isPrivate ?? false,
    createdAt: now,
    lastCustomerMessageAt: now,
    awaitingCustomerSince: null,
    evidenceAskedKey: null,
    evidenceAskedAt: null,
    evidenceRemindedAt: null,
    nextCheckAt: null,
    slaStepsDone: [],
    pendingQuestion: null,
    questionAskedAt: null,
    questionAskedBy: null,
    relatedCaseId: null,
    mergedIntoCaseId: null,
    possibleUrgent: Boolean(triage.possibleUrgent) && !triage.urgent,
    firstResponseDueAt: null,
    firstRespondedAt: null,
    planDueAt: null,
    planSentAt: null,
    urgentDueAt: null,
    nextUpdateDueAt: null,
    lastUpdateAt: null,
    solutionDueAt: null,
    solutionProposedAt: null,
    closeDueAt: null,
    resolvedAt: null,
    resultDueAt: null,
    resultDeliveredAt: null,
    surveyDueAt: null,
    surveySentAt: null,
    closedAt: null,
    ...intakeClocks(now, triage.urgent, ctx.calendar, ctx.settings.sla),
  });
  const actor: AuditActor = { kind: 'customer', id: msg.customer.userId, platform: msg.platform };
  await recordInbound(ctx, tx, c, msg, text);
  if (staffOpening?.unfiledId) await tx.markUnfiledFiled(staffOpening.unfiledId, c.id, now);
  // Opened by staff on one message: only that conversation's kept messages, from within the window before it.
  const within = staffOpening ? { channelId: msg.conversation.channelId, since: new Date((msg.receivedAt ?? now).getTime() - ctx.settings.intake.groupingWindowMinutes * 60_000) } : undefined;
  await attachEarlierMessages(ctx, tx, fx, c, actor, within);
  await fx.audit(c, actor, 'case_created', null, {
    status: c.status,
    category: c.category,
    urgent: c.urgent,
    orderNumber: c.orderNumber,
    desiredOutcome: c.desiredOutcome,
    amount: c.amount,
    language: c.language,
    departmentKey: c.departmentKey,
    cues: c.cues,
    possibleUrgent: c.possibleUrgent,
    separateFrom: separateFrom?.number ?? null,
    needsHuman,
  });
  if (staffOpening) await fx.audit(c, staffOpening.who, 'staff_opened', null, { triageSaidComplaint: staffOpening.triageSaidComplaint, messageId: msg.messageId });
  const related = await sameProblemCase(ctx, tx, c, now);

  const deadline = formatDeadline(c.urgentDueAt ?? c.firstResponseDueAt!, c.language, ctx.settings.timeZone);
  const ackKey = `msg:${msg.platform}:${msg.messageId}:ack`;
  if (separateFrom) await fx.tellCustomer(c, 'opened_separate_case', { number: c.number, previous: separateFrom.number }, ackKey);
  else await fx.tellCustomer(c, c.urgent ? 'acknowledgement_urgent' : 'acknowledgement', { number: c.number, deadline }, ackKey);
  if (related) {
    // The same order and problem again, from another conversation: linked, not silently duplicated.
    c = await fx.change(c, actor, 'linked_related', { relatedCaseId: related.id }, { related: related.number });
    await fx.tellCustomer(c, 'case_related', { number: c.number, related: related.number }, `msg:${msg.platform}:${msg.messageId}:related`);
    await fx.cardNote(related, (l) => staffText('note_same_problem', l, { number: c.number, related: related.number }), `case:${c.id}:related:${related.id}`);
  }

  // A message that needs a human goes straight to staff: no automatic evidence dialogue on text nobody could triage.
  const stillMissing = needsHuman
    ? { caseRecord: c, missing: false }
    : await openEvidenceDialogue(ctx, tx, fx, c, { text, attachments, profileContact: customer.contact, messageId: msg.messageId }, actor);
  c = stillMissing.caseRecord;
  // Urgent cases go to the department at once; evidence is gathered in parallel.
  if (stillMissing.missing && !c.urgent) {
    c = await fx.change(c, actor, 'evidence_requested', { status: nextStatus(c.status, 'request_evidence', c.number), awaitingCustomerSince: now });
  } else {
    c = await routeCase(ctx, fx, c, actor);
  }
  if (c.urgent) c = await escalate(ctx, fx, c, actor, 'urgent_at_intake');
  if (c.possibleUrgent) await askAboutUrgency(ctx, fx, c);
  return c;
}

/** An open case of the customer about the same order and problem, active within the window (its last message either way, as grouping counts it). */
async function sameProblemCase(ctx: DeskContext, tx: DeskTransaction, c: CaseRecord, now: Date): Promise<CaseRecord | null> {
  if (!c.orderNumber) return null;
  const windowMs = ctx.settings.intake.groupingWindowMinutes * 60_000;
  const same = await tx.findOpenCasesByOrder(c.customerId, c.orderNumber);
  return same.find((x) => x.caseRecord.id !== c.id && x.caseRecord.category === c.category && now.getTime() - x.lastMessageAt.getTime() <= windowMs)?.caseRecord ?? null;
}

/** "Possible urgent — check": the department's supervisor decides within the urgent clock (Mark urgent / not urgent). */
async function askAboutUrgency(ctx: DeskContext, fx: CaseEffects, c: CaseRecord): Promise<void> {
  const due = urgentHandlingDueAt(c.createdAt, ctx.settings.sla);
  const text = (l: Language) =>
    staffText('possible_urgent', l, {
      number: c.number,
      cues: c.cues.slice(0, 3).join(', ') || staffText('possible_urgent_unsure', l),
      mark_urgent: staffText('button_mark_urgent', l),
      not_urgent: staffText('button_not_urgent', l),
      by: formatDeadline(due, l, ctx.settings.timeZone),
    });
  await fx.alertSupervisors(c, text, `case:${c.id}:possible-urgent`, 'supervisors');
  await fx.cardNote(c, text, `case:${c.id}:possible-urgent:note`);
}

/** Hands a case to its department: status routed, card posted, customer told where it went. */
export async function routeCase(ctx: DeskContext, fx: CaseEffects, c: CaseRecord, actor: AuditActor): Promise<CaseRecord> {
  const now = ctx.clock.now();
  const resumed = c.awaitingCustomerSince ? shiftStaffClocks(c, now.getTime() - c.awaitingCustomerSince.getTime()) : {};
  const routed = await fx.change(c, actor, 'routed', {
    status: nextStatus(c.status, 'route', c.number),
    awaitingCustomerSince: null,
    ...resumed,
  });
  const dept = ctx.settings.departments.find((d) => d.key === routed.departmentKey);
  await fx.tellCustomer(routed, 'case_routed', { number: routed.number, department: dept?.name[routed.language] ?? routed.departmentKey ?? '' }, `case:${routed.id}:routed`);
  await fx.syncCard(routed);
  return routed;
}

/** One customer message on its way into a case, with what filing it needs. */
interface Arrival {
  ctx: DeskContext;
  tx: DeskTransaction;
  fx: CaseEffects;
  msg: CustomerMessage;
  /** The message's text as filed (a "which case?" answer files the held text). */
  text: string;
  attachments: AttachmentRef[];
  actor: AuditActor;
  now: Date;
}

async function joinCase(a: Arrival, c: CaseRecord, tellWhere: boolean): Promise<void> {
  const { ctx, tx, fx, msg, text, attachments, actor, now } = a;
  await recordInbound(ctx, tx, c, msg, text);
  let current = await fx.change(c, actor, 'customer_message', { lastCustomerMessageAt: now }, { text, attachments: attachments.length });
  if (tellWhere) await fx.tellCustomer(current, 'joined_existing_case', { number: current.number }, `msg:${msg.platform}:${msg.messageId}:joined`);
  const customer = await tx.getCustomer(current.customerId);
  const evidenceMessage = { text, attachments, profileContact: customer?.contact ?? null, messageId: msg.messageId };

  if (current.pendingQuestion) {
    await answerStaffQuestion(a, current, evidenceMessage);
    return;
  }

  if (current.evidenceAskedKey || current.status === 'awaiting_evidence') {
    const result = await continueEvidenceDialogue(ctx, tx, fx, current, evidenceMessage, actor);
    current = result.caseRecord;
    if (!result.missing && current.status === 'awaiting_evidence') await routeCase(ctx, fx, current, actor);
    else if (!result.missing) await fx.syncCard(current);
    return;
  }

  await addFiles(tx, current, attachments, msg.messageId, now);
  if (current.awaitingCustomerSince) {
    current = await fx.change(current, actor, 'clocks_resumed', {
      awaitingCustomerSince: null,
      ...shiftStaffClocks(current, now.getTime() - current.awaitingCustomerSince.getTime()),
    });
  }
  await fx.cardNote(current, (l) => staffText('note_customer', l, { text: `${text}${filesNote(attachments)}` }), `msg:${msg.platform}:${msg.messageId}:note`);
  await fx.syncCard(current);
}

const filesNote = (attachments: AttachmentRef[]) => (attachments.length ? ` (+${attachments.length} file${attachments.length > 1 ? 's' : ''})` : '');

async function addFiles(tx: DeskTransaction, c: CaseRecord, attachments: AttachmentRef[], messageId: string, now: Date): Promise<void> {
  for (const a of attachments)
    await tx.addEvidence({ caseId: c.id, requirement: null, kind: 'file', text: null, fileId: a.fileId, fileName: a.name, mimeType: a.mimeType ?? null, url: a.url ?? null, storedFileId: a.storedFileId ?? null, messageId, createdAt: now });
}

/**
 * The customer's answer to a staff question: shown to staff as that answer (card thread, the
 * asker told), and checked for evidence too — without asking again what is still missing.
 */
async function answerStaffQuestion(a: Arrival, c: CaseRecord, evidenceMessage: Parameters<typeof takeEvidenceFromAnswer>[4]): Promise<void> {
  const { ctx, tx, fx, msg, text, attachments, actor, now } = a;
  const question = c.pendingQuestion!;
  const asker = c.questionAskedBy ? ctx.staff.get(c.questionAskedBy) : undefined;
  // Evidence still missing keeps the clocks paused; otherwise they run again from the answer.
  const resume = c.awaitingCustomerSince && c.status !== 'awaiting_evidence' ? { awaitingCustomerSince: null, ...shiftStaffClocks(c, now.getTime() - c.awaitingCustomerSince.getTime()) } : {};
  let current = await fx.change(c, actor, 'question_answered', { pendingQuestion: null, questionAskedAt: null, questionAskedBy: null, ...resume }, { question, answer: text, askedBy: c.questionAskedBy });
  let missing = false;
  if (current.evidenceAskedKey) {
    const result = await takeEvidenceFromAnswer(ctx, tx, fx, current, evidenceMessage, actor);
    current = result.caseRecord;
    missing = result.missing;
  } else await addFiles(tx, current, attachments, msg.messageId, now);
  const reply = (l: Language) => staffText('note_customer_answered', l, { staff: asker?.name ?? staffText('note_staff_fallback', l), question, text: `${text}${filesNote(attachments)}` });
  await fx.cardNote(current, reply, `msg:${msg.platform}:${msg.messageId}:note`);
  const platform = cardChannel(ctx, current)?.platform ?? current.platform;
  const askerId = asker?.identities[platform];
  if (askerId) await fx.directMessage(current, platform, askerId, staffText('customer_answered_you', staffLanguageOf(ctx, asker), { number: current.number, question, text: `${text}${filesNote(attachments)}` }), `msg:${msg.platform}:${msg.messageId}:asker`);
  if (!missing && current.status === 'awaiting_evidence') await routeCase(ctx, fx, current, actor);
  else await fx.syncCard(current);
}
