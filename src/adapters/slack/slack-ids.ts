/** action_id / callback_id values: snake_case, one per interaction (STYLE.md). */
export const ACTIONS = {
  claim: 'claim_case',
  ask: 'ask_customer',
  update: 'post_update',
  propose: 'propose_solution',
  resolve: 'resolve_case',
  escalate: 'escalate_case',
  reassign: 'reassign_case',
  reply: 'reply_to_customer',
  approve: 'approve_solution',
  accept: 'accept_solution',
  reject: 'reject_solution',
  survey: 'survey_score',
} as const;

export const VIEWS = {
  ask: 'ask_customer_view',
  update: 'post_update_view',
  propose: 'propose_solution_view',
  resolve: 'resolve_case_view',
  reassign: 'reassign_case_view',
  reply: 'reply_to_customer_view',
  reject: 'reject_solution_view',
} as const;

export const SHORTCUT_CREATE_CASE = 'create_complaint_case';
export const TICKET_REACTION = 'ticket';
