/** Deterministic, offline triage of customer messages (docs/DOMAIN.md §3). */
export type { Category, DesiredOutcome, Language, Triage } from './types.js';
export { CATEGORIES, DESIRED_OUTCOMES, LANGUAGES } from './types.js';
export { classify } from './triage.js';
export { detectLanguage } from './normalize.js';
export { extractOrderNumber } from './extract-order-number.js';
export { extractAmount } from './extract-amount.js';
export { isDecline, mentionsTimeOrPlace } from './answer-signals.js';
