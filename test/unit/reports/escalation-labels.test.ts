// Issue 20 item 3: reports printed the raw key "urgent_not_handled"; every escalation reason has words in each language.
import { describe, expect, it } from 'vitest';
import { CLOCK_LABELS, ESCALATION_LABELS, label } from '../../../src/core/reports/labels.js';

describe('escalation labels in reports', () => {
  it.each(['zh-Hans', 'zh-Hant', 'en'] as const)('names an urgent case not handled in time in words (%s)', (language) => {
    const text = label(ESCALATION_LABELS, 'urgent_not_handled', language);
    expect(text).not.toBe('urgent_not_handled');
    expect(text).not.toMatch(/_/);
  });

  it('writes no SLA hours into a label: they are the desk setting, and a report may span a change of it', () => {
    for (const table of [ESCALATION_LABELS, CLOCK_LABELS])
      for (const words of Object.values(table)) for (const text of Object.values(words)) expect(text).not.toMatch(/\d+\s*(h\b|-hour|小时|小時)/);
  });
});
