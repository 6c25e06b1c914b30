/**
 * Triage throughput on one core: classifies the labelled messages over and over for a few
 * seconds and reports messages per second. Run: `npm run bench -- triage`.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { classify } from '../src/core/triage/index.js';

export async function runTriageBench(seconds = 3): Promise<{ messagesPerSecond: number; messages: number }> {
  const texts = ['dev-set', 'holdout', 'blind'].flatMap((f) =>
    readFileSync(`test/fixtures/triage/${f}.jsonl`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  for (const t of texts) classify(t); // warm-up: JIT and dictionaries
  let n = 0;
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) for (const t of texts) (classify(t), n++);
  const elapsed = (performance.now() - start) / 1000;
  return { messagesPerSecond: Math.round(n / elapsed), messages: n };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runTriageBench();
  console.log(`triage: ${r.messagesPerSecond.toLocaleString('en')} messages/s on one core (${r.messages.toLocaleString('en')} classified)`);
}
