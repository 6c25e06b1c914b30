/**
 * The few Adaptive Card shapes the desk sends. Cards are plain JSON; these types keep the
 * builders honest without pulling in a card SDK.
 */
export type CardElement = { type: string; [key: string]: unknown };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  /** 1.5: Action.Execute (Universal Actions) and Input labels; Teams renders it on desktop, web and mobile. */
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  [key: string]: unknown;
}

/** What every button on our cards sends back; `card-actions.ts` validates it. */
export const CARD_VERBS = [
  'claim',
  'ask',
  'update',
  'propose',
  'resolve',
  'reply',
  'escalate',
  'reassign',
  'approve',
  'accept',
  'reject',
  'survey',
  'choose_case',
  'recategorize',
  'mark_urgent',
  'link',
] as const;
export type CardVerb = (typeof CARD_VERBS)[number];

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function adaptiveCard(body: CardElement[], actions?: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions?.length ? { actions } : {}) };
}

/**
 * A button that runs one desk use case. Action.Execute reaches the bot as an
 * `adaptiveCard/action` invoke; clients without Universal Actions use the Action.Submit
 * fallback, which arrives as a message whose `value` is the same data.
 */
export function executeAction(title: string, verb: CardVerb, data: Record<string, string | number | boolean>, style?: 'positive' | 'destructive'): CardElement {
  const payload = { verb, ...data };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    ...(style ? { style } : {}),
    fallback: { type: 'Action.Submit', title, data: payload },
  };
}

/** A button that opens a small form inside the card; its Send button submits the form's inputs with `data`. */
export function formAction(title: string, verb: CardVerb, data: Record<string, string>, inputs: CardElement[], style?: 'positive'): CardElement {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body: inputs, actions: [executeAction('Send', verb, data, style)] } };
}

/** Input ids must be unique across a whole card, forms included, or inputs collide. */
export function textInput(id: string, label: string, opts: { required?: string; multiline?: boolean; maxLength?: number } = {}): CardElement {
  return {
    type: 'Input.Text',
    id,
    label,
    isMultiline: opts.multiline ?? true,
    maxLength: opts.maxLength ?? 4000,
    ...(opts.required ? { isRequired: true, errorMessage: opts.required } : {}),
  };
}

export const asAttachment = (card: AdaptiveCard) => ({ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card });
