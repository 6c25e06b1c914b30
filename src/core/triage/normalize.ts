import { ConverterFactory } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import fromHongKong from 'opencc-js/from/hk';
import toMainland from 'opencc-js/to/cn';
import type { Language } from './types.js';

// Built once per thread. Only the dictionaries in use are loaded: the full opencc-js bundle's
// simplified-to-traditional phrase table alone cost about 70 MB in every thread that triages.
/** Traditional (Hong Kong and Taiwan forms) to simplified, with phrases; lexicon cues are folded the same way. */
export const toSimplified: (text: string) => string = ConverterFactory(fromHongKong, toMainland);
/**
 * Simplified to traditional character by character. It only counts how many characters a
 * simplified text would change (language detection), so the phrase table adds nothing.
 */
const toTraditional = ConverterFactory([], [[STCharacters]]);

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{2,}/gi;

export interface NormalizedText {
  /** NFKC + simplified Chinese, case kept: for extracting identifiers. */
  cased: string;
  /** `cased` in lower case: what the cues are matched against. */
  lower: string;
  language: Language;
}

function countDifferences(a: string, b: string): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) n++;
  return n + Math.abs(a.length - b.length);
}

/**
 * Chinese when Han characters carry the message; traditional when converting to simplified
 * changes more characters than converting to traditional would (shared characters such as
 * 我 or 的 change in neither direction, so they do not vote).
 */
export function detectLanguage(text: string): Language {
  return analyse(text.normalize('NFKC')).language;
}

/**
 * One pass of conversion per message: the text is folded to simplified once; the reverse
 * conversion runs only when folding changed something (simplified text cannot be traditional).
 */
function analyse(nfkc: string): { language: Language; simplified: string } {
  const han = nfkc.match(HAN)?.length ?? 0;
  if (han === 0) return { language: 'en', simplified: nfkc };
  const simplified = toSimplified(nfkc);
  const words = nfkc.match(LATIN_WORD)?.length ?? 0;
  if (han < words / 2) return { language: 'en', simplified };
  const traditionalSignals = countDifferences(nfkc, simplified);
  if (traditionalSignals === 0) return { language: 'zh-Hans', simplified };
  const hanOnly = (nfkc.match(HAN) ?? []).join('');
  const simplifiedSignals = countDifferences(hanOnly, toTraditional(hanOnly));
  return { language: traditionalSignals > simplifiedSignals ? 'zh-Hant' : 'zh-Hans', simplified };
}

export function normalizeText(text: string): NormalizedText {
  const nfkc = text.normalize('NFKC');
  const { language, simplified } = analyse(nfkc);
  return { cased: simplified, lower: simplified.toLowerCase(), language };
}
