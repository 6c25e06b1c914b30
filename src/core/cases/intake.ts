import type { DeskContext } from '../desk-settings.js';
import type { AttachmentRef, CaseRecord, CustomerMessage, CustomerRecord, DeskTransaction } from '../ports.js';
import type { Triage } from '../triage/index.js';
import { inProcessTriager, untriaged, NEEDS_HUMAN_TEXT, type NeedsHumanReason } from './triage-boundary.js';
import { formatDeadline } from '../templates/format-deadline.js';
import { nextStatus } from './case-status.js';
import { CaseEffects, type AuditActor } from './case-effects.js';
import { continueEvidenceDialogue, openEvidenceDialogue } from './evidence-dialogue.js';
import { decideGrouping } from './grouping.js';
import { formatCaseNumber } from './case-number.js';
import { intakeClocks, shiftStaffClocks } from './sla-clocks.js';
import { escalate } from './escalation.js';

export type IntakeOutcome =
  | { kind: 'created'; caseId: string; caseNumber: string; separateFrom: string | null }
  | { kind: 'joined'; caseId: string; caseNumber: string }
  | { kind: 'duplicate'; caseId: string; caseNumber: string }
  | { kind: 'not_a_complaint' }
  | { kind: 'limited'; caseId: string; caseNumber: string };

const TRUNCATION_MARK = ' …[truncated]';

export interface IntakeOptions {
  /** Skip triage: the message goes to staff as a case that needs a human (its processing kept failing). */
  needsHuman?: NeedsHumanReason;
}

/**
 * Turns a customer's message into a case, or adds it to the case it belongs to.
 * Idempotent: the same platform message delivered again returns the case it made.
 */
export async function receiveCustomerMessage(ctx: DeskContext, msg: CustomerMessage, options: IntakeOptions = {}): Promise<IntakeOutcome> {
  const max = ctx.settings.intake.maxTextLength;
  const text = msg.text.length > max ? msg.text.slice(0, max) + TRUNCATION_MARK : msg.text;
  const triaged = options.needsHuman ? { kind: 'needs_human' as const, reason: options.needsHuman } : await (ctx.triager ?? inProcessTriager).triage(text);
  // Never dropped: a message triage could not handle is a case of unknown category for staff.
  const needsHuman = triaged.kind === 'needs_human' ? triaged.reason : null;
  const triage = triaged.kind === 'triaged' ? triaged.triage : untriaged(text, triaged.reason);
  const now = msg.receivedAt ?? ctx.clock.now();
  const attachments = msg.attachments ?? [];
  return ctx.store.transaction(async (tx) => {
    await tx.lockCustomerKey(`${msg.platform}:${msg.customer.userId}`);
    const existingId = await tx.findCaseIdByPlatformMessage(msg.platform, msg.messageId);
    if (existingId) {
      const existing = await tx.lockCase(existingId);
      return { kind: 'duplicate', caseId: existingId, caseNumber: existing?.number ?? '' };
    }
    const customer = await tx.upsertCustomer({
      platform: msg.platform,
      platformUserId: msg.customer.userId,
      displayName: msg.customer.displayName ?? null,
      contact: msg.customer.contact ?? null,
    });
    const threadCase = msg.conversation.threadId
      ? await tx.findCaseByThread(msg.platform, msg.conversation.channelId, msg.conversation.threadId, customer.id)
      : null;
    const latestOpenCase = await tx.findLatestOpenCase(customer.id);
    // Untriaged, it cannot be told apart from the customer's open case: its own case, unless it is a reply in that case's thread.
    const decision =
      needsHuman === null
        ? decideGrouping({ threadCase, latestOpenCase, triage, now, windowMinutes: ctx.settings.intake.groupingWindowMinutes })
        : decideGrouping({ threadCase, latestOpenCase: null, triage, now, windowMinutes: 0 });
    const actor: AuditActor = { kind: 'customer', id: msg.customer.userId, platform: msg.platform };
    const fx = new CaseEffects(ctx, tx);

    if (decision.kind === 'not_a_complaint') {
      // In the thread of someone else's case: only that case's customer adds to it.
      const othersThread = msg.conversation.threadId !== undefined && msg.conversation.threadId !== null && !threadCase
        ? await tx.anyCaseInThread(msg.platform, msg.conversation.channelId, msg.conversation.threadId)
        : false;
      await tx.enqueue(
        {
          type: 'customer_message',
          caseId: null,
          platform: msg.platform,
          channelId: msg.conversation.channelId,
          threadId: msg.conversation.threadId ?? msg.messageId,
          text: ctx.settings.templates[othersThread ? 'thread_of_another_customer' : 'not_a_complaint'][triage.language],
        },
        { dedupeKey: `msg:${msg.platform}:${msg.messageId}:reply`, availableAt: now },
      );
      return { kind: 'not_a_complaint' };
    }

    if (decision.kind === 'join') {
      const locked = (await tx.lockCase(decision.caseRecord.id))!;
      await joinCase(ctx, tx, fx, locked, msg, text, attachments, actor, now, decision.via);
      if (needsHuman) await fx.cardNote(locked, `⚠️ ${NEEDS_HUMAN_TEXT[needsHuman]}`, `msg:${msg.platform}:${msg.messageId}:needs-human`);
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
    currency: null,
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
    separateFrom: separateFrom?.number ?? null,
    needsHuman,
  });

  const deadline = formatDeadline(c.urgentDueAt ?? c.firstResponseDueAt!, c.language, ctx.settings.timeZone);
  const ackKey = `msg:${msg.platform}:${msg.messageId}:ack`;
  if (separateFrom) await fx.tellCustomer(c, 'opened_separate_case', { number: c.number, previous: separateFrom.number }, ackKey);
  else await fx.tellCustomer(c, c.urgent ? 'acknowledgement_urgent' : 'acknowledgement', { number: c.number, deadline }, ackKey);

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
  return c;
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

async function joinCase(
  ctx: DeskContext,
  tx: DeskTransaction,
  fx: CaseEffects,
  c: CaseRecord,
  msg: CustomerMessage,
  text: string,
  attachments: AttachmentRef[],
  actor: AuditActor,
  now: Date,
  via: 'thread' | 'window',
): Promise<void> {
  await recordInbound(ctx, tx, c, msg, text);
  let current = await fx.change(c, actor, 'customer_message', { lastCustomerMessageAt: now }, { text, attachments: attachments.length });
  if (via === 'window') await fx.tellCustomer(current, 'joined_existing_case', { number: current.number }, `msg:${msg.platform}:${msg.messageId}:joined`);

  if (current.evidenceAskedKey || current.status === 'awaiting_evidence') {
    const customer = await tx.getCustomer(current.customerId);
    const result = await continueEvidenceDialogue(ctx, tx, fx, current, { text, attachments, profileContact: customer?.contact ?? null, messageId: msg.messageId }, actor);
    current = result.caseRecord;
    if (!result.missing && current.status === 'awaiting_evidence') await routeCase(ctx, fx, current, actor);
    else if (!result.missing) await fx.syncCard(current);
    return;
  }

  for (const a of attachments)
    await tx.addEvidence({ caseId: current.id, requirement: null, kind: 'file', text: null, fileId: a.fileId, fileName: a.name, mimeType: a.mimeType ?? null, url: a.url ?? null, messageId: msg.messageId, createdAt: now });
  if (current.awaitingCustomerSince) {
    current = await fx.change(current, actor, 'clocks_resumed', {
      awaitingCustomerSince: null,
      ...shiftStaffClocks(current, now.getTime() - current.awaitingCustomerSince.getTime()),
    });
  }
  const files = attachments.length ? ` (+${attachments.length} file${attachments.length > 1 ? 's' : ''})` : '';
  await fx.cardNote(current, `💬 Customer: ${text}${files}`, `msg:${msg.platform}:${msg.messageId}:note`);
  await fx.syncCard(current);
}
