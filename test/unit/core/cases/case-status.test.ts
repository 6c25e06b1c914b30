import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, canTransition, nextStatus } from '../../../../src/core/cases/case-status.js';
import { CASE_STATUSES, type CaseTransition } from '../../../../src/core/model/lifecycle.js';

describe('case lifecycle state machine', () => {
  it('walks the happy path of docs/DOMAIN.md §2', () => {
    const path: [CaseTransition, string][] = [
      ['request_evidence', 'awaiting_evidence'],
      ['route', 'routed'],
      ['claim', 'claimed'],
      ['propose_solution', 'solution_proposed'],
      ['accept_solution', 'agreed'],
      ['start_work', 'in_progress'],
      ['resolve', 'resolved'],
      ['close', 'closed'],
    ];
    let status = nextStatus('received', 'request_evidence');
    expect(status).toBe('awaiting_evidence');
    for (const [t, to] of path.slice(1)) {
      status = nextStatus(status, t);
      expect(status).toBe(to);
    }
  });

  it('sends a rejected solution back to the owner and allows a new proposal', () => {
    expect(nextStatus('solution_proposed', 'reject_solution')).toBe('claimed');
    expect(nextStatus('claimed', 'propose_solution')).toBe('solution_proposed');
  });

  it('reopens resolved and closed cases to the owner', () => {
    expect(nextStatus('resolved', 'reopen')).toBe('claimed');
    expect(nextStatus('closed', 'reopen')).toBe('claimed');
  });

  it('refuses illegal moves with a typed error naming the case', () => {
    expect(() => nextStatus('received', 'claim', 'CMP-20261123-0001')).toThrow(IllegalTransitionError);
    expect(() => nextStatus('closed', 'resolve', 'CMP-20261123-0001')).toThrow(/CMP-20261123-0001 is closed/);
    expect(() => nextStatus('claimed', 'claim')).toThrow(IllegalTransitionError);
    expect(() => nextStatus('routed', 'resolve')).toThrow(IllegalTransitionError);
  });

  it('has no transition out of a status that is not listed', () => {
    const transitions: CaseTransition[] = ['request_evidence', 'route', 'claim', 'reassign', 'propose_solution', 'accept_solution', 'reject_solution', 'start_work', 'resolve', 'close', 'reopen'];
    const allowed = CASE_STATUSES.flatMap((s) => transitions.filter((t) => canTransition(s, t)).map((t) => `${s}:${t}`));
    expect(allowed).toHaveLength(19);
    expect(allowed).not.toContain('closed:close');
    expect(allowed).not.toContain('received:resolve');
  });
});
