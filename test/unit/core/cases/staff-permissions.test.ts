import { describe, expect, it } from 'vitest';
import { sharedCardActions, DEFAULT_STAFF_POLICY, decideStaffAction, possibleActionsFor, type CaseViewer, type PermissionInput } from '../../../../src/core/cases/staff-permissions.js';
import type { CaseRecord, SolutionRecord } from '../../../../src/core/ports.js';
import { StaffDirectory, type StaffMember } from '../../../../src/core/staff-directory.js';

const member = (id: string, role: StaffMember['role'], department?: string): StaffMember => ({ id, name: id, role, department, identities: {}, aliases: [], conflicts: [], compensationLimit: 0 });
const wang = member('wang', 'agent', 'quality');
const chen = member('chen', 'agent', 'quality');
const li = member('li', 'agent', 'logistics');
const boss = member('boss', 'supervisor');
const caseOf = (ownerId: string | null, status: CaseRecord['status'] = ownerId ? 'claimed' : 'routed') => ({ number: 'CMP-1', departmentKey: 'quality', ownerId, status }) as CaseRecord;
const decide = (over: Partial<PermissionInput>) =>
  decideStaffAction({ action: 'update', member: wang, caseRecord: caseOf('wang'), conflict: null, override: null, policy: DEFAULT_STAFF_POLICY, ownerName: 'wang', ...over });
const reason = (o: ReturnType<typeof decide>) => (o.allowed ? 'allowed' : o.error.refusal.reason);

describe('who may act on a case', () => {
  it('the owner works the case; colleagues only note and escalate; others in no way', () => {
    expect(reason(decide({}))).toBe('allowed');
    expect(reason(decide({ member: chen }))).toBe('not_owner');
    expect(reason(decide({ member: chen, action: 'note' }))).toBe('allowed');
    expect(reason(decide({ member: chen, action: 'escalate' }))).toBe('allowed');
    expect(reason(decide({ member: li, action: 'note' }))).toBe('not_in_department');
  });

  it('an unclaimed case must be claimed first', () => {
    expect(reason(decide({ caseRecord: caseOf(null), action: 'resolve' }))).toBe('claim_first');
    expect(reason(decide({ caseRecord: caseOf(null), action: 'claim' }))).toBe('allowed');
  });

  it('a conflicted member may do nothing; a supervisor may override ownership and conflict, explicitly', () => {
    expect(reason(decide({ conflict: { namedAs: '王芳' }, action: 'note' }))).toBe('conflict_of_interest');
    expect(reason(decide({ member: boss }))).toBe('not_owner');
    expect(decide({ member: boss, override: { reason: 'owner away' } })).toEqual({ allowed: true, overridden: ['ownership'] });
    expect(decide({ member: boss, override: { reason: 'x' }, conflict: { configured: true } })).toEqual({ allowed: true, overridden: ['conflict', 'ownership'] });
    expect(reason(decide({ member: chen, override: { reason: 'x' } }))).toBe('not_owner');
  });

  it('supervisor-only actions and configurable non-owner actions', () => {
    expect(reason(decide({ action: 'approve' }))).toBe('supervisor_only');
    expect(reason(decide({ member: chen, action: 'reply', policy: { nonOwnerActions: ['note', 'reply'] } }))).toBe('allowed');
  });
});

describe('the actions a viewer is offered (possibleActionsFor)', () => {
  const held = { id: 's1', caseId: 'c1', status: 'pending_approval', proposedBy: 'wang', amount: 300 } as SolutionRecord;
  const viewer = (m: StaffMember, over: Partial<CaseViewer> = {}): CaseViewer => ({ member: m, conflict: null, policy: DEFAULT_STAFF_POLICY, ownerName: 'wang', heldSolution: null, approvals: { topApprover: null }, ...over });
  const bossWithLimit = { ...boss, compensationLimit: 500 };

  it('an unclaimed case: Claim, never Propose or Resolve (claim first)', () => {
    const offered = possibleActionsFor(caseOf(null), viewer(chen));
    expect(offered).toContain('claim');
    expect(offered).not.toContain('propose');
    expect(offered).not.toContain('resolve');
    expect(offered).not.toContain('reassign');
  });

  it('the owner works the case; a colleague only notes, escalates and corrects; another department nothing', () => {
    expect(possibleActionsFor(caseOf('wang'), viewer(wang))).toEqual(['ask', 'update', 'reply', 'note', 'propose', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(possibleActionsFor(caseOf('wang'), viewer(chen))).toEqual(['note', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(possibleActionsFor(caseOf('wang'), viewer(li))).toEqual([]);
    expect(possibleActionsFor(caseOf('wang'), viewer(wang, { conflict: { configured: true } }))).toEqual([]);
  });

  it('Approve only for a supervisor whose limit covers the held offer, never for agents or the proposer', () => {
    const c = caseOf('wang');
    expect(possibleActionsFor(c, viewer(bossWithLimit, { heldSolution: held }))).toEqual(['reassign', 'note', 'approve', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(possibleActionsFor(c, viewer(wang, { heldSolution: held }))).not.toContain('approve');
    expect(possibleActionsFor(c, viewer(boss, { heldSolution: held }))).not.toContain('approve');
    expect(possibleActionsFor(c, viewer(bossWithLimit, { heldSolution: { ...held, proposedBy: 'boss' } }))).not.toContain('approve');
    expect(possibleActionsFor(c, viewer(bossWithLimit))).not.toContain('approve');
  });

  it('follows the status: Close and Reopen for a resolved case are the owner\'s and the supervisor\'s', () => {
    expect(possibleActionsFor(caseOf('wang', 'resolved'), viewer(wang))).toEqual(['close']);
    expect(possibleActionsFor(caseOf('wang', 'resolved'), viewer(boss))).toEqual(['reopen']);
  });
});

describe('the actions a card everyone in the department sees alike may offer (sharedCardActions)', () => {
  const held = { id: 's1', caseId: 'c1', status: 'pending_approval', proposedBy: 'wang', amount: 300 } as SolutionRecord;
  const viewer = (m: StaffMember, over: Partial<CaseViewer> = {}): CaseViewer => ({ member: m, conflict: null, policy: DEFAULT_STAFF_POLICY, ownerName: 'wang', heldSolution: null, approvals: { topApprover: null }, ...over });
  const bossWithLimit = { ...boss, compensationLimit: 500 };
  const roster = (c: Partial<CaseViewer> = {}) => [viewer(wang, c), viewer(chen, c), viewer(bossWithLimit, c)];

  it('is what every one of them may do, plus the named owner’s own work: no Reassign, no Approve (agents may not)', () => {
    expect(sharedCardActions(caseOf(null), roster())).toEqual(['claim', 'note', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    expect(sharedCardActions(caseOf('wang'), roster({ heldSolution: held }))).toEqual(['ask', 'update', 'reply', 'note', 'propose', 'escalate', 'recategorize', 'mark_urgent', 'link']);
    // A supervisor who owns the case brings their work, never their supervisor-only actions.
    expect(sharedCardActions(caseOf('boss'), roster())).not.toContain('reassign');
    // Each of them still has more of their own.
    expect(possibleActionsFor(caseOf(null), viewer(bossWithLimit))).toContain('reassign');
    expect(possibleActionsFor(caseOf('wang'), viewer(bossWithLimit, { heldSolution: held }))).toContain('approve');
  });

  it('offers nothing when nobody is there to take it; a member who must stay away does not empty the others’ card', () => {
    expect(sharedCardActions(caseOf(null), [])).toEqual([]);
    expect(sharedCardActions(caseOf(null), [viewer(chen, { conflict: { configured: true } })])).toEqual([]);
    expect(sharedCardActions(caseOf(null), [viewer(wang), viewer(chen, { conflict: { configured: true } })])).toEqual(possibleActionsFor(caseOf(null), viewer(wang)));
    expect(sharedCardActions(caseOf(null), [viewer(chen)])).toEqual(possibleActionsFor(caseOf(null), viewer(chen)));
  });

  it('the roster is the department’s members and the supervisors responsible for it', () => {
    const qualityBoss = member('qboss', 'supervisor', 'quality');
    expect(new StaffDirectory([wang, chen, li, boss]).rosterOf('quality').map((m) => m.id)).toEqual(['wang', 'chen', 'boss']);
    expect(new StaffDirectory([wang, qualityBoss, boss]).rosterOf('quality').map((m) => m.id)).toEqual(['wang', 'qboss']);
    expect(new StaffDirectory([wang, boss]).rosterOf(null).map((m) => m.id)).toEqual(['boss']);
  });
});
