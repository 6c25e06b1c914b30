import { findCues, longestPerDimension } from './lexicon.js';
import { normalizeText } from './normalize.js';
import { extractOrderNumber } from './extract-order-number.js';

/**
 * "I don't have it" as an answer to an evidence question: a decline cue in a short reply that
 * does not also carry what was asked for (an order number, say).
 */
export function isDecline(text: string): boolean {
  const { lower, cased } = normalizeText(text);
  if (extractOrderNumber(cased)) return false;
  const hits = longestPerDimension(findCues(lower));
  return hits.some((h) => h.cue.dimension === 'decline') && lower.length <= 160;
}

/** Does the text say when or where something happened (a day, a time, a store or channel)? */
export function mentionsTimeOrPlace(text: string): boolean {
  const { lower } = normalizeText(text);
  if (/\b\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|\b\d{1,2}:\d{2}\b|\d{1,2}\s?[月/]\s?\d{1,2}|\d{1,2}\s?点/.test(lower)) return true;
  return longestPerDimension(findCues(lower)).some((h) => h.cue.dimension === 'timeOrPlace');
}
