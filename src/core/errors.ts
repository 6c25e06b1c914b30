import { refusalText, type Refusal } from './staff-text/refusals.js';
import type { Language } from './triage/index.js';

export type DeskErrorCode =
  | 'illegal_transition'
  | 'already_claimed'
  | 'conflict_of_interest'
  | 'not_permitted'
  | 'not_found'
  | 'invalid_input'
  | 'not_your_case';

/**
 * A domain refusal with a stable code and the reason in words for whoever acted. Adapters
 * show `describeDeskError(err, language)` to that person (ephemeral in Slack, a card reply in
 * Teams, a 4xx body in the playground); they are never 5xx. `message` is the English text, for logs.
 */
export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    readonly refusal: Refusal,
  ) {
    super(refusalText(refusal, 'en'));
    this.name = 'DeskError';
  }
}

export class AlreadyClaimedError extends DeskError {
  constructor(
    readonly caseNumber: string,
    readonly ownerName: string,
  ) {
    super('already_claimed', { reason: 'already_claimed', number: caseNumber, owner: ownerName });
  }
}

/** The refusal in the reader's language: one place turns every DeskError into words. */
export function describeDeskError(err: DeskError, language: Language): string {
  return refusalText(err.refusal, language);
}

export const deskErrors = {
  notFound: (what: 'case' | 'solution' | 'staff' | 'message' | 'department') => new DeskError('not_found', { reason: 'not_found', what }),
  notPermitted: (refusal: Refusal) => new DeskError('not_permitted', refusal),
  conflictOfInterest: (caseNumber: string, staffName: string, because: { configured: true } | { namedAs: string }) =>
    new DeskError('conflict_of_interest', { reason: 'conflict_of_interest', number: caseNumber, staff: staffName, ...('namedAs' in because ? { namedAs: because.namedAs } : {}) }),
  invalidInput: (refusal: Refusal) => new DeskError('invalid_input', refusal),
  notYourCase: (caseNumber: string) => new DeskError('not_your_case', { reason: 'not_your_case', number: caseNumber }),
};

/**
 * The same staff request delivered again (Slack sends a mention as `message` and `app_mention`;
 * platforms retry): it was carried out the first time, so this one does nothing. Not a refusal:
 * adapters answer it as a success.
 */
export class DuplicateRequestError extends Error {
  constructor(readonly caseId: string) {
    super('this request was already carried out');
    this.name = 'DuplicateRequestError';
  }
}

/** The platform said "too many requests": try again after this long, nothing is lost. */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited, retry after ${retryAfterMs} ms`,
  ) {
    super(message);
    this.name = 'RateLimitedError';
  }
}
