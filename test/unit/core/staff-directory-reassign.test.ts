import { describe, expect, it } from 'vitest';
import { StaffDirectory, type StaffMember } from '../../../src/core/staff-directory.js';

const member = (id: string, role: StaffMember['role'], department?: string): StaffMember => ({ id, name: id, role, department, identities: {}, aliases: [], conflicts: [], compensationLimit: 0 });
const staff = new StaffDirectory([member('qa', 'agent', 'quality'), member('lo', 'agent', 'logistics'), member('boss', 'supervisor'), member('floater', 'agent')]);
const to = (id: string, departmentKey: string | null) => staff.reassignTo(staff.get(id)!, departmentKey);

describe('StaffDirectory.reassignTo: the one rule for who a case can be handed to', () => {
  it('keeps the case with its own department and supervisors, moves it with staff of another, refuses staff of none', () => {
    expect(to('qa', 'quality')).toEqual({ moveTo: null });
    expect(to('boss', 'quality')).toEqual({ moveTo: null });
    expect(to('lo', 'quality')).toEqual({ moveTo: 'logistics' });
    expect(to('floater', 'quality')).toBeNull();
    expect(to('qa', null)).toEqual({ moveTo: 'quality' });
  });
});
