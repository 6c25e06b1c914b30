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
const words = (events: CaseEventRecord[], language?: 'zh-Hans' | 'zh-Hant' | 'en') =>
  auditInWords(events, { staff, timeZone: 'Asia/Shanghai', departmentName: (k) => departments[k] ?? k, ...(language ? { language } : {}) });

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

  it('speaks the viewer’s staff language and script, with the desk’s local time', () => {
    const trail = () => [
      event('case_created', { actorKind: 'customer', actorId: 'zhang-li' }, { status: 'new', departmentKey: 'quality' }),
      event('reassigned', { actorKind: 'staff', actorId: 'liu-qiang' }, { ownerId: 'wang-fang', status: 'claimed' }, { ownerId: null, status: 'routed' }),
      event('question_asked', { actorKind: 'staff', actorId: 'wang-fang' }, { text: '请提供照片' }),
      event('staff_message_held', { actorKind: 'system', actorId: null }, { until: '2026-11-24T01:00:00.000Z', to: 'wang-fang' }),
    ];
    const hans = words(trail(), 'zh-Hans');
    // The date as formatDeadline writes it in Chinese (ICU's month/day form), in Shanghai time.
    expect(hans[0]!.when).toMatch(/^11.23.*周一 10:00$/);
    expect(hans.map((l) => `${l.who} ${l.text}`)).toEqual([
      '客户 提交了投诉，案件已创建',
      '刘强 将案件改派给 王芳 → 🙋 已认领',
      '王芳 询问客户：“请提供照片”',
      expect.stringMatching(/^系统 暂缓了一条发给员工的消息：暂缓至 11.24.*周二 09:00 发送（免打扰时段）$/),
    ]);
    const hant = words(trail(), 'zh-Hant');
    expect(hant.map((l) => l.text)).toEqual(['提交了投訴，案件已建立', '將案件改派給 王芳 → 🙋 已認領', '詢問客戶：「请提供照片」', expect.stringMatching(/^暫緩了一則發給員工的訊息：暫緩至 11.24.*週二.*09:00 發送（勿擾時段）$/)]);
    expect(hant[0]!.who).toBe('客戶');
    expect(words(trail())[3]!.text).toBe('kept a message to staff back: held until Tue 24 Nov, 09:00 (quiet hours)');
  });
});
