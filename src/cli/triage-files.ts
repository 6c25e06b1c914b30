/** The labelled JSON Lines sets in the repository, in a fixed order. */
import { readdirSync } from 'node:fs';

const FIXTURES = 'test/fixtures/triage';
export const LABELLED_FILES = [
  `${FIXTURES}/dev-set.jsonl`,
  `${FIXTURES}/holdout.jsonl`,
  `${FIXTURES}/blind.jsonl`,
  ...readdirSync(`${FIXTURES}/batches`, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
    .map((e) => `${FIXTURES}/batches/${e.name}`)
    .sort(),
];

/**
 * The final set nobody tuned on (never-tuned/README.md): scored, never trained or tuned on, so
 * `triage:eval` reports it apart from the others.
 */
export const NEVER_TUNED_FILES = readdirSync(`${FIXTURES}/never-tuned`, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith('.jsonl'))
  .map((e) => `${FIXTURES}/never-tuned/${e.name}`)
  .sort();
