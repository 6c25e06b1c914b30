/** What a letter can say: the case, the customer, the solution with amount and timing, dates in the customer's language. */
const LETTER_PLACEHOLDERS = ['customer', 'number', 'order_number', 'received_on', 'topic', 'solution', 'amount', 'effective_by', 'details', 'date'] as const;

/**
 * Every customer-facing message the desk can send, with the placeholders it may use.
 * The configuration must provide each template in every language; start-up fails on a
 * missing template or an unknown placeholder, so a customer never sees a blank.
 */
export const TEMPLATE_PLACEHOLDERS = {
  acknowledgement: ['number', 'deadline'],
  acknowledgement_urgent: ['number', 'deadline'],
  not_a_complaint: [],
  joined_existing_case: ['number'],
  opened_separate_case: ['number', 'previous'],
  // Continuity (issue 16.1): which case a message is about, a related report, a merged duplicate.
  which_case: [],
  new_problem_button: [],
  case_related: ['number', 'related'],
  case_merged: ['number', 'into'],
  evidence_thanks: ['number'],
  evidence_reminder: ['number', 'question'],
  evidence_proceeding: ['number'],
  case_routed: ['number', 'department'],
  case_claimed: ['number', 'owner'],
  question_from_staff: ['number', 'text'],
  progress_update: ['number', 'text'],
  staff_reply: ['number', 'text'],
  solution_offer: ['number', 'solution'],
  solution_accepted: ['number'],
  solution_rejected: ['number'],
  result_notice: ['number', 'result'],
  survey: ['number'],
  survey_thanks: ['number'],
  case_reopened: ['number'],
  intake_limited: [],
  thread_of_another_customer: [],
  contact_asked_privately: ['number'],
  // Formal letters (seed 002's two letter types): sent for apology/explanation solutions and on resolution.
  apology_letter: LETTER_PLACEHOLDERS,
  explanation_letter: LETTER_PLACEHOLDERS,
} as const satisfies Record<string, readonly string[]>;

export type TemplateKey = keyof typeof TEMPLATE_PLACEHOLDERS;
export const TEMPLATE_KEYS = Object.keys(TEMPLATE_PLACEHOLDERS) as TemplateKey[];
export type TemplateValues<K extends TemplateKey> = Record<(typeof TEMPLATE_PLACEHOLDERS)[K][number], string>;
