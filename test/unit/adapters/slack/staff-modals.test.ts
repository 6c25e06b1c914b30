// The staff forms' select menus, within Slack's limits (views.open refuses a modal whose
// static_select has more than 100 options or an option text over 75 characters).
import { describe, expect, it } from 'vitest';
import { proposeSolutionModal, reassignModal } from '../../../../src/adapters/slack/blocks/staff-modals.js';
import { DESIRED_OUTCOMES } from '../../../../src/core/triage/index.js';

type Select = { block_id: string; optional: boolean; element: { type: string; action_id: string; options: { text: { text: string }; value: string }[] } };
const selectOf = (view: Record<string, unknown>, blockId: string) => (view.blocks as Select[]).find((b) => b.block_id === blockId)!;

describe('staff modals', () => {
  it('offers every solution type a customer can ask for', () => {
    const type = selectOf(proposeSolutionModal('en', 'case-1', 'CMP-1', null), 'type');
    expect(type).toMatchObject({ optional: false, element: { type: 'static_select', action_id: 'value' } });
    expect(type.element.options.map((o) => o.value)).toEqual([...DESIRED_OUTCOMES]);
  });

  it('keeps the reassign list within 100 options of 75 characters, the value untouched', () => {
    const candidates = Array.from({ length: 120 }, (_, i) => ({ id: `staff-${i}`, name: `${'Ouyang Wanqing of the after-sales quality department '.repeat(2)}${i}` }));
    const owner = selectOf(reassignModal('en', 'case-1', 'CMP-1', candidates), 'owner');
    expect(owner.element.options).toHaveLength(100);
    expect(Math.max(...owner.element.options.map((o) => o.text.text.length))).toBe(75);
    expect(owner.element.options[99]!.value).toBe('staff-99');
  });
});
