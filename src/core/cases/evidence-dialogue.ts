import type { DeskContext } from './desk-settings.js';
import type { AttachmentRef, CaseRecord, DeskTransaction } from '../ports.js';
import type { AuditActor, CaseEffects } from './case-effects.js';
import { missingRequirements, recogniseEvidence, requirementsFor, type EvidenceRequirement } from './evidence-rules.js';
import { maskContact } from '../privacy/mask-personal-data.js';

const isContactRequirement = (ctx: DeskContext, key: string) => ctx.settings.evidence.requirements[key]?.satisfiedBy.includes('contact') ?? false;

export interface EvidenceMessage {
  text: string;
  attachments: AttachmentRef[];
  profileContact: string | null;
  messageId: string;
}

export interface DialogueResult {
  caseRecord: CaseRecord;
  /** True while something required is still missing (a question has been asked). */
  missing: boolean;
}

/** First pass at intake: what the complaint itself already provides, then the first question. */
export function openEvidenceDialogue(ctx: DeskContext, tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, m: EvidenceMessage, actor: AuditActor) {
  return collect(ctx, tx, fx, c, m, actor, null);
}

/** A customer's reply while a question is open: attach what it answers and ask the next thing, one at a time. */
export function continueEvidenceDialogue(ctx: DeskContext, tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, m: EvidenceMessage, actor: AuditActor) {
  return collect(ctx, tx, fx, c, m, actor, c.evidenceAskedKey);
}

/**
 * A customer's answer to a staff question while evidence is still asked for: whatever it
 * provides is taken (a photo, an order number), but the free text is not read as the answer to
 * the evidence question, and a question still open is not asked again.
 */
export function takeEvidenceFromAnswer(ctx: DeskContext, tx: DeskTransaction, fx: CaseEffects, c: CaseRecord, m: EvidenceMessage, actor: AuditActor) {
  return collect(ctx, tx, fx, c, m, actor, null, { askAgain: false });
}

async function collect(
  ctx: DeskContext,
  tx: DeskTransaction,
  fx: CaseEffects,
  c: CaseRecord,
  m: EvidenceMessage,
  actor: AuditActor,
  askedKey: string | null,
  opts: { askAgain: boolean } = { askAgain: true },
): Promise<DialogueResult> {
  const now = ctx.clock.now();
  const required = requirementsFor(ctx.settings.evidence, c.category);
  const missing = missingRequirements(required, await tx.listEvidence(c.id));
  const found = recogniseEvidence(missing, { text: m.text, attachments: m.attachments, profileContact: m.profileContact, askedKey });
  const usedFiles = new Set<string>();
  for (const e of found) {
    if (e.attachment) usedFiles.add(e.attachment.fileId);
    await tx.addEvidence({
      caseId: c.id,
      requirement: e.requirement,
      kind: e.kind,
      text: e.text ?? null,
      fileId: e.attachment?.fileId ?? null,
      fileName: e.attachment?.name ?? null,
      mimeType: e.attachment?.mimeType ?? null,
      url: e.attachment?.url ?? null,
      storedFileId: e.attachment?.storedFileId ?? null,
      messageId: m.messageId,
      createdAt: now,
    });
    await fx.audit(c, actor, e.kind === 'declined' ? 'evidence_declined' : 'evidence_added', null, {
      requirement: e.requirement,
      kind: e.kind,
      text: e.text ?? null,
      file: e.attachment?.name ?? null,
    });
  }
  for (const a of m.attachments.filter((a) => !usedFiles.has(a.fileId))) {
    await tx.addEvidence({ caseId: c.id, requirement: null, kind: 'file', text: null, fileId: a.fileId, fileName: a.name, mimeType: a.mimeType ?? null, url: a.url ?? null, storedFileId: a.storedFileId ?? null, messageId: m.messageId, createdAt: now });
    await fx.audit(c, actor, 'evidence_added', null, { requirement: null, kind: 'file', file: a.name });
  }

  const orderNumber = found.find((e) => e.kind === 'text' && missing.find((r) => r.key === e.requirement)?.satisfiedBy.includes('order_number'))?.text;
  const contact = found.find((e) => e.kind === 'text' && isContactRequirement(ctx, e.requirement))?.text;
  if (contact && contact !== m.profileContact) {
    // Only the case's own customer reaches this point (intake never adds others' messages), and the change is audited.
    await tx.updateCustomerContact(c.customerId, contact);
    await fx.audit(c, actor, 'contact_changed', { contact: maskContact(m.profileContact) }, { contact: maskContact(contact) });
  }

  const foundKeys = new Set(found.map((e) => e.requirement));
  const stillMissing = missing.filter((r) => !foundKeys.has(r.key));
  const next: EvidenceRequirement | undefined = stillMissing[0];
  if (!opts.askAgain && next && next.key === c.evidenceAskedKey) {
    const updated = orderNumber && !c.orderNumber ? await fx.change(c, actor, 'order_number_found', { orderNumber }) : c;
    return { caseRecord: updated, missing: true };
  }
  const patch = {
    ...(orderNumber && !c.orderNumber ? { orderNumber } : {}),
    evidenceAskedKey: next?.key ?? null,
    evidenceAskedAt: next ? now : null,
    ...(next && next.key !== c.evidenceAskedKey ? { evidenceRemindedAt: null } : {}),
  };
  const updated = await fx.change(c, actor, next ? 'evidence_question' : 'evidence_complete', patch, next ? { asked: next.key } : {});
  if (next && isContactRequirement(ctx, next.key) && !updated.privateConversation) {
    // Personal details are never asked for where others can read: ask in the customer's private chat.
    const customer = await tx.getCustomer(updated.customerId);
    if (customer) await fx.directMessage(updated, updated.platform, customer.platformUserId, next.question[updated.language], `msg:${updated.platform}:${m.messageId}:ask:${next.key}:dm`, 'customer');
    await fx.tellCustomer(updated, 'contact_asked_privately', { number: updated.number }, `msg:${updated.platform}:${m.messageId}:ask:${next.key}`);
  } else if (next) await fx.tellCustomerText(updated, next.question[updated.language], `msg:${updated.platform}:${m.messageId}:ask:${next.key}`);
  else if (askedKey) await fx.tellCustomer(updated, 'evidence_thanks', { number: updated.number }, `msg:${updated.platform}:${m.messageId}:evidence-thanks`);
  return { caseRecord: updated, missing: next !== undefined };
}
