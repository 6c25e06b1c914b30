import { describe, expect, it } from 'vitest';
import type { CaseView } from '../../../../../src/core/cases/case-view.js';
import { caseCard } from '../../../../../src/adapters/teams/cards/case-card.js';
import { possibleActions } from '../../../../../src/core/cases/staff-permissions.js';
import { solutionDecisionCard } from '../../../../../src/adapters/teams/cards/solution-decision-card.js';
import { surveyCard } from '../../../../../src/adapters/teams/cards/survey-card.js';
import type { AdaptiveCard, CardElement } from '../../../../../src/adapters/teams/cards/adaptive-card.js';
import { CUSTOMER_BUTTONS } from '../../../../../src/core/templates/customer-buttons.js';
import { describeDue, describeTimeLeft } from '../../../../../src/core/sla/sla-text.js';
import { STATUS_LABELS } from '../../../../../src/core/staff-text/status-labels.js';

const NOW = new Date('2026-11-23T23:00:00Z');
const DUE = new Date('2026-11-24T02:00:00Z');

const view = (over: Partial<CaseView> = {}): CaseView => withWords({
  id: '5b0d3c2e-0000-4000-8000-000000000001',
  number: 'CMP-20261123-0042',
  status: 'routed',
  category: 'product',
  needsHuman: null,
  urgent: false,
  escalationLevel: 0,
  summary: 'Kettle leaks after two days',
  orderNumber: '20261116-8871',
  desiredOutcome: 'replacement',
  amount: null,
  amountText: null,
  language: 'en',
  departmentKey: 'quality',
  departmentName: 'Product Quality',
  ownerId: null,
  ownerName: null,
  customerName: 'Zhang L.',
  customerContact: '138****5678',
  evidencePresent: ['photo of the problem: leak.jpg'],
  evidenceMissing: [],
  evidenceFiles: [],
  cues: [],
  dueTimes: [{ clock: 'first_response', name: 'first response', dueAt: DUE, overdue: false, timeLeft: describeTimeLeft(DUE, NOW, 'en'), label: describeDue(DUE, NOW, 'Asia/Shanghai', 'en') }],
  lastToCustomer: null,
  pendingApproval: null,
  openSolution: null,
  satisfactionScore: null,
  createdAt: new Date('2026-11-23T02:00:00Z'),
  possibleUrgent: false,
  pendingQuestion: null,
  relatedCaseNumber: null,
  mergedIntoNumber: null,
  earlierMessages: [],
  departmentChannels: { teams: '19:quality@thread.tacv2' },
  staffLanguage: 'en',
  words: { status: '', urgency: '', escalated: null, owner: '', department: '', evidence: '', lastTold: null },
  ...over,
});
/** The composite words buildCaseView would give these fields, in English. */
const withWords = (v: CaseView): CaseView => ({
  ...v,
  words: {
    status: STATUS_LABELS.en[v.status],
    urgency: v.urgent ? '🔴 URGENT' : '⚪ normal',
    escalated: v.escalationLevel > 0 ? `⬆️ escalated (level ${v.escalationLevel})` : null,
    owner: v.ownerName ?? 'unclaimed',
    department: v.departmentName ?? 'unrouted',
    evidence: v.evidencePresent.join('; ') || 'none yet',
    lastTold: v.lastToCustomer === null ? null : `Customer was last told: “${v.lastToCustomer}”`,
  },
});
const staff = [{ id: 'wang-fang', name: '王芳' }];
/** The card for someone the permission rules allow all the status does (approving too): what the status alone offers. */
const cardOf = (v: CaseView) => caseCard(v, [...possibleActions(v), 'approve'], staff);

/** Every element of a card, forms included. */
function walk(el: unknown, out: CardElement[] = []): CardElement[] {
  if (Array.isArray(el)) el.forEach((e) => walk(e, out));
  else if (el && typeof el === 'object') {
    if (typeof (el as CardElement).type === 'string') out.push(el as CardElement);
    Object.values(el).forEach((v) => walk(v, out));
  }
  return out;
}
const titles = (card: AdaptiveCard) => walk(card.body).filter((e) => e.type === 'ActionSet').flatMap((s) => (s.actions as CardElement[]).map((a) => a.title));

describe('Teams case card', () => {
  it('offers only what the case status allows: no Resolve before the customer agreed, no Propose while an offer is open', () => {
    const claimed = titles(cardOf(view({ status: 'claimed', ownerId: 'wang-fang', ownerName: '王芳' })));
    expect(claimed).toContain('Propose solution');
    expect(claimed).not.toContain('Resolve');
    const offered = titles(cardOf(view({ status: 'solution_proposed', ownerId: 'wang-fang', ownerName: '王芳' })));
    expect(offered).not.toContain('Propose solution');
    expect(offered).not.toContain('Resolve');
    const agreed = titles(cardOf(view({ status: 'agreed', ownerId: 'wang-fang', ownerName: '王芳' })));
    expect(agreed).toContain('Resolve');
    expect(agreed).not.toContain('Propose solution');
  });

  it('asks an English-speaking customer in English only, and a Traditional Chinese one in Traditional script', () => {
    const en = JSON.stringify(solutionDecisionCard('sol-1', CUSTOMER_BUTTONS.en.decision)) + JSON.stringify(surveyCard('case-1', CUSTOMER_BUTTONS.en.survey));
    expect(en).toContain('Does this solution work for you?');
    expect(en).not.toMatch(/[\u4e00-\u9fff]/);
    const hant = JSON.stringify(solutionDecisionCard('sol-1', CUSTOMER_BUTTONS['zh-Hant'].decision)) + JSON.stringify(surveyCard('case-1', CUSTOMER_BUTTONS['zh-Hant'].survey));
    expect(hant).toContain('這個方案您接受嗎？');
    expect(hant).toContain('您對這次的處理滿意嗎？');
    expect(hant).not.toMatch(/[A-Za-z]{4,}.*(Accept|Reject|Comment)/);
  });

  it('shows the amount with its currency', () => {
    expect(JSON.stringify(cardOf(view({ amount: 899, amountText: 'HK$899.00' })))).toContain('HK$899.00');
  });

  it('shows the next deadline as time left and in the desk time zone, never UTC', () => {
    const json = JSON.stringify(cardOf(view()));
    expect(json).toContain('first response: due in 3 h · Tue 24 Nov, 10:00');
    expect(json).not.toContain('UTC');
  });

  it('shows the case facts with the contact masked', () => {
    const json = JSON.stringify(cardOf(view()));
    for (const fact of ['CMP-20261123-0042', 'Product Quality', 'Kettle leaks', '20261116-8871', 'replacement', '138****5678', 'leak.jpg', 'unclaimed']) expect(json).toContain(fact);
  });

  it('offers exactly the actions the core gives it, in the card’s order: a supervisor’s Reassign, an agent’s none', () => {
    expect(titles(caseCard(view(), ['claim', 'reassign', 'escalate', 'recategorize', 'mark_urgent', 'link'], staff))).toEqual(['Claim', 'Escalate', 'Reassign', 'Change category', 'Mark urgent', 'Link / merge']);
    expect(titles(caseCard(view(), ['claim', 'escalate'], staff))).toEqual(['Claim', 'Escalate']);
    const pending = view({ status: 'claimed', ownerId: 'wang-fang', pendingApproval: { solutionId: 'sol-1', description: 'refund 500 CNY' } });
    expect(titles(caseCard(pending, ['escalate'], staff))).not.toContain('Approve offer');
  });

  it('refreshes itself into each listed person’s own card (Universal Actions), for at most 60 people', () => {
    const ids = Array.from({ length: 70 }, (_, i) => `29:user-${i}`);
    const card = caseCard(view(), ['claim'], staff, [], { refreshFor: ids });
    const refresh = card.refresh as { action: { type: string; verb: string; data: { caseId: string } }; userIds: string[] };
    expect(refresh.action).toMatchObject({ type: 'Action.Execute', verb: 'refresh_case', data: { caseId: view().id } });
    expect(refresh.userIds).toEqual(ids.slice(0, 60));
    expect(caseCard(view(), ['claim'], staff).refresh).toBeUndefined();
  });

  it('shows "possible urgent — check" with both Mark urgent and Not urgent until someone decides', () => {
    const card = cardOf(view({ possibleUrgent: true }));
    expect(JSON.stringify(card)).toContain('Possible urgent — check');
    expect(titles(card)).toEqual(expect.arrayContaining(['Mark urgent', 'Not urgent']));
    expect(titles(cardOf(view({ urgent: true })))).toEqual(expect.arrayContaining(['Not urgent']));
    expect(titles(cardOf(view({ urgent: true })))).not.toContain('Mark urgent');
  });

  it('offers the owner’s actions once claimed, at most six buttons per row', () => {
    const card = cardOf(view({ status: 'claimed', ownerId: 'wang-fang', ownerName: '王芳' }));
    expect(titles(card)).toEqual(['Ask customer', 'Post update', 'Propose solution', 'Reply to customer', 'Escalate', 'Reassign', 'Change category', 'Mark urgent', 'Link / merge']);
    for (const set of walk(card.body).filter((e) => e.type === 'ActionSet')) expect((set.actions as unknown[]).length).toBeLessThanOrEqual(6);
  });

  it('has an Approve button while an offer waits for the supervisor, and no buttons once closed', () => {
    const pending = cardOf(view({ status: 'claimed', ownerId: 'wang-fang', pendingApproval: { solutionId: 'sol-1', description: 'refund 500 CNY' } }));
    expect(titles(pending)).toContain('Approve offer');
    expect(titles(cardOf(view({ status: 'closed', ownerId: 'wang-fang' })))).toEqual([]);
  });

  it('uses Action.Execute with an Action.Submit fallback carrying the same data, and unique input ids', () => {
    const card = cardOf(view({ status: 'claimed', ownerId: 'wang-fang' }));
    const executes = walk(card).filter((e) => e.type === 'Action.Execute');
    expect(executes.length).toBeGreaterThan(0);
    for (const a of executes) {
      expect(a.fallback).toEqual({ type: 'Action.Submit', title: a.title, data: a.data });
      expect((a.data as { verb: string }).verb).toBe(a.verb);
    }
    const ids = walk(card).filter((e) => e.type.startsWith('Input.')).map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(card.version).toBe('1.5');
  });

  it('stays well under the Teams message size limit with a long complaint', () => {
    const card = cardOf(view({ summary: '很长的投诉'.repeat(3000), lastToCustomer: 'x'.repeat(10_000) }));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(20_000);
  });
});

describe('customer cards', () => {
  it('the solution decision card accepts or rejects that solution', () => {
    const verbs = walk(solutionDecisionCard('sol-9')).filter((e) => e.type === 'Action.Execute');
    expect(verbs.map((v) => [v.verb, (v.data as { solutionId: string }).solutionId])).toEqual([
      ['accept', 'sol-9'],
      ['reject', 'sol-9'],
    ]);
  });

  it('the survey card rates the case 1 to 5', () => {
    const verbs = walk(surveyCard('case-1')).filter((e) => e.type === 'Action.Execute');
    expect(verbs.map((v) => v.data)).toEqual([1, 2, 3, 4, 5].map((score) => ({ verb: 'survey', caseId: 'case-1', score })));
  });
});
