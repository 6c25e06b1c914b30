import type { DeskSettings } from '../../src/core/cases/desk-settings.js';
import { requirementsFor } from '../../src/core/cases/evidence-rules.js';
import type { Category } from '../../src/core/triage/index.js';
import type { ChaosCustomer } from './scenario.js';

export type Query = <T>(sql: string, params: unknown[]) => Promise<T[]>;

export interface ChaosCounts {
  customers: number;
  messages: number;
  acknowledged: number;
  cases: number;
  /** Extra cases beyond one per customer, plus platform messages stored more than once or on another customer's case. */
  duplicates: number;
  stored: number;
  /** Acknowledged messages that are in no case. */
  lost: number;
  /** Messages Slack never got a 2xx for: with replicas up, every one should be acknowledged. */
  unacknowledged: number;
  evidenceComplete: number;
  auditComplete: number;
  /** Rows still pending or dead in the inbox. */
  inboxLeft: number;
  problems: string[];
}

/** Where the inbox stands: the run waits for pending rows to reach zero before counting. */
export async function inboxBacklog(query: Query): Promise<{ pending: number; dead: number }> {
  const [row] = await query<{ pending: number; dead: number }>(
    `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'dead')::int AS dead FROM inbox_message`,
    [],
  );
  return row ?? { pending: 0, dead: 0 };
}

export const slackMessageId = (m: { channel: string; ts: string }) => `${m.channel}:${m.ts}`;

/**
 * Counts, from the database alone, what the run promised: one case per customer, every
 * acknowledged message stored exactly once on it, the evidence the desk requires for the
 * case's category collected (every photo sent kept), and an audit trail with the case's
 * creation and one entry per follow-up.
 */
export async function countOutcome(query: Query, customers: ChaosCustomer[], acknowledged: Set<string>, settings: DeskSettings): Promise<ChaosCounts> {
  const problems: string[] = [];
  const note = (p: string) => {
    if (problems.length < 20) problems.push(p);
  };
  const userIds = customers.map((c) => c.userId);
  const cases = await query<{ id: string; user_id: string; category: string | null; status: string }>(
    `SELECT c.id, cu.platform_user_id AS user_id, c.category, c.status FROM "case" c JOIN customer cu ON cu.id = c.customer_id
      WHERE cu.platform = 'slack' AND cu.platform_user_id = ANY($1)`,
    [userIds],
  );
  const caseIds = cases.map((c) => c.id);
  const messages = await query<{ case_id: string; platform_message_id: string }>(
    `SELECT case_id, platform_message_id FROM case_message WHERE direction = 'inbound' AND case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  const evidence = await query<{ case_id: string; requirement: string | null; file_id: string | null }>(
    `SELECT case_id, requirement, file_id FROM evidence WHERE case_id = ANY($1::uuid[])`,
    [caseIds],
  );
  const events = await query<{ case_id: string; type: string; n: number }>(
    `SELECT case_id, type, count(*)::int AS n FROM case_event WHERE case_id = ANY($1::uuid[]) GROUP BY case_id, type`,
    [caseIds],
  );

  const casesByUser = groupBy(cases, (c) => c.user_id);
  const messagesByCase = groupBy(messages, (m) => m.case_id);
  const evidenceByCase = groupBy(evidence, (e) => e.case_id);
  const eventCount = (caseId: string, type: string) => events.find((e) => e.case_id === caseId && e.type === type)?.n ?? 0;

  let duplicates = 0;
  let stored = 0;
  let lost = 0;
  let evidenceComplete = 0;
  let auditComplete = 0;
  for (const c of customers) {
    const own = casesByUser.get(c.userId) ?? [];
    if (own.length > 1) {
      duplicates += own.length - 1;
      note(`${c.userId}: ${own.length} cases`);
    }
    const storedIds = own.flatMap((k) => (messagesByCase.get(k.id) ?? []).map((m) => m.platform_message_id));
    for (const m of c.messages) {
      const copies = storedIds.filter((id) => id === slackMessageId(m)).length;
      if (copies > 1) {
        duplicates += copies - 1;
        note(`${m.eventId}: stored ${copies} times`);
      }
      if (copies > 0) stored++;
      else if (acknowledged.has(m.eventId)) {
        lost++;
        note(`${m.eventId} (${m.kind}) acknowledged but not stored`);
      }
    }
    const expectedFiles = c.messages.flatMap((m) => m.files.map((f) => f.id));
    for (const k of own) {
      const ev = evidenceByCase.get(k.id) ?? [];
      const required = requirementsFor(settings.evidence, k.category as Category | null).map((r) => r.key);
      const have = new Set(ev.map((e) => e.requirement));
      const files = new Set(ev.map((e) => e.file_id));
      const missing = [...required.filter((r) => !have.has(r)), ...expectedFiles.filter((f) => !files.has(f))];
      if (missing.length === 0 && k.status !== 'awaiting_evidence') evidenceComplete++;
      else note(`${c.userId} case ${k.id}: evidence missing ${missing.join(', ') || '(none)'}, status ${k.status}`);

      // Audit: the creation once, one customer_message entry per follow-up (a doubled entry
      // means a message was processed twice), and an entry for each piece of evidence.
      const inbound = messagesByCase.get(k.id)?.length ?? 0;
      const auditGaps = [
        eventCount(k.id, 'case_created') === 1 ? null : `case_created ×${eventCount(k.id, 'case_created')}`,
        eventCount(k.id, 'customer_message') === inbound - 1 ? null : `customer_message ×${eventCount(k.id, 'customer_message')} for ${inbound} messages`,
        eventCount(k.id, 'evidence_added') === ev.length ? null : `evidence_added ×${eventCount(k.id, 'evidence_added')} for ${ev.length} rows`,
        missing.length > 0 || eventCount(k.id, 'evidence_complete') >= 1 ? null : 'no evidence_complete',
      ].filter((g): g is string => g !== null);
      if (auditGaps.length === 0) auditComplete++;
      else note(`${c.userId} case ${k.id}: audit ${auditGaps.join('; ')}`);
    }
  }
  const allMessages = customers.flatMap((c) => c.messages);
  const backlog = await inboxBacklog(query);
  return {
    customers: customers.length,
    messages: allMessages.length,
    acknowledged: allMessages.filter((m) => acknowledged.has(m.eventId)).length,
    cases: cases.length,
    duplicates,
    stored,
    lost,
    unacknowledged: allMessages.filter((m) => !acknowledged.has(m.eventId)).length,
    evidenceComplete,
    auditComplete,
    inboxLeft: backlog.pending + backlog.dead,
    problems,
  };
}

/** PASS only when nothing is doubled, nothing acknowledged is missing and every case is whole. */
export function chaosPassed(c: ChaosCounts): boolean {
  return (
    c.duplicates === 0 &&
    c.lost === 0 &&
    c.unacknowledged === 0 &&
    c.cases === c.customers &&
    c.stored === c.messages &&
    c.evidenceComplete === c.cases &&
    c.auditComplete === c.cases &&
    c.inboxLeft === 0
  );
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
