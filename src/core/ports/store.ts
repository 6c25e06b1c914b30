import type { AuditPort, AuditReads } from './audit.js';
import type { CaseReads, CasesPort } from './cases.js';
import type { CustomerReads, CustomersPort } from './customers.js';
import type { OutboxPort } from './outbox.js';
import type { SolutionReads, SolutionsPort } from './solutions.js';

/**
 * One unit of work across the aggregates: the ports are separate so a use case or a fake can
 * be read per aggregate, but a change and its outbox rows commit together, so one object serves them all.
 */
export type DeskTransaction = CasesPort & CustomersPort & SolutionsPort & AuditPort & OutboxPort;

/** Reads outside a transaction (case views, lists, exports), and the way into one. */
export type DeskStore = CaseReads &
  CustomerReads &
  SolutionReads &
  AuditReads & {
    transaction<T>(work: (tx: DeskTransaction) => Promise<T>): Promise<T>;
  };
