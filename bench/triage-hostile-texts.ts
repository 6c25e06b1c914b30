/**
 * Worst-case time per extractor on pathological texts (long runs of separators around every
 * label word, issue 14 §1). Run: `npm run bench -- triage` (or `npx tsx bench/triage-hostile-texts.ts [length]`).
 * Linear time shows as the 10,000-character worst case staying about 10× the 1,000-character one.
 */
import { pathToFileURL } from 'node:url';
import { classify, extractAmount, extractOrderNumber, isDecline, mentionsTimeOrPlace } from '../src/core/triage/index.js';
import { normalizeText } from '../src/core/triage/normalize.js';
import { pathologicalTexts } from '../support/pathological-texts.js';

export const EXTRACTORS: Record<string, (text: string) => unknown> = {
  normalizeText,
  extractOrderNumber,
  extractAmount,
  isDecline,
  mentionsTimeOrPlace,
  classify,
};

export interface WorstCase {
  extractor: string;
  length: number;
  worstMs: number;
  worstText: string;
  texts: number;
}

export function measureWorstCases(length: number): WorstCase[] {
  const texts = pathologicalTexts(length);
  return Object.entries(EXTRACTORS).map(([extractor, run]) => {
    let worstMs = 0;
    let worstText = '';
    for (const { name, text } of texts) {
      const start = performance.now();
      run(text);
      const ms = performance.now() - start;
      if (ms > worstMs) [worstMs, worstText] = [ms, name];
    }
    return { extractor, length, worstMs, worstText, texts: texts.length };
  });
}

export function printWorstCases(log: (line: string) => void = console.log): void {
  measureWorstCases(1_000); // warm-up
  const short = measureWorstCases(1_000);
  const long = measureWorstCases(10_000);
  for (const [i, l] of long.entries())
    log(`worst case ${l.extractor.padEnd(20)} ${l.worstMs.toFixed(2).padStart(8)} ms at 10,000 chars (${l.worstText}); ${short[i]!.worstMs.toFixed(2)} ms at 1,000 — ${l.texts} hostile texts`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const length = Number(process.argv[2] ?? 0);
  if (length) for (const w of measureWorstCases(length)) console.log(`${w.extractor.padEnd(20)} ${w.worstMs.toFixed(2)} ms (${w.worstText})`);
  else printWorstCases();
}
