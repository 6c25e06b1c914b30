import type { OutageLog } from '../shared/outage-log.js';
import type { Desk } from '../core/desk.js';
import type { DeskContext, DeskSettings } from '../core/cases/desk-settings.js';
import { DeskError, DuplicateRequestError, describeDeskError } from '../core/errors.js';
import type { CustomerClick } from '../core/cases/customer-clicks.js';
import type { StaffOpenOutcome } from '../core/cases/intake.js';
import { COMMAND_REPLIES } from '../core/templates/command-replies.js';
import type { AnsweredCard } from '../core/templates/customer-answers.js';
import type { Actor, CardLocationStore, Clock, ConversationRefStore, CustomerMessage, InboundInbox, Notifier, Platform } from '../core/ports.js';
import type { StaffMember } from '../core/staff-directory.js';
import { roleRefusal, type StaffAction } from '../core/cases/staff-permissions.js';
import { STATUS_LABELS } from '../core/staff-text/status-labels.js';
import type { Language } from '../core/triage/index.js';
import type { DeskMetrics } from '../observability/metrics.js';
import { IntakeAdmission, IntakeSaturatedError } from './intake-admission.js';
import type { EvidenceDownloader, EvidenceIntake } from './evidence-files.js';
import type { EvidenceLinks } from './evidence-links.js';
import { IntakeUnavailableError } from './intake-unavailable.js';

/** A staff member's message in a case card's thread, as a platform delivered it. */
export interface CardThreadMessage {
  platform: Platform;
  /** The department channel and the card's own message id: the thread is the card's. */
  channelId: string;
  cardMessageId: string;
  /** The platform's id for this message: a second delivery of it does nothing. */
  messageId: string;
  userId: string;
  /** The text with a leading @-mention of the bot removed. */
  text: string;
  /** The message began with an @-mention of the bot, checked against the bot's known id. */
  addressedToBot: boolean;
}

export type CardThreadOutcome =
  | { kind: 'reply' | 'note' | 'duplicate' }
  /** Not under a case card, or not from desk staff: nothing recorded, nothing sent. */
  | { kind: 'ignored' }
  | { kind: 'refused'; error: DeskError };

export interface DeskApplicationDeps {
  desk: Desk;
  ctx: DeskContext;
  inbox: InboundInbox;
  /** Wakes the inbox worker once a message is stored. */
  onMessageStored: () => void;
  metrics: DeskMetrics;
  /** Says once that intake is refusing messages because the inbox cannot store them, and once when it can again. */
  intakeOutage: OutageLog;
  notifiers: Partial<Record<Platform, Notifier>>;
  cards: CardLocationStore;
  conversationRefs: ConversationRefStore;
  evidence: EvidenceIntake;
  evidenceLinks: EvidenceLinks;
  /** Bounds stores in progress and the wait for each (intake-admission.ts); without it intake waits on the store as long as it takes. */
  admission?: IntakeAdmission;
}

/**
 * The one port platform adapters use (Slack, Teams, the playground): the desk's use cases,
 * the single intake path, notifier registration and the read models adapters render. Rules
 * live below it, in the core; adapters only translate platform events into these calls.
 */
export class DeskApplication {
  readonly desk: Desk;

  constructor(private readonly d: DeskApplicationDeps) {
    this.desk = d.desk;
  }

  get clock(): Clock {
    return this.d.ctx.clock;
  }

  /** The desk's configuration in core terms (departments, channels, templates): read-only. */
  get settings(): DeskSettings {
    return this.d.ctx.settings;
  }

  get staffMembers(): readonly StaffMember[] {
    return this.d.ctx.staff.members;
  }

  get cards(): CardLocationStore {
    return this.d.cards;
  }

  get conversationRefs(): ConversationRefStore {
    return this.d.conversationRefs;
  }

  /**
   * The single intake path: the message is durable in the inbox when this returns (adapters
   * acknowledge the platform only then). If it cannot be stored, IntakeUnavailableError:
   * every adapter answers 503 so the platform delivers the message again; the outage is logged once.
   */
  async acceptCustomerMessage(message: CustomerMessage): Promise<'accepted' | 'duplicate'> {
    let outcome: 'accepted' | 'duplicate';
    const store = () => this.d.inbox.accept(message);
    try {
      outcome = this.d.admission ? await this.d.admission.run(store, (late) => this.stored(message, late)) : await store();
    } catch (err) {
      // Shedding under load is not an outage: it is counted, not logged as the store being down.
      if (err instanceof IntakeSaturatedError) this.d.metrics.eventsReceived.inc({ platform: message.platform, outcome: `shed_${err.reason}` });
      else {
        this.d.metrics.eventsReceived.inc({ platform: message.platform, outcome: 'unavailable' });
        this.d.intakeOutage.failed(err);
      }
      throw new IntakeUnavailableError(err);
    }
    this.stored(message, outcome);
    return outcome;
  }

  /**
   * Staff turn someone else's message into a case (Slack's 🎫 reaction and message shortcut): staff
   * only; the case belongs to the message's author and is opened now, whatever triage makes of it,
   * unless the message is in a case already (then that case). Not through the inbox: a message the
   * desk kept as "not a complaint" is already there, and staff are told the case's number at once.
   * `message` is read only for staff (it may cost a platform call); null: it has no author to open a case for.
   */
  async openCaseFromMessage(actor: Actor, message: () => Promise<CustomerMessage | null>): Promise<StaffOpenOutcome | { kind: 'not_staff' | 'invalid' }> {
    if (!this.staffMember(actor)) return { kind: 'not_staff' };
    const found = await message();
    if (!found) return { kind: 'invalid' };
    // Files first, as the inbox worker takes them, so the first card already links them.
    const outcome = await this.desk.openCaseFromMessage(actor, await this.d.evidence.takeIn(found));
    if (outcome.kind === 'opened') this.d.metrics.casesCreated.inc({ platform: found.platform });
    return outcome;
  }

  private stored(message: CustomerMessage, outcome: 'accepted' | 'duplicate'): void {
    this.d.intakeOutage.succeeded();
    this.d.metrics.eventsReceived.inc({ platform: message.platform, outcome });
    if (outcome === 'accepted') this.d.onMessageStored();
  }

  /** A message under a case card: an internal note, or a reply to the customer when explicitly addressed. */
  async cardThreadMessage(m: CardThreadMessage): Promise<CardThreadOutcome> {
    const caseId = await this.d.cards.findCaseByMessage(m.platform, m.channelId, m.cardMessageId);
    const actor: Actor = { platform: m.platform, userId: m.userId };
    if (!caseId || !this.staffMember(actor) || !m.text.trim()) return { kind: 'ignored' };
    try {
      const kind = await this.desk.staffThreadMessage(actor, caseId, { text: m.text, addressedToBot: m.addressedToBot }, { requestId: `${m.channelId}:${m.messageId}` });
      return { kind };
    } catch (err) {
      if (err instanceof DuplicateRequestError) return { kind: 'duplicate' };
      if (err instanceof DeskError) return { kind: 'refused', error: err };
      throw err;
    }
  }

  registerNotifier(notifier: Notifier): void {
    this.d.notifiers[notifier.platform] = notifier;
  }

  /** How the inbox worker fetches this platform's files (Slack with the bot token, Teams from its URLs). */
  registerEvidenceDownloader(platform: Platform, downloader: EvidenceDownloader): void {
    this.d.evidence.register(platform, downloader);
  }

  /** A signed, expiring link to a stored evidence file, for case cards. */
  evidenceLink(storedFileId: string): string {
    return this.d.evidenceLinks.url(storedFileId);
  }

  staffMember(actor: Actor): StaffMember | undefined {
    return this.d.ctx.staff.byActor(actor);
  }

  /** The language to speak to this person in: their own as staff, else the desk's. */
  languageOf(actor: Actor): Language {
    return this.staffMember(actor)?.language ?? this.d.ctx.settings.staffLanguage;
  }

  /**
   * Before an adapter opens a form for a staff action: throws the refusal the action itself would
   * give for who the person is (staff only, supervisor-only actions), so no form is offered in vain.
   */
  assertMayOpenForm(actor: Actor, action: StaffAction): void {
    const refused = roleRefusal(this.staffMember(actor), action);
    if (refused) throw refused;
  }

  /** A refusal in the words of the person who acted (one place for every adapter's error hook). */
  describeRefusal(err: DeskError, actor: Actor, language?: Language): string {
    return describeDeskError(err, language ?? this.languageOf(actor));
  }

  /**
   * A customer's click on a card, for every adapter: the answered card to replace the clicked
   * one with (its `answer` is the acknowledgement), or a refusal in the customer's language,
   * the case's, whatever the desk's staff language (a second click on an old card lands here).
   */
  async customerClick(actor: Actor, click: CustomerClick): Promise<{ kind: 'answered'; caseId: string; card: AnsweredCard } | { kind: 'refused'; error: DeskError; text: string }> {
    try {
      return { kind: 'answered', ...(await this.desk.answerCustomerCard(actor, click)) };
    } catch (err) {
      if (!(err instanceof DeskError)) throw err;
      return { kind: 'refused', error: err, text: await this.describeCustomerRefusal(err, actor, click) };
    }
  }

  /** A refusal of a customer's click, in the customer's language (the case's), whatever the desk's staff language. */
  async describeCustomerRefusal(err: DeskError, actor: Actor, click: CustomerClick): Promise<string> {
    const language = (await this.desk.customerClickLanguage(click).catch(() => null)) ?? this.languageOf(actor);
    return describeDeskError(err, language);
  }

  /** Department channels (case cards live there) and support channels (every message may be a complaint) on a platform. */
  channelsOf(platform: Platform): { departments: ReadonlySet<string>; support: ReadonlySet<string> } {
    const { departments, intake } = this.d.ctx.settings;
    const support = platform === 'slack' || platform === 'teams' ? (intake.supportChannels?.[platform] ?? []) : [];
    return {
      departments: new Set(departments.map((dep) => dep.channels[platform]).filter((c): c is string => Boolean(c))),
      support: new Set(support),
    };
  }

  /** The departments a case can be moved to, as staff read them. */
  departmentChoices(): { key: string; name: string }[] {
    return this.d.ctx.settings.departments.map((d) => ({ key: d.key, name: d.name[this.d.ctx.settings.staffLanguage] }));
  }

  /**
   * Who a supervisor may hand a case in this department to: its own people first, then staff of
   * other departments (the case moves with them), named with their department.
   */
  reassignCandidates(departmentKey: string | null): { id: string; name: string }[] {
    const { staff, settings } = this.d.ctx;
    const own = staff.members.filter((m) => staff.reassignTo(m, departmentKey)?.moveTo === null);
    const others = staff.members.filter((m) => staff.reassignTo(m, departmentKey)?.moveTo);
    const deptName = (key: string | null | undefined) => settings.departments.find((d) => d.key === key)?.name.en ?? key ?? '';
    return [...own.map((m) => ({ id: m.id, name: m.name })), ...others.map((m) => ({ id: m.id, name: `${m.name} (${deptName(m.department)})` }))];
  }

  /**
   * Where a case stands, for whoever asks: staff see any case, a customer only their own.
   * In the asker's language, without internal words.
   */
  async caseStatusFor(actor: Actor, ref: string): Promise<{ kind: 'not_found' } | { kind: 'not_yours' } | { kind: 'found'; number: string; text: string }> {
    const c = await this.desk.findCase(ref);
    if (!c) return { kind: 'not_found' };
    const member = this.staffMember(actor);
    if (!member) {
      const customer = await this.d.ctx.store.getCustomer(c.customerId);
      if (customer?.platform !== actor.platform || customer.platformUserId !== actor.userId) return { kind: 'not_yours' };
    }
    const language = member ? this.languageOf(actor) : c.language;
    const owner = c.ownerId ? (this.d.ctx.staff.get(c.ownerId)?.name ?? c.ownerId) : null;
    return { kind: 'found', number: c.number, text: COMMAND_REPLIES[language].statusLine({ number: c.number, status: STATUS_LABELS[language][c.status], owner, urgent: c.urgent }) };
  }
}
