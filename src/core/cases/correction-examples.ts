import type { TriageCorrectionRecord } from '../ports.js';
import type { LabelledMessage } from '../triage/evaluate.js';

/**
 * Staff corrections as a labelled set in the triage evaluation's format (test/fixtures/triage/*.jsonl):
 * one line per corrected case with the labels staff left it with (a later correction supersedes an earlier one).
 */
export function correctionExamples(corrections: readonly TriageCorrectionRecord[]): LabelledMessage[] {
  const latest = new Map<string, TriageCorrectionRecord>();
  for (const c of corrections) latest.set(c.caseId, c);
  return [...latest.values()].map((c) => ({
    id: c.caseNumber,
    text: c.text,
    language: c.corrected.language,
    isComplaint: c.corrected.isComplaint,
    category: c.corrected.category,
    urgent: c.corrected.urgent,
    orderNumber: c.corrected.orderNumber,
    desiredOutcome: c.corrected.desiredOutcome,
    amount: c.corrected.amount,
  }));
}

export const toJsonl = (rows: readonly object[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
