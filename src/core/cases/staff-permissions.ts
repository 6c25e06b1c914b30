import { type DeskError, deskErrors } from '../errors.js';
import { approvalRefusal, type ApprovalPolicy } from '../compensation/approvals.js';
import type { CaseRecord, SolutionRecord } from '../ports.js';
import type { StaffMember } from '../staff-directory.js';
import { canTransition } from './case-status.js';
import { isOpen, type CaseTransition } from '../model/lifecycle.js';

/** Everything staff can do to a case, one name each (also the card's buttons). */
export const STAFF_ACTIONS = [
  'claim',
  'reassign',
  'ask',
  'update',
  'reply',
  'note',
  'propose',
  'approve',
  'resolve',
  'escalate',
  'close',
  'reopen',
  // Corrections of the triage (issue 16.2): any staff member of the case's department, or a supervisor.
  'recategorize',
  'mark_urgent',
  'link',
] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/** Which actions someone other than the owner may take; configurable (desk config `permissions`). */
export interface StaffPolicy {
  nonOwnerActions: readonly StaffAction[];
}
export const DEFAULT_STAFF_POLICY: StaffPolicy = { nonOwnerActions: ['note', 'escalate'] };

const SUPERVISOR_ONLY: ReadonlySet<StaffAction> = new Set(['reassign', 'approve', 'reopen']);
/** Actions that are not "working the case", so ownership does not apply to them. */
const OUTSIDE_OWNERSHIP: ReadonlySet<StaffAction> = new Set(['claim', 'reassign', 'approve', 'reopen', 'recategorize', 'mark_urgent', 'link']);

export interface PermissionInput {
  action: StaffAction;
  member: StaffMember;
  caseRecord: CaseRecord;
  /** Why this member must stay away from this customer (回避), if they must. */
  conflict: { configured: true } | { namedAs: string } | null;
  /** A supervisor's explicit override of the ownership and conflict rules, with the reason. */
  override: { reason: string } | null;
  policy: StaffPolicy;
  ownerName: string | null;
}

export type PermissionOutcome = { allowed: true; overridden: ('ownership' | 'conflict')[] } | { allowed: false; error: DeskError };

/**
 * The rules that depend only on who acts, not on the case: staff only, and supervisor-only
 * actions. Adapters ask it (through the application) before they open a form for an action,
 * so a form is never offered to someone the action itself would refuse for who they are.
 */
export function roleRefusal(member: StaffMember | undefined, action: StaffAction): DeskError | null {
  if (!member) return deskErrors.notPermitted({ reason: 'staff_only' });
  if (SUPERVISOR_ONLY.has(action) && member.role !== 'supervisor') return deskErrors.notPermitted({ reason: 'supervisor_only' });
  return null;
}

/**
 * The one place that decides whether a staff member may take an action on a case: staff only,
 * supervisor-only actions, the department, conflict of interest (回避) on every action, and
 * ownership (only the owner works a claimed case; which actions others may take is policy).
 * A supervisor may override ownership and conflict explicitly, giving a reason for the audit.
 */
export function decideStaffAction(p: PermissionInput): PermissionOutcome {
  const { action, member, caseRecord: c } = p;
  const refuse = (error: DeskError): PermissionOutcome => ({ allowed: false, error });
  const supervisor = member.role === 'supervisor';
  const byRole = roleRefusal(member, action);
  if (byRole) return refuse(byRole);
  if (!supervisor && (c.departmentKey === null || member.department !== c.departmentKey))
    return refuse(deskErrors.notPermitted({ reason: 'not_in_department', staff: member.name, number: c.number }));
  const overridden: ('ownership' | 'conflict')[] = [];
  const mayOverride = supervisor && p.override !== null;

  if (p.conflict) {
    if (!mayOverride) return refuse(deskErrors.conflictOfInterest(c.number, member.name, p.conflict));
    overridden.push('conflict');
  }
  const needsOwner = !OUTSIDE_OWNERSHIP.has(action) && !p.policy.nonOwnerActions.includes(action);
  if (needsOwner && c.ownerId !== member.id) {
    // Nobody owns an open case yet: claim it first (a supervisor may still override).
    if (!mayOverride) {
      if (c.ownerId === null && isOpen(c.status)) return refuse(deskErrors.invalidInput({ reason: 'claim_first', number: c.number }));
      return refuse(deskErrors.notPermitted({ reason: 'not_owner', number: c.number, owner: p.ownerName ?? '—' }));
    }
    overridden.push('ownership');
  }
  return { allowed: true, overridden };
}

/** The lifecycle move an action makes, where it makes one: it is only offered when the move is possible. */
const ACTION_TRANSITION: Partial<Record<StaffAction, CaseTransition>> = {
  claim: 'claim',
  reassign: 'reassign',
  propose: 'propose_solution',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
};

/** Who is looking at a case, with what the permission rules need to know about them and it. */
export interface CaseViewer {
  member: StaffMember;
  conflict: PermissionInput['conflict'];
  policy: StaffPolicy;
  ownerName: string | null;
  /** The case's solution held for approval, if any, and the limits that decide who may approve it. */
  heldSolution: SolutionRecord | null;
  approvals: ApprovalPolicy;
}

/**
 * The actions this viewer may take on the case now, without an override: possible in the case's
 * status (possibleActions) and permitted to them (decideStaffAction), plus Approve when a held
 * solution is theirs to approve. For views that know who is looking: the playground, a Teams
 * card refreshed for one person, Slack's "More actions" and a message to one staff member.
 */
export function possibleActionsFor(c: CaseRecord, v: CaseViewer): StaffAction[] {
  const input = { member: v.member, caseRecord: c, conflict: v.conflict, policy: v.policy, ownerName: v.ownerName, override: null };
  const allowed = (action: StaffAction) => decideStaffAction({ ...input, action }).allowed;
  const possible = possibleActions(c);
  const mayApprove = v.heldSolution?.status === 'pending_approval' && approvalRefusal(v.member, v.heldSolution, v.approvals) === null && allowed('approve');
  return STAFF_ACTIONS.filter((action) => (action === 'approve' ? mayApprove : possible.includes(action) && allowed(action)));
}

/**
 * The actions a card everyone in the department sees alike may offer: what every one of them may
 * do, plus, once the case has an owner, the owner's own work (the card names them, and nobody
 * else may do it). Supervisor-only actions (Reassign, Approve, Reopen) only when every viewer is
 * a supervisor: each supervisor gets theirs from their own view of the card. Members who must
 * stay away from this customer (回避) are left out, so one conflict does not empty everyone's
 * card; they are refused in their own words if they click.
 */
export function sharedCardActions(c: CaseRecord, viewers: readonly CaseViewer[]): StaffAction[] {
  const free = viewers.filter((v) => v.conflict === null);
  if (free.length === 0) return [];
  const each = free.map((v) => new Set(possibleActionsFor(c, v)));
  const owner = free.findIndex((v) => v.member.id === c.ownerId);
  const ownersWork = (action: StaffAction) => owner >= 0 && !OUTSIDE_OWNERSHIP.has(action) && each[owner]!.has(action);
  return STAFF_ACTIONS.filter((action) => each.every((set) => set.has(action)) || ownersWork(action));
}

/**
 * The actions the case's status allows at all, whoever acts (each click is still decided for
 * the person by decideStaffAction); possibleActionsFor narrows it to one viewer. From the
 * transition table, so no card offers Resolve before the customer agreed, or Propose while an
 * offer is still open. (Approve depends on a held solution, not on the case.)
 */
export function possibleActions(c: Pick<CaseRecord, 'status' | 'ownerId'>): StaffAction[] {
  return STAFF_ACTIONS.filter((action) => {
    if (action === 'approve') return false;
    const move = ACTION_TRANSITION[action];
    if (move ? !canTransition(c.status, move) : !isOpen(c.status)) return false;
    return !(action === 'claim' && c.ownerId !== null);
  });
}
