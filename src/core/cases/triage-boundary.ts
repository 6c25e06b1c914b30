import { classify, detectLanguage, type Triage } from '../triage/index.js';

/**
 * Why a message is handed to staff without triage: it did not finish within its time budget,
 * it threw, or the message's processing failed (hung, crashed the process) too many times.
 */
export type NeedsHumanReason = 'triage_timeout' | 'triage_failed' | 'repeated_failure';

export type TriageResult = { kind: 'triaged'; triage: Triage } | { kind: 'needs_human'; reason: NeedsHumanReason };

/**
 * Where intake gets its triage. `classify` is synchronous CPU work on customer text: the
 * runtime runs it on worker threads under a per-message budget (src/workers/triage-pool.ts);
 * the CLI and tests may run it in process.
 */
export interface Triager {
  triage(text: string): Promise<TriageResult>;
  close?(): Promise<void>;
}

/** In process, no budget: for the CLI and tests. A classifier that throws hands the message to a human. */
export const inProcessTriager: Triager = {
  triage: async (text) => {
    try {
      return { kind: 'triaged', triage: classify(text) };
    } catch {
      return { kind: 'needs_human', reason: 'triage_failed' };
    }
  },
};

export const NEEDS_HUMAN_CUE = 'needs_human';

/** What intake knows of a message it could not triage: a complaint of unknown category. */
export function untriaged(text: string, reason: NeedsHumanReason): Triage {
  return {
    language: detectLanguage(text),
    isComplaint: true,
    category: null,
    urgent: false,
    orderNumber: null,
    desiredOutcome: null,
    amount: null,
    cues: [`${NEEDS_HUMAN_CUE}:${reason}`],
  };
}

/** The reason a case needs a human, from its cues; null for a triaged case. */
export function needsHumanReason(cues: readonly string[]): NeedsHumanReason | null {
  const cue = cues.find((c) => c.startsWith(`${NEEDS_HUMAN_CUE}:`));
  return cue ? (cue.slice(NEEDS_HUMAN_CUE.length + 1) as NeedsHumanReason) : null;
}
