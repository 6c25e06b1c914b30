import { extractAmount } from './extract-amount.js';
import { extractOrderNumber } from './extract-order-number.js';
import { findCues, longestPerDimension, type CueHit } from './lexicon.js';
import { normalizeText } from './normalize.js';
import { CATEGORIES, type Category, type DesiredOutcome, type Triage } from './types.js';

const HAN = /\p{Script=Han}/u;
const CLAUSE_END = /[，。！？,.!?;；、\n]|\s{2,}/;
// Words that start a new clause in Chinese: "还没到就坏了" is not "没坏".
const ZH_CONNECTOR = /[就又还也却但而且后果然]/;
const URGENT_GROUPS = new Set(['danger', 'data', 'legal', 'regulator', 'media']);

/** Is this cue negated by a negation word just before it in the same clause? */
function isNegated(hit: CueHit, negations: CueHit[], breakers: CueHit[], lower: string): boolean {
  const chinese = HAN.test(hit.cue.text);
  for (const neg of negations) {
    if (neg.end > hit.start || neg.start >= hit.start) continue;
    const between = lower.slice(neg.end, hit.start);
    if (CLAUSE_END.test(between)) continue;
    if (chinese) {
      const reach = neg.cue.text.length === 1 ? 2 : 4;
      if (between.length <= reach && !ZH_CONNECTOR.test(between)) return true;
    } else {
      const words = between.trim() ? between.trim().split(/\s+/).length : 0;
      const broken = breakers.some((b) => b.start >= neg.end && b.end <= hit.start);
      if (words <= 3 && !broken) return true;
    }
  }
  return false;
}

function hasDesireBefore(hit: CueHit, desires: CueHit[], lower: string): boolean {
  return desires.some((d) => d.end <= hit.start && !CLAUSE_END.test(lower.slice(d.end, hit.start)) && hit.start - d.end <= 24);
}

/**
 * Triage of one message: language, complaint or not, category, urgency, order number,
 * desired outcome, amount, and the cues behind each decision.
 *
 * Several issues in one message: the category with the highest weighted score wins (problem
 * cues count fully, topic cues 40 %), ties go to the issue mentioned first.
 */
export function classify(text: string): Triage {
  const { lower, cased, language } = normalizeText(text);
  const hits = longestPerDimension(findCues(lower));
  const of = (d: CueHit['cue']['dimension']) => hits.filter((h) => h.cue.dimension === d);
  const negations = of('negation');
  const breakers = of('breaker');
  const live = (h: CueHit) => !isNegated(h, negations, breakers, lower);
  const cues: string[] = [];

  const scores = new Map<Category, { score: number; first: number; problem: boolean }>();
  for (const h of of('category').filter(live)) {
    const c = h.cue.group as Category;
    const s = scores.get(c) ?? { score: 0, first: h.start, problem: false };
    s.score += h.cue.weight;
    s.problem ||= h.cue.kind === 'problem';
    scores.set(c, s);
    cues.push(`${c}${h.cue.kind === 'topic' ? ' (topic)' : ''} ← ${lower.slice(h.start, h.end)}`);
  }

  const urgencyHits = of('urgency').filter(live);
  const foodContext = urgencyHits.some((h) => h.cue.group === 'food');
  const urgentHits = urgencyHits.filter((h) => URGENT_GROUPS.has(h.cue.group) || (h.cue.group === 'spoiled' && foodContext));
  for (const h of urgentHits) cues.push(`urgent:${h.cue.group} ← ${lower.slice(h.start, h.end)}`);
  const urgent = urgentHits.length > 0;

  const outcomes = of('outcome').filter(live);
  const desires = of('desire');
  const wanted = outcomes.find((h) => hasDesireBefore(h, desires, lower)) ?? outcomes[0];
  const desiredOutcome = (wanted?.cue.group as DesiredOutcome | undefined) ?? null;
  if (wanted) cues.push(`outcome:${desiredOutcome} ← ${lower.slice(wanted.start, wanted.end)}`);

  const dissatisfied = of('dissatisfaction').filter(live);
  for (const h of dissatisfied) cues.push(`complaint ← ${lower.slice(h.start, h.end)}`);
  const hasProblem = [...scores.values()].some((s) => s.problem);
  const trimmed = lower.trim();
  const isQuestion = /[?？]$/.test(trimmed) || of('question').length > 0;
  const pleasantry = of('greeting').length + of('thanks').length > 0;
  const orderNumber = extractOrderNumber(cased);
  const amount = extractAmount(cased);

  let isComplaint: boolean;
  if (urgent || hasProblem || dissatisfied.length > 0) isComplaint = true;
  else if (isQuestion || pleasantry) isComplaint = false;
  else isComplaint = scores.size > 0 || desiredOutcome !== null;
  if (!isComplaint) cues.push(isQuestion ? 'not a complaint ← question' : pleasantry ? 'not a complaint ← greeting/thanks' : 'not a complaint ← no grievance');

  let category: Category | null = null;
  if (isComplaint) {
    let best = -Infinity;
    let bestFirst = Infinity;
    for (const c of CATEGORIES) {
      const s = scores.get(c);
      if (!s) continue;
      if (s.score > best + 1e-9 || (Math.abs(s.score - best) < 1e-9 && s.first < bestFirst)) {
        best = s.score;
        bestFirst = s.first;
        category = c;
      }
    }
  }

  return { language, isComplaint, category, urgent, orderNumber, desiredOutcome, amount, cues };
}
