import { randomUUID } from 'node:crypto';
import { isOpen } from '../../src/core/model/lifecycle.js';
import type { AuditPort, AuditReads, CaseEventRecord } from '../../src/core/ports/audit.js';
import type { CaseMessageRecord, CasePatch, CaseReads, CaseRecord, CasesPort, ConversationCase, EvidenceRecord, NewCase, NewCaseMessage, NewEvidence, TriageCorrectionRecord, UnfiledMessageRecord, UnfiledWithin } from '../../src/core/ports/cases.js';
import type { CustomerReads, CustomerRecord, CustomersPort } from '../../src/core/ports/customers.js';
import type { OutboundIntent } from '../../src/core/ports/messages.js';
import type { EnqueueOptions, OutboxPort } from '../../src/core/ports/outbox.js';
import type { Platform } from '../../src/core/ports/platform.js';
import type { SolutionReads, SolutionRecord, SolutionsPort } from '../../src/core/ports/solutions.js';
import type { DeskStore, DeskTransaction } from '../../src/core/ports/store.js';

/** When the scheduler next looks at a case (the Prisma store's NextCheckPolicy); none by default. */
export type NextCheck = (c: Omit<CaseRecord, 'id' | 'version'>) => Date | null;

type StoredMessage = NewCaseMessage & { id: string };
type StoredEvidence = NewEvidence & { id: string };
type Correction = Omit<TriageCorrectionRecord, 'caseNumber'>;

/** Everything the desk stores; a transaction works on a copy and replaces it on commit. */
export interface DeskState {
  customers: CustomerRecord[];
  cases: CaseRecord[];
  messages: StoredMessage[];
  evidence: StoredEvidence[];
  events: CaseEventRecord[];
  solutions: SolutionRecord[];
  unfiled: UnfiledMessageRecord[];
  corrections: Correction[];
  staffRequests: string[];
  outbox: { intent: OutboundIntent; options: EnqueueOptions }[];
  caseSequence: number;
}

const emptyState = (): DeskState => ({ customers: [], cases: [], messages: [], evidence: [], events: [], solutions: [], unfiled: [], corrections: [], staffRequests: [], outbox: [], caseSequence: 0 });

const newestFirst = (a: CaseRecord, b: CaseRecord) => b.createdAt.getTime() - a.createdAt.getTime();
const copy = <T>(v: T): T => structuredClone(v);

/** Reads shared by the store and its transactions, over one state. */
class Reads implements CaseReads, CustomerReads, SolutionReads, AuditReads {
  constructor(protected readonly s: () => DeskState) {}

  protected case(where: (c: CaseRecord) => boolean, order = newestFirst): CaseRecord | null {
    const c = this.s().cases.filter(where).sort(order)[0];
    return c ? copy(c) : null;
  }

  async findCaseByNumber(number: string) {
    return this.case((c) => c.number === number);
  }
  async getCase(id: string) {
    return this.case((c) => c.id === id);
  }
  async getCustomer(id: string) {
    const c = this.s().customers.find((x) => x.id === id);
    return c ? copy(c) : null;
  }
  async listMessages(caseId: string): Promise<CaseMessageRecord[]> {
    return this.s()
      .messages.filter((m) => m.caseId === caseId)
      .map(({ caseId: _c, platformMessageId: _p, ...m }) => copy(m));
  }
  async listEvidence(caseId: string): Promise<EvidenceRecord[]> {
    return this.s()
      .evidence.filter((e) => e.caseId === caseId)
      .map(({ caseId: _c, messageId: _m, storedFileId: _f, ...e }) => ({ ...copy(e), stored: null }));
  }
  async listEvents(caseId: string) {
    return copy(this.s().events.filter((e) => e.caseId === caseId));
  }
  async listSolutions(caseId: string) {
    return copy(this.s().solutions.filter((x) => x.caseId === caseId));
  }
  async listOpenCasesOwnedBy(staffId: string) {
    return copy(this.s().cases.filter((c) => c.ownerId === staffId && isOpen(c.status)));
  }
  async listCases(f: Parameters<CaseReads['listCases']>[0]) {
    const cases = this.s().cases.filter(
      (c) =>
        (f.status === undefined || c.status === f.status) &&
        (f.departmentKey === undefined || c.departmentKey === f.departmentKey) &&
        (f.urgent === undefined || c.urgent === f.urgent) &&
        (f.platform === undefined || c.platform === f.platform) &&
        (f.ownerId === undefined || c.ownerId === f.ownerId),
    );
    return copy(cases.sort(newestFirst).slice(0, f.limit));
  }
  async listCorrections(): Promise<TriageCorrectionRecord[]> {
    return this.s().corrections.map((c) => ({ ...copy(c), caseNumber: this.s().cases.find((x) => x.id === c.caseId)?.number ?? '' }));
  }
}

class InMemoryTransaction extends Reads implements CasesPort, CustomersPort, SolutionsPort, AuditPort, OutboxPort {
  constructor(
    private readonly state: DeskState,
    private readonly nextCheck: NextCheck,
  ) {
    super(() => state);
  }

  // One transaction runs at a time (see InMemoryDeskStore.transaction), so every lock is already held.
  async lockCustomerKey(_key: string) {}
  async lockCase(caseId: string) {
    return this.getCase(caseId);
  }
  async lockCases(caseIds: readonly string[]) {
    return copy(this.state.cases.filter((c) => caseIds.includes(c.id)).sort((a, b) => a.id.localeCompare(b.id)));
  }
  async lockUnfiled(id: string) {
    const u = this.state.unfiled.find((x) => x.id === id);
    return u ? copy(u) : null;
  }

  async nextCaseSequence() {
    return ++this.state.caseSequence;
  }
  async claimStaffRequest(platform: Platform, requestId: string, _caseId: string, _action: string) {
    const key = `${platform}:${requestId}`;
    if (this.state.staffRequests.includes(key)) return false;
    this.state.staffRequests.push(key);
    return true;
  }
  async findEarlierDelivery(platform: Platform, platformMessageId: string) {
    const caseId = this.state.messages.find((m) => m.platform === platform && m.platformMessageId === platformMessageId)?.caseId ?? null;
    const u = this.state.unfiled.find((x) => x.platform === platform && x.platformMessageId === platformMessageId);
    return { caseId, unfiled: u ? copy(u) : null };
  }

  async upsertCustomer(c: Omit<CustomerRecord, 'id'>) {
    const known = this.state.customers.find((x) => x.platform === c.platform && x.platformUserId === c.platformUserId);
    if (!known) {
      const created = { id: randomUUID(), ...c };
      this.state.customers.push(created);
      return copy(created);
    }
    // A message without a name or contact keeps the ones already known.
    if (c.displayName) known.displayName = c.displayName;
    if (c.contact) known.contact = c.contact;
    return copy(known);
  }
  async updateCustomerContact(id: string, contact: string) {
    const c = this.state.customers.find((x) => x.id === id);
    if (c) c.contact = contact;
  }

  async findCaseByThread(platform: Platform, channelId: string, threadId: string, customerId: string) {
    return this.case((c) => c.platform === platform && c.channelId === channelId && c.threadId === threadId && c.customerId === customerId);
  }
  async anyCaseInThread(platform: Platform, channelId: string, threadId: string) {
    return this.state.cases.some((c) => c.platform === platform && c.channelId === channelId && c.threadId === threadId);
  }
  async findLatestOpenCase(customerId: string) {
    return this.case((c) => c.customerId === customerId && isOpen(c.status), (a, b) => b.lastCustomerMessageAt.getTime() - a.lastCustomerMessageAt.getTime());
  }
  async listConversationCases(customerId: string, platform: Platform, channelId: string | null): Promise<ConversationCase[]> {
    const takes = (c: CaseRecord) => isOpen(c.status) || (c.status === 'resolved' && c.satisfactionScore === null && c.surveySentAt !== null);
    return this.withLastMessage(this.state.cases.filter((c) => c.customerId === customerId && c.platform === platform && (channelId === null || c.channelId === channelId) && takes(c)));
  }
  /** The last message either way (a staff question restarts the window), never before the customer's last. */
  private withLastMessage(cases: CaseRecord[]): ConversationCase[] {
    return cases.sort(newestFirst).map((c) => {
      const times = this.state.messages.filter((m) => m.caseId === c.id && m.direction !== 'internal').map((m) => m.createdAt.getTime());
      return { caseRecord: copy(c), lastMessageAt: new Date(Math.max(c.lastCustomerMessageAt.getTime(), ...times)) };
    });
  }
  async findCustomerCaseByNumber(customerId: string, number: string) {
    return this.case((c) => c.customerId === customerId && c.number === number);
  }
  async findOpenCasesByOrder(customerId: string, orderNumber: string) {
    return this.withLastMessage(this.state.cases.filter((c) => c.customerId === customerId && c.orderNumber === orderNumber && isOpen(c.status)));
  }
  async findLatestCase(customerId: string) {
    return this.case((c) => c.customerId === customerId);
  }
  async countCasesCreatedSince(customerId: string, since: Date) {
    return this.state.cases.filter((c) => c.customerId === customerId && c.createdAt >= since).length;
  }

  async insertUnfiled(m: Omit<UnfiledMessageRecord, 'id' | 'caseId'>) {
    const u = { id: randomUUID(), caseId: null, ...copy(m) };
    this.state.unfiled.push(u);
    return copy(u);
  }
  async listUnfiled(customerId: string, within?: UnfiledWithin) {
    const inside = (u: UnfiledMessageRecord) => !within || (u.channelId === within.channelId && u.createdAt >= within.since);
    return copy(this.state.unfiled.filter((u) => u.customerId === customerId && u.state === 'unfiled' && inside(u)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()));
  }
  async markUnfiledFiled(id: string, caseId: string, _at: Date) {
    const u = this.state.unfiled.find((x) => x.id === id);
    if (u) Object.assign(u, { state: 'filed', caseId });
  }

  async insertCorrection(c: Correction) {
    this.state.corrections.push(copy(c));
  }
  async firstCorrection(caseId: string) {
    const c = this.state.corrections.find((x) => x.caseId === caseId);
    return c ? copy(c) : null;
  }

  async insertCase(c: NewCase) {
    const row: CaseRecord = { ...copy(c), id: randomUUID(), version: 1, nextCheckAt: this.nextCheck(c) };
    this.state.cases.push(row);
    return copy(row);
  }
  async updateCase(caseId: string, patch: CasePatch, _current?: CaseRecord) {
    const row = this.state.cases.find((c) => c.id === caseId);
    if (!row) throw new Error(`case ${caseId} does not exist`);
    // Undefined fields are left alone, as the Prisma store does.
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) Object.assign(row, { [k]: copy(v) });
    row.nextCheckAt = this.nextCheck(row);
    row.version++;
    return copy(row);
  }
  async updateSlaStepsDone(rows: readonly { current: CaseRecord; slaStepsDone: string[] }[]) {
    for (const { current, slaStepsDone } of rows) await this.updateCase(current.id, { slaStepsDone });
  }

  async addMessage(m: NewCaseMessage) {
    this.state.messages.push({ id: randomUUID(), ...copy(m) });
  }
  async lastOutboundTexts(caseIds: readonly string[]) {
    const last = new Map<string, string>();
    for (const m of this.state.messages) if (m.direction === 'outbound' && caseIds.includes(m.caseId)) last.set(m.caseId, m.text);
    return last;
  }
  async addEvidence(e: NewEvidence) {
    this.state.evidence.push({ id: randomUUID(), ...copy(e) });
  }
  async appendEvent(e: Omit<CaseEventRecord, 'id'>) {
    this.state.events.push({ id: String(this.state.events.length + 1), ...copy(e) });
  }

  async insertSolution(s: Parameters<SolutionsPort['insertSolution']>[0]) {
    const row: SolutionRecord = { id: randomUUID(), ...copy(s), approvedBy: s.approvedBy ?? null, rejectionReason: null, decidedAt: null };
    this.state.solutions.push(row);
    return copy(row);
  }
  async getSolution(id: string) {
    const s = this.state.solutions.find((x) => x.id === id);
    return s ? copy(s) : null;
  }
  async updateSolution(id: string, patch: Parameters<SolutionsPort['updateSolution']>[1]) {
    const s = this.state.solutions.find((x) => x.id === id);
    if (s) Object.assign(s, copy(patch));
  }

  async enqueue(intent: OutboundIntent, options: EnqueueOptions) {
    // Same key, same effect, as the outbox's unique dedupe key.
    if (this.state.outbox.some((o) => o.options.dedupeKey === options.dedupeKey)) return;
    this.state.outbox.push({ intent: copy(intent), options: copy(options) });
  }
}

/**
 * The desk's store in memory, for fast use-case tests: typed as the ports, transactions run one
 * at a time on a copy of the state and replace it only on commit, so a throwing use case leaves
 * nothing behind, as a rolled-back database transaction does. Not a model of concurrency.
 */
export class InMemoryDeskStore extends Reads implements DeskStore {
  state: DeskState = emptyState();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly nextCheck: NextCheck = () => null) {
    super(() => this.state);
  }

  transaction<T>(work: (tx: DeskTransaction) => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const draft = copy(this.state);
      const result = await work(new InMemoryTransaction(draft, this.nextCheck));
      this.state = draft;
      return result;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The outbound effects committed so far, oldest first. */
  get outbox(): OutboundIntent[] {
    return this.state.outbox.map((o) => o.intent);
  }
}
