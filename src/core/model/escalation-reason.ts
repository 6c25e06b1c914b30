// Why a case was escalated: the SLA clocks name the reason they breach, cases/escalation.ts
// raises the level with it, staff text and reports put it in words.
export type EscalationReason =
  | 'urgent_at_intake'
  | 'missed_update'
  | 'unclaimed'
  | 'solution_rejected_twice'
  | 'close_deadline_passed'
  | 'low_satisfaction'
  | 'urgent_not_handled'
  | 'manual';
