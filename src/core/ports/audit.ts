import type { Platform } from './platform.js';

export type ActorKind = 'customer' | 'staff' | 'system';
export interface CaseEventRecord {
  id: string;
  caseId: string;
  at: Date;
  actorKind: ActorKind;
  actorId: string | null;
  platform: Platform | null;
  type: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
export type NewCaseEvent = Omit<CaseEventRecord, 'id'>;

/** The case history (who did what, before and after) and the record of staff requests carried out. */
export interface AuditPort {
  /** Records a staff request as carried out; false when it already was (a redelivery). */
  claimStaffRequest(platform: Platform, requestId: string, caseId: string, action: string): Promise<boolean>;
  appendEvent(e: NewCaseEvent): Promise<void>;
}

export interface AuditReads {
  listEvents(caseId: string): Promise<CaseEventRecord[]>;
}
