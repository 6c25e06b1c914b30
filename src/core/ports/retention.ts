/** What an anonymising pass blanked or deleted, per kind of row; the figures themselves stay. */
export interface ScrubCounts {
  cases: number;
  messages: number;
  evidence: number;
  solutions: number;
  events: number;
  outbox: number;
  /** Evidence files the bot kept (bytes and all): deleted, not blanked. */
  files: number;
}

export interface RetentionResult extends ScrubCounts {
  customers: number;
  inbox: number;
}

/** The retention period's store: what the scheduled run asks of the database. */
export interface RetentionStore {
  /**
   * Cases closed before `closedBefore` lose their free text, customers left with no case that
   * keeps any lose name and contact, and processed intake rows from before the cutoff go.
   * Safe to run again and from several replicas: anonymised cases are skipped.
   */
  anonymiseClosedCases(o: { closedBefore: Date; at: Date }): Promise<RetentionResult>;
}
