import { describe, expect, it } from 'vitest';
import { parseDeskConfig } from '../../../../src/config/desk-config.js';
import { toDeskSettings } from '../../../../src/config/to-desk-settings.js';
import { STAFF_TEXT_KEYS, STAFF_TEXT_PLACEHOLDERS, STAFF_TEXTS, staffText } from '../../../../src/core/staff-text/staff-text-catalog.js';
import { escalationReasonText } from '../../../../src/core/sla/sla-text.js';
import { SLA_CLOCKS, slaClockLabel } from '../../../../src/core/sla/sla-clocks.js';
import { LANGUAGES } from '../../../../src/core/triage/types.js';
import { placeholdersIn } from '../../../../src/core/templates/render-template.js';
import { exampleConfig } from '../../../helpers/desk-harness.js';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

const CLOCKS = SLA_CLOCKS.map((c) => c.name);
const REASONS = ['urgent_at_intake', 'missed_update', 'unclaimed', 'solution_rejected_twice', 'close_deadline_passed', 'low_satisfaction', 'urgent_not_handled', 'manual'] as const;

/** The example configuration with some SLA numbers changed, as an operator would write it. */
function slaWith(sla: Record<string, number>) {
  const raw = parseYaml(readFileSync('config/desk.example.yaml', 'utf8')) as { sla: Record<string, unknown> };
  return toDeskSettings(parseDeskConfig({ ...raw, sla: { ...raw.sla, ...sla } })).sla;
}

describe('staff text catalog', () => {
  it('has every key in every language, using exactly the placeholders the key declares', () => {
    for (const key of STAFF_TEXT_KEYS)
      for (const language of LANGUAGES) {
        const text = STAFF_TEXTS[key][language];
        expect(text.trim(), `${key}/${language}`).not.toBe('');
        expect(new Set(placeholdersIn(text)), `${key}/${language}`).toEqual(new Set(STAFF_TEXT_PLACEHOLDERS[key]));
      }
  });

  it('writes Chinese in the Chinese entries and Traditional characters apart from Simplified ones', () => {
    const han = /\p{Script=Han}/u;
    // Entries that are only punctuation around a placeholder (" — {note}") have no words to translate.
    const worded = STAFF_TEXT_KEYS.filter((key) => /[a-z]/i.test(STAFF_TEXTS[key].en.replace(/\{[a-z_]+\}/g, '')));
    expect(worded.length).toBeGreaterThan(STAFF_TEXT_KEYS.length - 3);
    for (const key of worded) {
      expect(han.test(STAFF_TEXTS[key]['zh-Hans']), `${key}/zh-Hans`).toBe(true);
      expect(han.test(STAFF_TEXTS[key]['zh-Hant']), `${key}/zh-Hant`).toBe(true);
      expect(han.test(STAFF_TEXTS[key].en), `${key}/en`).toBe(false);
    }
    expect(STAFF_TEXTS.button_claim['zh-Hans']).not.toBe(STAFF_TEXTS.button_claim['zh-Hant']);
  });

  it('fills every placeholder and leaves no braces behind', () => {
    const values = (key: (typeof STAFF_TEXT_KEYS)[number]) => Object.fromEntries(STAFF_TEXT_PLACEHOLDERS[key].map((p) => [p, `<${p}>`]));
    for (const key of STAFF_TEXT_KEYS)
      for (const language of LANGUAGES) {
        const text = (staffText as (k: string, l: string, v: Record<string, string>) => string)(key, language, values(key));
        expect(text, `${key}/${language}`).not.toMatch(/\{[a-z_]+\}/);
        for (const p of STAFF_TEXT_PLACEHOLDERS[key]) expect(text).toContain(`<${p}>`);
      }
    expect(staffText('sla_breach', 'en', { number: 'CMP-1', clock: 'solution proposal', due: 'Tue 24 Nov, 10:00' })).toBe('🔥 Case CMP-1: solution proposal was due Tue 24 Nov, 10:00 and is overdue.');
    expect(() => (staffText as (k: string, l: string, v: object) => string)('sla_breach', 'en', { number: 'CMP-1' })).toThrow(/no value for \{clock\}/);
  });

  it('names every SLA clock and escalation reason in every language', () => {
    const sla = toDeskSettings(exampleConfig()).sla;
    for (const language of LANGUAGES) {
      for (const clock of CLOCKS) expect(slaClockLabel(clock, language, sla), `${clock}/${language}`).not.toMatch(/\{|_/);
      for (const reason of REASONS) expect(escalationReasonText(reason, language, sla), `${reason}/${language}`).not.toMatch(/\{|_/);
    }
  });

  it('takes the SLA hours from the configuration, never from the text', () => {
    const standard = slaWith({});
    expect(slaClockLabel('update_cadence', 'en', standard)).toBe('24-hour progress update');
    const changed = slaWith({ updateCadenceHours: 8, urgentHandlingHours: 3 });
    expect(slaClockLabel('update_cadence', 'en', changed)).toBe('8-hour progress update');
    expect(slaClockLabel('update_cadence', 'zh-Hans', changed)).toBe('8 小时进度更新');
    expect(slaClockLabel('urgent_handling', 'zh-Hant', changed)).toBe('緊急特別處理（3 小時）');
    expect(escalationReasonText('missed_update', 'en', changed)).toBe('owner missed the 8 h update');
    expect(escalationReasonText('urgent_not_handled', 'zh-Hans', changed)).toContain('3 小时');
    const warning = staffText('sla_warning', 'en', { number: 'CMP-1', clock: slaClockLabel('update_cadence', 'en', changed), due: 'Tue 24 Nov, 10:00', percent: 75 });
    expect(warning).toContain('8-hour progress update');
    for (const key of STAFF_TEXT_KEYS) for (const language of LANGUAGES) expect(STAFF_TEXTS[key][language], `${key}/${language}`).not.toMatch(/\d+\s*(h\b|-hour|小时|小時)/);
  });
});
