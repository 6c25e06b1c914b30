import type { Actor, Platform } from './ports.js';
import type { Language } from './triage/index.js';

export interface StaffMember {
  id: string;
  name: string;
  role: 'agent' | 'supervisor';
  department?: string | undefined;
  identities: Partial<Record<Platform, string>>;
  aliases: string[];
  conflicts: string[];
  compensationLimit: number;
  /** The language this person reads staff-facing text in; the desk's when absent. */
  language?: Language | undefined;
}

/** Who works at the desk, from configuration; looked up on every staff action. */
export class StaffDirectory {
  private readonly byIdentity = new Map<string, StaffMember>();
  private readonly byId = new Map<string, StaffMember>();

  constructor(readonly members: readonly StaffMember[]) {
    for (const m of members) {
      this.byId.set(m.id, m);
      for (const [platform, userId] of Object.entries(m.identities)) this.byIdentity.set(`${platform}:${userId}`, m);
    }
  }

  byActor(actor: Actor): StaffMember | undefined {
    return this.byIdentity.get(`${actor.platform}:${actor.userId}`);
  }

  get(id: string): StaffMember | undefined {
    return this.byId.get(id);
  }

  /** Supervisors responsible for a department: its own, or desk-wide ones (no department). */
  supervisorsOf(departmentKey: string | null): StaffMember[] {
    const own = this.members.filter((m) => m.role === 'supervisor' && m.department === departmentKey);
    return own.length ? own : this.members.filter((m) => m.role === 'supervisor' && !m.department);
  }

  /**
   * Who works a department's cases and reads its channel: its own members and the supervisors
   * responsible for it (supervisorsOf). A card everyone in the channel sees alike offers only
   * what all of them may do.
   */
  rosterOf(departmentKey: string | null): StaffMember[] {
    const own = departmentKey === null ? [] : this.membersOf(departmentKey);
    return [...own, ...this.supervisorsOf(departmentKey).filter((s) => !own.includes(s))];
  }

  membersOf(departmentKey: string): StaffMember[] {
    return this.members.filter((m) => m.department === departmentKey);
  }

  canActOn(member: StaffMember, departmentKey: string | null): boolean {
    return member.role === 'supervisor' || (departmentKey !== null && member.department === departmentKey);
  }

  /**
   * Whether a case in this department can be handed to `target`, and where it then goes: it stays
   * when they can act on it, it moves to their department when they belong to another, and it
   * cannot be handed to someone of no department who is not a supervisor. The reassign use case
   * and the candidate lists adapters offer both read it.
   */
  reassignTo(target: StaffMember, departmentKey: string | null): { moveTo: string | null } | null {
    if (this.canActOn(target, departmentKey)) return { moveTo: null };
    return target.department ? { moveTo: target.department } : null;
  }
}
