import type { DeskContext, Department } from './desk-settings.js';
import type {
  ActorKind,
  CaseRecord,
  CustomerActions,
  DeskTransaction,
  OutboundIntent,
  Platform,
} from '../ports.js';
import { renderTemplate } from '../templates/render-template.js';
import { maskPersonalData } from '../privacy/mask-personal-data.js';
import type { TemplateKey, TemplateValues } from '../templates/template-catalog.js';
import type { StaffMessage } from '../staff-text/staff-text-catalog.js';
import type { StaffMember } from '../staff-directory.js';
import type { Language } from '../triage/index.js';

/** Staff text: already in words, or written for each reader in their own language. */
export type StaffWords = string | StaffMessage;

/** The language a staff member reads the bot in: their own, else the desk's (channels always get the desk's). */
export function staffLanguageOf(ctx: DeskContext, member: Pick<StaffMember, 'language'> | undefined): Language {
  return member?.language ?? ctx.settings.staffLanguage;
}

/** Who caused a change, as recorded in the audit log. */
export interface AuditActor {
  kind: ActorKind;
  id: string | null;
  platform: Platform | null;
}
export const SYSTEM: AuditActor = { kind: 'system', id: null, platform: null };

export function department(ctx: DeskContext, key: string | null): Department | undefined {
  return ctx.settings.departments.find((d) => d.key === key);
}

/** The department channel a case's card lives in: on the customer's platform when the department has one there. */
export function cardChannel(ctx: DeskContext, c: CaseRecord): { platform: Platform; channelId: string } | null {
  const dept = department(ctx, c.departmentKey);
  if (!dept) return null;
  const own = dept.channels[c.platform];
  if (own) return { platform: c.platform, channelId: own };
  const [platform, channelId] = Object.entries(dept.channels)[0] ?? [];
  return platform && channelId ? { platform: platform as Platform, channelId } : null;
}

/** Only the fields that changed, for the audit log's before/after. */
export function diff(before: CaseRecord, after: CaseRecord): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof CaseRecord)[]) {
    if (key === 'version' || key === 'nextCheckAt') continue;
    const x = before[key];
    const y = after[key];
    const same = x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : JSON.stringify(x) === JSON.stringify(y);
    if (!same) {
      b[key] = x ?? null;
      a[key] = y ?? null;
    }
  }
  return { before: b, after: a };
}

export class CaseEffects {
  /** Set during quiet hours: messages to staff wait until the working day starts. */
  holdStaffMessagesUntil: Date | null = null;

  constructor(
    private readonly ctx: DeskContext,
    private readonly tx: DeskTransaction,
  ) {}

  private staffAvailableAt(): Date {
    return this.holdStaffMessagesUntil ?? this.ctx.clock.now();
  }

  /** Puts a staff message in the outbox; one held for quiet hours is recorded in the case's audit trail. */
  private async enqueueForStaff(c: CaseRecord | null, intent: OutboundIntent, dedupeKey: string): Promise<void> {
    const availableAt = this.staffAvailableAt();
    await this.tx.enqueue(intent, { dedupeKey, availableAt });
    if (c && availableAt.getTime() > this.ctx.clock.now().getTime())
      await this.audit(c, SYSTEM, 'staff_message_held', null, { until: availableAt.toISOString(), message: dedupeKey, to: intent.type === 'direct_message' ? intent.userId : null });
  }

  async audit(
    c: CaseRecord,
    actor: AuditActor,
    type: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
  ): Promise<void> {
    await this.tx.appendEvent({
      caseId: c.id,
      at: this.ctx.clock.now(),
      actorKind: actor.kind,
      actorId: actor.id,
      platform: actor.platform,
      type,
      before,
      after,
    });
  }

  /** Applies a patch to a locked case and records the change in the audit log. */
  async change(c: CaseRecord, actor: AuditActor, type: string, patch: Parameters<DeskTransaction['updateCase']>[1], extra?: Record<string, unknown>): Promise<CaseRecord> {
    const updated = await this.tx.updateCase(c.id, patch, c);
    const d = diff(c, updated);
    await this.audit(updated, actor, type, d.before, { ...d.after, ...extra });
    return updated;
  }

  /** Sends a templated message to the customer in the case's language and keeps it in the conversation. */
  tellCustomer<K extends TemplateKey>(
    c: CaseRecord,
    key: K,
    values: TemplateValues<K>,
    dedupeKey: string,
    actions?: CustomerActions,
  ): Promise<string> {
    return this.tellCustomerText(c, renderTemplate(this.ctx.settings.templates, key, c.language, values), dedupeKey, actions);
  }

  async tellCustomerText(c: CaseRecord, text: string, dedupeKey: string, actions?: CustomerActions): Promise<string> {
    await this.tx.enqueue(
      {
        type: 'customer_message',
        caseId: c.id,
        platform: c.platform,
        channelId: c.channelId,
        threadId: c.threadId,
        text,
        ...(actions ? { actions } : {}),
      },
      { dedupeKey, availableAt: this.ctx.clock.now() },
    );
    await this.tx.addMessage({
      caseId: c.id,
      direction: 'outbound',
      authorKind: 'system',
      authorId: null,
      platform: c.platform,
      platformMessageId: null,
      text,
      createdAt: this.ctx.clock.now(),
    });
    return text;
  }

  /** Post or refresh the case card; keyed on the case version so each state is rendered once. */
  async syncCard(c: CaseRecord): Promise<void> {
    const where = cardChannel(this.ctx, c);
    if (!where) return;
    await this.tx.enqueue({ type: 'case_card', caseId: c.id, ...where }, { dedupeKey: `card:${c.id}:${c.version}`, availableAt: this.ctx.clock.now() });
  }

  /**
   * Text for staff: whatever the customer wrote in it (a note quoting them, an escalation
   * with the complaint) reaches staff masked; the case's order number stays readable.
   */
  private forStaff(c: CaseRecord | null, text: string): string {
    return maskPersonalData(text, { keep: [c?.orderNumber] });
  }

  /** Words for a channel (department, escalation, card thread): the desk's staff language. */
  private inDeskLanguage(words: StaffWords): string {
    return typeof words === 'string' ? words : words(this.ctx.settings.staffLanguage);
  }

  /** A line in the card's thread: the case history staff see, never the customer. */
  async cardNote(c: CaseRecord, words: StaffWords, dedupeKey: string): Promise<void> {
    const where = cardChannel(this.ctx, c);
    if (!where) return;
    await this.enqueueForStaff(c, { type: 'card_note', caseId: c.id, ...where, text: this.forStaff(c, this.inDeskLanguage(words)) }, dedupeKey);
  }

  /**
   * A private message to a person. To staff it is masked and waits out quiet hours; to the
   * case's customer (`'customer'`: their own words, asked in private) it goes now, as written.
   */
  async directMessage(c: CaseRecord | null, platform: Platform, userId: string, text: string, dedupeKey: string, to: 'staff' | 'customer' = 'staff'): Promise<void> {
    if (to === 'customer') {
      await this.tx.enqueue({ type: 'direct_message', caseId: c?.id ?? null, platform, userId, text }, { dedupeKey, availableAt: this.ctx.clock.now() });
      return;
    }
    await this.enqueueForStaff(c, { type: 'direct_message', caseId: c?.id ?? null, platform, userId, text: this.forStaff(c, text) }, dedupeKey);
  }

  /**
   * A private message to a staff member on the case's platform, in their language; nothing when
   * they have no account there.
   */
  async messageStaff(c: CaseRecord, member: StaffMember | undefined, words: StaffWords, dedupeKey: string): Promise<void> {
    const userId = member?.identities[c.platform];
    if (!userId) return;
    const text = typeof words === 'string' ? words : words(staffLanguageOf(this.ctx, member));
    await this.directMessage(c, c.platform, userId, text, dedupeKey);
  }

  /** A post in a staff channel (department, escalation), masked like every staff-facing text. */
  async channelMessage(c: CaseRecord | null, platform: Platform, channelId: string, words: StaffWords, dedupeKey: string): Promise<void> {
    await this.enqueueForStaff(c, { type: 'channel_message', caseId: c?.id ?? null, platform, channelId, text: this.forStaff(c, this.inDeskLanguage(words)) }, dedupeKey);
  }

  /** Pings the department's supervisors (on the case's platform) and/or the escalation channel. */
  async alertSupervisors(c: CaseRecord, text: StaffWords, dedupeKey: string, audience: 'supervisors' | 'channel' | 'both' = 'both'): Promise<void> {
    if (audience !== 'channel') for (const sup of this.ctx.staff.supervisorsOf(c.departmentKey)) await this.messageStaff(c, sup, text, `${dedupeKey}:sup:${sup.id}`);
    const channel = this.ctx.settings.escalationChannels[c.platform];
    if (channel && audience !== 'supervisors') await this.channelMessage(c, c.platform, channel, text, `${dedupeKey}:esc`);
  }

  /** A message in the case's department channel (outside the card thread). */
  async departmentMessage(c: CaseRecord, text: StaffWords, dedupeKey: string): Promise<void> {
    const where = cardChannel(this.ctx, c);
    if (where) await this.channelMessage(c, where.platform, where.channelId, text, dedupeKey);
  }
}
