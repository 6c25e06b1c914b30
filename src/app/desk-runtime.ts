import { randomUUID } from 'node:crypto';
import { IntakeAdmission, type IntakeAdmissionLimits } from '../application/intake-admission.js';
import { BusinessCalendar } from '../core/calendar/business-calendar.js';
import { nextSlaCheckAt } from '../core/sla/sla-steps.js';
import { SlaScheduler } from '../scheduler/sla-scheduler.js';
import { Desk } from '../core/desk.js';
import type { DeskContext } from '../core/cases/desk-settings.js';
import { systemClock, type Clock, type CustomerMessage, type Notifier, type Platform } from '../core/ports.js';
import { StaffDirectory } from '../core/staff-directory.js';
import { calendarCoverageWarning, loadCalendarData } from '../config/calendar-data.js';
import type { DeskConfig } from '../config/desk-config.js';
import { toDeskSettings, toStaffMembers } from '../config/to-desk-settings.js';
import { openDatabase, type Database, type DatabaseOptions } from '../persistence/database.js';
import { migrate } from '../persistence/migrate.js';
import { PrismaRatePacer, prismaOutboxQueue } from '../persistence/outbox-store.js';
import { PrismaSlaDueQueue } from '../persistence/prisma-leased-queue.js';
import type { DeadLetterNotice, LeasedQueue } from '../application/leased-queue.js';
import type { OutboxItem } from '../application/outbox.js';
import type { Triager } from '../core/cases/triage-boundary.js';
import { TriagePool } from '../workers/triage-pool.js';
import { PrismaCardLocationStore, PrismaConversationRefStore } from '../persistence/prisma-delivery-stores.js';
import { PrismaDeskStore } from '../persistence/prisma-desk-store.js';
import { syncDirectory } from '../persistence/sync-directory.js';
import { OutboxWorker } from '../workers/outbox-worker.js';
import { InboxWorker } from '../workers/inbox-worker.js';
import { InboxStore, prismaInboxQueue } from '../persistence/inbox-store.js';
import { DeskMetrics } from '../observability/metrics.js';
import { LocalNotifier } from '../adapters/local/local-notifier.js';
import { OutageLog, silentStatusLogger, type StatusLogger } from '../shared/outage-log.js';
import { DeskApplication } from '../application/desk-application.js';
import { EvidenceIntake } from '../application/evidence-files.js';
import { EvidenceLinks, processLocalSecret } from '../application/evidence-links.js';
import { PrismaEvidenceFileStore } from '../persistence/prisma-evidence-file-store.js';

export interface DeskRuntimeOptions {
  config: DeskConfig;
  database: DatabaseOptions | Database;
  clock?: Clock;
  workerId?: string;
  /** Minimum gap between sends to one channel, per platform. */
  minIntervalMs?: Partial<Record<Platform, number>>;
  sleep?: (ms: number) => Promise<void>;
  /** Process-level metrics (CPU, memory, event loop) in /metrics; off in tests. */
  defaultMetrics?: boolean;
  /** Where the workers say that the database went away and came back, and which rows they gave up on. */
  logger?: StatusLogger;
  /** Claims a queue row may use before it is dead-lettered (an inbox message then goes to staff as "needs a human"). */
  maxAttempts?: { inbox?: number; outbox?: number };
  /** Triage on worker threads under a per-message budget; in process, without one, when absent. */
  triageBudget?: { budgetMs: number; threads: number };
  /** Back-pressure on intake (application/intake-admission.ts); omitted, intake waits on the store as long as it takes. */
  intakeAdmission?: IntakeAdmissionLimits;
  /** A triager of the caller's own (tests); closed with the runtime. */
  triager?: Triager;
  /** Random source of the queues' back-off jitter. */
  random?: () => number;
  /** Customers' files: the size kept at most, and the signed links cards use (a per-process secret and loopback URL when absent). */
  evidence?: { maxBytes?: number; links?: { secret: string; publicUrl: string; ttlMs?: number } };
}

/** Files larger than this are recorded as too large to keep; staff ask the customer for another way. */
export const DEFAULT_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** How long a link on a card works; redrawn cards carry fresh links. */
export const DEFAULT_EVIDENCE_LINK_TTL_MS = 7 * 24 * 3_600_000;

/** Defaults: a message that hangs or crashes the process five times goes to a human; delivery rides out ~40 min of platform trouble. */
export const DEFAULT_MAX_ATTEMPTS = { inbox: 5, outbox: 12 };

/** The desk assembled on a database: core, stores, outbox worker and the local adapter. Platform adapters attach to it. */
export interface DeskRuntime {
  db: Database;
  desk: Desk;
  ctx: DeskContext;
  outboxQueue: LeasedQueue<OutboxItem>;
  outbox: OutboxWorker;
  /** Durable intake: adapters accept customer messages here before acknowledging. */
  inbox: InboxStore;
  inboxQueue: LeasedQueue<CustomerMessage>;
  inboxWorker: InboxWorker;
  metrics: DeskMetrics;
  /** SLA clocks: `tick(now)` takes every step that has fallen due; `start()` ticks with node-cron. */
  scheduler: SlaScheduler;
  cards: PrismaCardLocationStore;
  conversationRefs: PrismaConversationRefStore;
  local: LocalNotifier;
  /** Customers' files the inbox worker takes in, where they are kept, and the links cards carry. */
  evidence: EvidenceIntake;
  evidenceFiles: PrismaEvidenceFileStore;
  evidenceLinks: EvidenceLinks;
  /** The port platform adapters use; nothing else of the runtime is handed to them. */
  application: DeskApplication;
  workerId: string;
  /** Why SLA clocks may be wrong this year or next (no official holidays), or null. */
  calendarWarning(now?: Date): string | null;
  close(): Promise<void>;
}

/** Acknowledgements first: case creation and delivery wait for a 20 ms lull, at most 2 s. */
const INTAKE_FIRST = { quietMs: 20, maxYieldMs: 2000 };

export async function createDeskRuntime(o: DeskRuntimeOptions): Promise<DeskRuntime> {
  const db = 'prisma' in o.database ? o.database : await openDatabase(o.database);
  await migrate(db);
  const settings = toDeskSettings(o.config);
  const staff = new StaffDirectory(toStaffMembers(o.config));
  await syncDirectory(db.prisma, settings.departments, [...staff.members]);
  const calendar = new BusinessCalendar(
    loadCalendarData({
      region: o.config.calendar.region,
      timeZone: o.config.timeZone,
      workdayStart: o.config.calendar.workdayStart,
      workdayEnd: o.config.calendar.workdayEnd,
      weekendDays: o.config.calendar.weekendDays,
      extraHolidays: o.config.calendar.extraHolidays,
      extraWorkdays: o.config.calendar.extraWorkdays,
      removeHolidays: o.config.calendar.removeHolidays,
    }),
  );
  const clock = o.clock ?? systemClock;
  const logger = o.logger ?? silentStatusLogger;
  // The store wakes the outbox worker after every commit that wrote outbound effects.
  const store = new PrismaDeskStore(db, (c) => nextSlaCheckAt(c, settings.sla), () => outbox.poke());
  const triager =
    o.triager ??
    (o.triageBudget && o.triageBudget.threads > 0
      ? new TriagePool({
          ...o.triageBudget,
          onNeedsHuman: (reason, textLength) => {
            metrics.triageNeedsHuman.inc({ reason });
            logger.warn({ reason, textLength, budgetMs: o.triageBudget?.budgetMs }, 'triage did not finish: the message goes to staff as needs a human');
          },
        })
      : undefined);
  const ctx: DeskContext = { settings, store, staff, calendar, clock, ...(triager ? { triager } : {}) };
  const desk = new Desk(ctx);
  const local = new LocalNotifier((caseId) => desk.caseView(caseId));
  const notifiers: Partial<Record<Platform, Notifier>> = { local };
  const maxAttempts = { ...DEFAULT_MAX_ATTEMPTS, ...o.maxAttempts };
  const outboxQueue = prismaOutboxQueue(db.prisma, clock, maxAttempts.outbox, o.random);
  const inboxQueue = prismaInboxQueue(db.prisma, clock, maxAttempts.inbox, o.random);
  const workerId = o.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const deadLettered = (n: DeadLetterNotice) => {
    metrics.deadLettered.inc({ queue: n.queue });
    logger.warn({ queue: n.queue, rowId: String(n.id), attempts: n.attempts, messageId: n.messageId, caseNumber: n.caseNumber, reason: n.reason }, `${n.queue} row ${n.id} dead-lettered`);
  };
  const outbox = new OutboxWorker({
    queue: outboxQueue,
    pacer: new PrismaRatePacer(db.prisma),
    notifiers,
    clock,
    workerId,
    minIntervalMs: o.minIntervalMs ?? { slack: 1000, teams: 150 },
    ...(o.sleep ? { sleep: o.sleep } : {}),
    onSent: (row) => metrics.messagesSent.inc({ platform: row.item.intent.platform, type: row.item.intent.type }),
    onError: (_err, row) => metrics.deliveryFailures.inc({ platform: row.item.intent.platform }),
    onDeadLetter: deadLettered,
    outage: new OutageLog(logger, 'outbox worker', 'retrying with back-off; replies wait in the outbox'),
    yieldToIntake: { ...INTAKE_FIRST, lastAcceptAt: () => inbox.lastAcceptAt },
  });
  const inbox = new InboxStore(db.prisma, clock, db.sharedSession ? undefined : (sql, params) => db.query(sql, params));
  const metrics = new DeskMetrics(
    {
      outbox: () => outboxQueue.pendingCount(),
      inbox: () => inboxQueue.pendingCount(),
      dead: { inbox: () => inboxQueue.deadCount(), outbox: () => outboxQueue.deadCount() },
    },
    o.defaultMetrics ?? false,
  );
  const evidenceFiles = new PrismaEvidenceFileStore(db.prisma);
  const evidence = new EvidenceIntake({
    store: evidenceFiles,
    clock,
    maxBytes: o.evidence?.maxBytes ?? DEFAULT_EVIDENCE_MAX_BYTES,
    onSettled: (caseIds, fileId) => desk.redrawCards(caseIds, `evidence:${fileId}`),
  });
  const evidenceLinks = new EvidenceLinks({
    secret: o.evidence?.links?.secret ?? processLocalSecret(),
    publicUrl: o.evidence?.links?.publicUrl ?? 'http://127.0.0.1:3978',
    ttlMs: o.evidence?.links?.ttlMs ?? DEFAULT_EVIDENCE_LINK_TTL_MS,
    clock,
  });
  const inboxWorker = new InboxWorker({
    queue: inboxQueue,
    inbox,
    onDeadLetter: deadLettered,
    concurrency: db.kind === 'pglite' ? 1 : 8,
    // Acknowledgements first: case creation shares this process's CPU with the HTTP handler.
    yieldToIntake: INTAKE_FIRST,
    clock,
    workerId,
    outage: new OutageLog(logger, 'inbox worker', 'retrying with back-off; stored messages wait in the inbox'),
    // Failed downloads are tried again after each drain, off the path of new messages.
    afterDrain: () => evidence.retryDue(),
    receive: async (stored, options) => {
      // Files first, so the first card already links them; a failed download never stops the case.
      const m = await evidence.takeIn(stored);
      const outcome = await metrics.time('intake', () => desk.receiveCustomerMessage(m, options));
      if (outcome.kind === 'created') metrics.casesCreated.inc({ platform: m.platform });
      // The platform message id ties this line to the request that stored the message.
      if ('caseNumber' in outcome) logger.info({ caseNumber: outcome.caseNumber, outcome: outcome.kind, platform: m.platform, messageId: m.messageId }, 'customer message handled');
      return outcome;
    },
  });
  const scheduler = new SlaScheduler({
    ctx,
    due: new PrismaSlaDueQueue(db.prisma),
    outage: new OutageLog(logger, 'SLA scheduler', 'the next tick catches up'),
    onResult: (r) => {
      for (const clock of r.breaches) metrics.slaBreaches.inc({ clock });
      const nudges = r.steps.filter((k) => k === 'update_ladder' || k === 'unclaimed_ladder').length;
      if (nudges) metrics.nudgesSent.inc({ platform: 'all' }, nudges);
    },
  });
  const cards = new PrismaCardLocationStore(db.prisma);
  const conversationRefs = new PrismaConversationRefStore(db.prisma);
  const application = new DeskApplication({
    desk,
    ctx,
    inbox,
    onMessageStored: () => inboxWorker.poke(),
    metrics,
    intakeOutage: new OutageLog(logger, 'intake', 'refusing messages with 503 (not acknowledged) so the platform delivers them again'),
    notifiers,
    cards,
    conversationRefs,
    evidence,
    evidenceLinks,
    ...(o.intakeAdmission ? { admission: new IntakeAdmission(o.intakeAdmission) } : {}),
  });
  return {
    db,
    desk,
    scheduler,
    ctx,
    outboxQueue,
    outbox,
    inbox,
    inboxQueue,
    inboxWorker,
    metrics,
    cards,
    conversationRefs,
    local,
    evidence,
    evidenceFiles,
    evidenceLinks,
    application,
    workerId,
    calendarWarning: (now = clock.now()) => calendarCoverageWarning(o.config.calendar, Number(calendar.localDate(now).slice(0, 4))),
    close: async () => {
      await scheduler.stop();
      await inboxWorker.stop();
      await outbox.stop();
      await triager?.close?.();
      await db.close();
    },
  };
}
