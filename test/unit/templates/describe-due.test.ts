// The deadline every staff card shows: time left and the desk's local time (issue 16 §3: Teams cards showed UTC).
import { describe, expect, it } from 'vitest';
import { describeDue, formatSpan } from '../../../src/core/templates/format-deadline.js';

describe('describeDue', () => {
  const due = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai, 18:00 the day before in London

  it('says how long is left and the wall-clock time in the desk time zone', () => {
    expect(describeDue(due, new Date('2026-11-23T23:00:00Z'), 'Asia/Shanghai')).toBe('due in 3 h · Tue 24 Nov, 10:00');
    expect(describeDue(due, new Date('2026-11-23T23:00:00Z'), 'Europe/London')).toBe('due in 3 h · Tue 24 Nov, 02:00');
  });

  it('says how long a deadline is overdue', () => {
    expect(describeDue(due, new Date('2026-11-24T04:20:00Z'), 'Asia/Shanghai')).toBe('overdue by 2 h · Tue 24 Nov, 10:00');
  });

  it('rounds the span to what a person scans for', () => {
    expect(formatSpan(20_000)).toBe('1 min');
    expect(formatSpan(45 * 60_000)).toBe('45 min');
    expect(formatSpan(30 * 3_600_000)).toBe('30 h');
    expect(formatSpan(52 * 3_600_000)).toBe('2 d 4 h');
  });
});
