// The deadline every staff card shows: time left and the desk's local time (issue 16 §3: Teams cards showed UTC).
import { describe, expect, it } from 'vitest';
import { describeDue, formatSpan } from '../../../../src/core/sla/sla-text.js';

describe('describeDue', () => {
  const due = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai, 18:00 the day before in London

  it('says how long is left and the wall-clock time in the desk time zone', () => {
    expect(describeDue(due, new Date('2026-11-23T23:00:00Z'), 'Asia/Shanghai', 'en')).toBe('due in 3 h · Tue 24 Nov, 10:00');
    expect(describeDue(due, new Date('2026-11-23T23:00:00Z'), 'Europe/London', 'en')).toBe('due in 3 h · Tue 24 Nov, 02:00');
  });

  it('says how long a deadline is overdue', () => {
    expect(describeDue(due, new Date('2026-11-24T04:20:00Z'), 'Asia/Shanghai', 'en')).toBe('overdue by 2 h · Tue 24 Nov, 10:00');
  });

  it('says it in the staff language', () => {
    // The date part is ICU's ("11/24周二"); the words around it are the catalog's.
    expect(describeDue(due, new Date('2026-11-23T23:00:00Z'), 'Asia/Shanghai', 'zh-Hans')).toMatch(/^3 小时后到期 · .*周二.*10:00$/);
    expect(describeDue(due, new Date('2026-11-24T04:20:00Z'), 'Asia/Shanghai', 'zh-Hant')).toMatch(/^已逾時 2 小時 · .*週二.*10:00$/);
  });

  it('rounds the span to what a person scans for', () => {
    expect(formatSpan(20_000, 'en')).toBe('1 min');
    expect(formatSpan(45 * 60_000, 'en')).toBe('45 min');
    expect(formatSpan(30 * 3_600_000, 'en')).toBe('30 h');
    expect(formatSpan(52 * 3_600_000, 'en')).toBe('2 d 4 h');
    expect(formatSpan(48 * 3_600_000, 'zh-Hans')).toBe('2 天');
  });
});
