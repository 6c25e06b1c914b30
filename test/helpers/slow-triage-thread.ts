// A triage thread whose classifier never returns on a marked text: it spins until the pool
// terminates the thread. Any other text is classified for real.
import { classify } from '../../src/core/triage/index.js';
import { serveTriage } from '../../src/workers/serve-triage.js';
import { SPIN_MARK } from './manual-budget-timer.js';

serveTriage((text) => {
  if (text.includes(SPIN_MARK)) for (;;);
  return classify(text);
});
