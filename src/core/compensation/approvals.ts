import { type DeskError, deskErrors } from '../errors.js';
import type { SolutionRecord, SolutionType } from '../ports.js';
import type { StaffDirectory, StaffMember } from '../staff-directory.js';

/** Solutions that pay the customer: they need an amount and follow the approval limits. */
export const MONEY_SOLUTION_TYPES: ReadonlySet<SolutionType> = new Set(['refund', 'compensation']);
export const isMoneySolution = (type: SolutionType): boolean => MONEY_SOLUTION_TYPES.has(type);

export interface ApprovalPolicy {
  /** Staff id of the supervisor who approves what no other limit covers (no limit of their own). */
  topApprover: string | null;
}

const limitOf = (m: StaffMember, policy: ApprovalPolicy) => (m.id === policy.topApprover ? Infinity : m.compensationLimit);

/**
 * Whether an offer must wait for approval before the customer sees it: any amount above the
 * proposer's own limit (an apology letter that also pays counts as money too).
 */
export function needsApproval(amount: number | null, proposer: StaffMember, policy: ApprovalPolicy): boolean {
  return (amount ?? 0) > limitOf(proposer, policy);
}

/**
 * Who may approve an amount for a department: its supervisors (or the desk-wide ones) whose
 * limit covers it, never the proposer; when none does, the top approver.
 */
export function approversFor(staff: StaffDirectory, departmentKey: string | null, amount: number, proposerId: string, policy: ApprovalPolicy): StaffMember[] {
  const supervisors = staff.members.filter((m) => m.role === 'supervisor' && (m.department === departmentKey || !m.department) && m.id !== proposerId);
  const able = supervisors.filter((m) => limitOf(m, policy) >= amount);
  if (able.length) return able;
  const top = policy.topApprover ? staff.get(policy.topApprover) : undefined;
  return top && top.id !== proposerId ? [top] : [];
}

/** Why `member` may not approve this solution, or null when they may. */
export function approvalRefusal(member: StaffMember, s: SolutionRecord, policy: ApprovalPolicy): DeskError | null {
  if (member.role !== 'supervisor') return deskErrors.notPermitted({ reason: 'supervisor_only' });
  if (s.proposedBy === member.id) return deskErrors.notPermitted({ reason: 'own_proposal' });
  if ((s.amount ?? 0) > limitOf(member, policy)) return deskErrors.notPermitted({ reason: 'above_approval_limit', limit: String(member.compensationLimit) });
  return null;
}
