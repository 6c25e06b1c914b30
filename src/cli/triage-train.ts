/**
 * `npm run triage:train`: trains the triage model offline from the labelled JSON Lines in the
 * repository (the train part only: about one record in five, chosen by a hash of its id, is
 * kept out for evaluation) and writes src/core/triage/model/triage-model.json. Deterministic:
 * records in id order, a fixed seed, hashed features; no network.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { classifyByLexicon } from '../core/triage/classify.js';
import { parseLabelled } from '../core/triage/labelled.js';
import { HEADS, toModelFile } from '../core/triage/model/linear-model.js';
import { partOf } from '../core/triage/model/split.js';
import { trainLinearModel, type TrainingExample } from '../core/triage/model/train.js';
import { MODEL_PATH, modelFeatures } from '../core/triage/triage.js';
import { LABELLED_FILES } from './triage-files.js';

import { pathToFileURL } from 'node:url';
import type { LabelledRecord } from '../core/triage/labelled.js';

export const SEED = 19;
export const EPOCHS = 12;
export const OPTIONS = {
  epochs: EPOCHS,
  seed: SEED,
  learningRate: 0.3,
  // Recall first: a missed urgent message costs far more than a false alarm.
  classWeights: { urgent: [1, 3], complaint: [1, 1.5] },
};

/** The train part of every labelled set (records whose id hashes outside the dev-test fifth). */
export function trainRecords(): LabelledRecord[] {
  return LABELLED_FILES.flatMap((file) => parseLabelled(readFileSync(file, 'utf8'), file)).filter((r) => partOf(r.id) === 'train');
}

export function toExample(r: LabelledRecord): TrainingExample {
  const lex = classifyByLexicon(r.text);
  return {
    id: r.id,
    buckets: modelFeatures(lex, r.text),
    labels: {
      complaint: r.isComplaint ? 1 : 0,
      urgent: r.urgent ? 1 : 0,
      category: HEADS.category.indexOf(r.category ?? 'none'),
      outcome: HEADS.outcome.indexOf(r.desiredOutcome ?? 'none'),
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const examples = trainRecords().map(toExample);
  const { weights, bias } = trainLinearModel(examples, OPTIONS);
  const file = toModelFile(weights, bias, { messages: examples.length, files: LABELLED_FILES, seed: SEED, epochs: EPOCHS });
  const json = JSON.stringify(file);
  writeFileSync(MODEL_PATH, json + '\n');
  console.log(`trained on ${examples.length} messages from ${LABELLED_FILES.length} files in ${((performance.now() - started) / 1000).toFixed(1)} s → ${MODEL_PATH.pathname} (${(json.length / 1_048_576).toFixed(2)} MB)`);
}
