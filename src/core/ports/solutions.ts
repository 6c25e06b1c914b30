import type { DesiredOutcome } from '../triage/types.js';

/** What staff can offer is what a customer can ask for (docs/DOMAIN.md §3). */
export type SolutionType = DesiredOutcome;

export interface SolutionProposal {
  type: SolutionType;
  amount?: number | null;
  currency?: string | null;
  effectiveBy?: string | null;
  text: string;
}

/** A proposal as staff submit it: the amount may still be the text they typed ("5万", "¥1,299"). */
export type SolutionProposalInput = Omit<SolutionProposal, 'amount'> & { amount?: number | string | null };

export type SolutionStatus = 'pending_approval' | 'offered' | 'accepted' | 'rejected' | 'withdrawn';
export interface SolutionRecord extends SolutionProposal {
  id: string;
  caseId: string;
  status: SolutionStatus;
  proposedBy: string;
  approvedBy: string | null;
  rejectionReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** Solutions staff propose and customers accept or reject. */
export interface SolutionsPort {
  insertSolution(s: Omit<SolutionRecord, 'id' | 'decidedAt' | 'rejectionReason' | 'approvedBy'> & { approvedBy?: string | null }): Promise<SolutionRecord>;
  getSolution(id: string): Promise<SolutionRecord | null>;
  updateSolution(id: string, patch: Partial<Pick<SolutionRecord, 'status' | 'approvedBy' | 'rejectionReason' | 'decidedAt'>>): Promise<void>;
}

export interface SolutionReads {
  listSolutions(caseId: string): Promise<SolutionRecord[]>;
}
