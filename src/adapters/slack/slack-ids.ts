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
  // "Which case is this about?": one button per case plus "a new problem" (choose_case_0, choose_case_1, …).
  chooseCase: 'choose_case',
  recategorize: 'change_category',
  markUrgent: 'mark_urgent',
  markNotUrgent: 'mark_not_urgent',
  link: 'link_case',
  // The channel card's "what can I do?": answered with the clicker's own actions, privately.
  moreActions: 'more_actions',
} as const;

export const VIEWS = {
  ask: 'ask_customer_view',
  update: 'post_update_view',
  propose: 'propose_solution_view',
  resolve: 'resolve_case_view',
  reassign: 'reassign_case_view',
  reply: 'reply_to_customer_view',
  reject: 'reject_solution_view',
  recategorize: 'change_category_view',
  link: 'link_case_view',
} as const;

export const SHORTCUT_CREATE_CASE = 'create_complaint_case';
export const TICKET_REACTION = 'ticket';
