import type { CaseChoiceOption } from '../../../core/ports.js';
import { adaptiveCard, executeAction, type AdaptiveCard } from './adaptive-card.js';

/** "Which case is this about?": one button per case and one for a new problem, labelled in the customer's language by the core. */
export function caseChoiceCard(unfiledId: string, options: CaseChoiceOption[]): AdaptiveCard {
  return adaptiveCard(
    [],
    options.map((o) => executeAction(o.label.slice(0, 80), 'choose_case', { unfiledId, caseId: o.caseId ?? 'new' }, o.caseId === null ? undefined : 'positive')),
  );
}
