export type DeskErrorCode =
  | 'illegal_transition'
  | 'already_claimed'
  | 'conflict_of_interest'
  | 'not_permitted'
  | 'not_found'
  | 'invalid_input'
  | 'not_your_case';

/**
 * A domain error with a stable code. Adapters turn these into a clear message for the
 * person who acted (ephemeral in Slack, a card reply in Teams); they are never 5xx.
 */
export class DeskError extends Error {
  constructor(
    readonly code: DeskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

export class AlreadyClaimedError extends DeskError {
  constructor(
    readonly caseNumber: string,
    readonly ownerName: string,
  ) {
    super('already_claimed', `Case ${caseNumber} is already claimed by ${ownerName}`);
  }
}

export const deskErrors = {
  notFound: (what: string) => new DeskError('not_found', `${what} not found`),
  notPermitted: (why: string) => new DeskError('not_permitted', why),
  conflictOfInterest: (caseNumber: string, staffName: string, reason: string) =>
    new DeskError('conflict_of_interest', `${staffName} may not handle case ${caseNumber} (${reason})`),
  invalidInput: (why: string) => new DeskError('invalid_input', why),
  notYourCase: (caseNumber: string) => new DeskError('not_your_case', `Case ${caseNumber} belongs to another customer`),
};
