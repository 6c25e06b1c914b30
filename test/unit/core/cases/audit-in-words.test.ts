import { describe, expect, it } from 'vitest';
import { auditInWords } from '../../../../src/core/cases/audit-in-words.js';
import type { CaseEventRecord } from '../../../../src/core/ports.js';
import { StaffDirectory } from '../../../../src/core/staff-directory.js';

const staff = new StaffDirectory([
  { id: 'wang-fang', name: '王芳', role: 'agent', department: 'quality', identities: {}, aliases: [], conflicts: [], compensationLimit: 200 },
  { id: 'liu-qiang', name: '刘强', role: 'supervisor', identities: {}, aliases: [], conflicts: [], compensationLimit: 5000 },
]);
const departments: Record<string, string> = { quality: 'Product Quality', logistics: 'Logistics' };
let n = 0;
const event = (type: string, actor: Pick<CaseEventRecord, 'actorKind' | 'actorId'>, after: Record<string, unknown> | null, before: Record<string, unknown> | null = null): CaseEventRecord => ({
  id: `e${++n}`,
  caseId: 'c1',
  // 02:00 UTC is 10:00 in Shanghai.
  at: new Date('2026-11-23T02:00:00Z'),
  platform: 'local',
  type,
  before,
  after,
  ...actor,
});
const words = (events: CaseEventRecord[]) => auditInWords(events, { staff, timeZone: 'Asia/Shanghai', departmentName: (k) => departments[k] ?? k });

describe('the audit trail in words', () => {
  it('names staff from the directory, says the desk time, and follows the department through a move', () => {
    const lines = words([
      event('case_created', { actorKind: 'customer', actorId: 'zhang-li' }, { status: 'new', departmentKey: 'quality' }),
      event('routed', { actorKind: 'system', actorId: null }, { status: 'routed' }, { status: 'new' }),
      event('reassigned', { actorKind: 'staff', actorId: 'liu-qiang' }, { ownerId: 'wang-fang', departmentKey: 'logistics', status: 'claimed' }, { ownerId: null, status: 'routed' }),
      event('nudge_sent', { actorKind: 'system', actorId: null }, { to: 'wang-fang' }),
    ]);
    expect(lines.map((l) => `${l.when} · ${l.who} ${l.text}`)).toEqual([
      'Mon 23 Nov, 10:00 · The customer opened the case',
      'Mon 23 Nov, 10:00 · The desk routed the case to Product Quality → 🆕 Unclaimed',
      'Mon 23 Nov, 10:00 · 刘强 reassigned the case to 王芳, moving it to Logistics → 🙋 Claimed',
      'Mon 23 Nov, 10:00 · The desk reminded 王芳 that an update is due',
    ]);
  });

  it('an event without words of its own still shows, by its type; an unknown staff id shows as the id', () => {
    expect(words([event('something_new', { actorKind: 'staff', actorId: 'gone-1' }, null)])[0]).toMatchObject({ who: 'gone-1', text: 'something new' });
  });
});
