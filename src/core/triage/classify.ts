import { extractMoney } from './extract-amount.js';
import { extractOrderNumber } from './extract-order-number.js';
import { CUE_INDEX, type CueIndex, longestPerDimension, type CueHit, type Dimension, type HarmGroup, type HarmKind } from './lexicon.js';
import { normalizeText } from './normalize.js';
import { CATEGORIES, type Category, type DesiredOutcome, type Triage } from './types.js';

const HAN = /\p{Script=Han}/u;
const CLAUSE_END = /[，。！？,.!?;；、\n]|\s{2,}/;
// Words that start a new clause in Chinese: "还没到就坏了" is not "没坏".
const ZH_CONNECTOR = /[就又还也却但而且后果然]/;
/** A negation reaches at most a few words: cues further apart are never compared (linear time). */
const NEGATION_REACH = 40;

/** The hits (sorted by start) that end at most `reach` characters before `at`. */
function justBefore(sorted: readonly CueHit[], at: number, reach: number): CueHit[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]!.start < at - reach - 64) lo = mid + 1;
    else hi = mid;
  }
  const out: CueHit[] = [];
  for (let i = lo; i < sorted.length && sorted[i]!.start < at; i++) {
    const h = sorted[i]!;
    if (h.end <= at && at - h.end <= reach) out.push(h);
  }
  return out;
}

/** Is this cue negated by a negation word just before it in the same clause? */
function isNegated(hit: CueHit, negations: CueHit[], breakers: CueHit[], lower: string): boolean {
  // A negation that runs into the cue negates it: "nobody was" + "was hurt", "not going to" + "going to sue".
  if (justBefore(negations, hit.end, hit.end - hit.start).some((n) => n.start < hit.start && n.end > hit.start)) return true;
  for (const neg of justBefore(negations, hit.start, NEGATION_REACH)) {
    if (neg.start >= hit.start) continue;
    // Chinese text has no spaces to count words by: "不处理我就PO上PTT" is not "not PTT".
    const chinese = HAN.test(hit.cue.text) || HAN.test(neg.cue.text);
    const between = lower.slice(neg.end, hit.start);
    if (CLAUSE_END.test(between)) continue;
    if (chinese) {
      const reach = neg.cue.text.length === 1 ? 2 : 4;
      if (between.length <= reach && !ZH_CONNECTOR.test(between)) return true;
    } else {
      const words = between.trim() ? between.trim().split(/\s+/).length : 0;
      const broken = justBefore(breakers, hit.start, NEGATION_REACH).some((b) => b.start >= neg.end);
      if (words <= 3 && !broken) return true;
    }
  }
  return false;
}

function hasDesireBefore(hit: CueHit, desires: CueHit[], lower: string): boolean {
  return justBefore(desires, hit.start, 24).some((d) => !CLAUSE_END.test(lower.slice(d.end, hit.start)));
}

type HarmGroups = Record<string, HarmGroup>;

/**
 * Urgent and possibly-urgent harm cues among the live (not negated) ones, by each group's
 * role in the data: a new group in urgency.json is used without touching this code.
 */
function judgeHarm(hits: CueHit[], harmGroups: HarmGroups): { urgent: CueHit[]; possible: CueHit[] } {
  const present = new Set(hits.map((h) => h.cue.group));
  const amplified = new Set<HarmKind>();
  for (const g of present) for (const k of harmGroups[g]!.role === 'amplifier' ? (harmGroups[g]!.amplifies ?? []) : []) amplified.add(k);
  const urgent: CueHit[] = [];
  const possible: CueHit[] = [];
  for (const h of hits) {
    const g = harmGroups[h.cue.group]!;
    if (g.role === 'urgent') urgent.push(h);
    else if (g.role === 'urgentWith') (present.has(g.with!) ? urgent : possible).push(h);
    else if (g.role === 'possible') (amplified.has(g.kind) ? urgent : possible).push(h);
  }
  return { urgent, possible };
}

interface Score {
  problem: number;
  topic: number;
  first: number;
}

function bump(scores: Map<Category, Score>, c: Category, at: number, problem: number, topic = 0): void {
  const s = scores.get(c) ?? { problem: 0, topic: 0, first: at };
  s.problem += problem;
  s.topic += topic;
  s.first = Math.min(s.first, at);
  scores.set(c, s);
}

/**
 * The category whose problems the message describes. Problem cues decide; topic cues only
 * decide when no problem is named. Several issues in one message: the most-evidenced one
 * wins, and a tie goes to the issue mentioned first.
 */
function pickCategory(scores: Map<Category, Score>): Category | null {
  // A defect plus how it was handled (warranty refused, repair stalled) is about the handling.
  const handling = scores.get('after_sales');
  if (handling && handling.problem > 0 && (scores.get('product')?.problem ?? 0) > 0) handling.problem += 0.5;
  const anyProblem = [...scores.values()].some((s) => s.problem > 0);
  let best: Category | null = null;
  let bestValue = 0;
  let bestFirst = Infinity;
  for (const c of CATEGORIES) {
    const s = scores.get(c);
    if (!s) continue;
    const value = anyProblem ? s.problem : s.topic;
    if (value <= 0) continue;
    if (value > bestValue + 1e-9 || (Math.abs(value - bestValue) < 1e-9 && s.first < bestFirst)) {
      best = c;
      bestValue = value;
      bestFirst = s.first;
    }
  }
  return best;
}

const FILLER = /[\s\p{P}\p{S}\d]/gu;

/**
 * Why the message is clearly not a complaint, or null (called only when no problem, harm or
 * dissatisfaction was found; `wantsSomething`: an outcome asked for with a desire word). Greetings and thanks only count when
 * little else is said: "你好，收到的衣柜少了两包螺丝" is a complaint with a greeting in front.
 */
/** Why a message reads as no complaint, judged without its problem words. */
export type Doubt = 'problem solved' | 'praise' | 'question' | 'thanks' | 'greeting/thanks' | 'too short to say';

function clearlyNotAComplaint(lower: string, hits: CueHit[], isQuestion: boolean, wantsSomething: boolean): Doubt | null {
  const has = (d: Dimension) => hits.some((h) => h.cue.dimension === d);
  if (has('solved')) return 'problem solved';
  if (has('praise') && !wantsSomething) return 'praise';
  if (isQuestion && !wantsSomething) return 'question';
  if (has('thanks') && !wantsSomething) return 'thanks';
  const pleasantries = hits.filter((h) => h.cue.dimension === 'greeting' || h.cue.dimension === 'thanks');
  let rest = '';
  let at = 0;
  for (const h of pleasantries) {
    if (h.start >= at) rest += lower.slice(at, h.start);
    at = Math.max(at, h.end);
  }
  rest = (rest + lower.slice(at)).replace(FILLER, '');
  const leftover = HAN.test(rest) ? [...rest].length : rest.length / 4;
  if (pleasantries.length && leftover <= 4) return 'greeting/thanks';
  if (leftover <= 3) return 'too short to say';
  return null;
}

/** A classifier over another lexicon (a group added to the data is used as it is). */
export function createClassifier(index: CueIndex): (text: string) => Triage {
  return (text) => classifyByLexicon(text, index).triage;
}

/** The lexicon's triage plus what the learned model reads from it. */
export interface LexiconTriage {
  triage: Triage;
  /** folded lower-case text the cues were matched on */
  lower: string;
  /** strong evidence of a complaint: urgent harm, a problem cue or dissatisfaction */
  strong: boolean;
  /** what would make it no complaint if it had no problem words (news that it is solved, a plain question…) */
  doubt: Doubt | null;
  /** the lexicon's category rests on problem cues, not only on topic words */
  problemCategory: boolean;
  /** characters that carry words (no digits, punctuation or spaces): the model needs some to go on */
  wordChars: number;
  /** named features: every cue (negated ones marked) and each lexicon decision */
  evidence: string[];
  urgentCues: string[];
  possibleCues: string[];
}

export function classifyByLexicon(text: string, index: CueIndex = CUE_INDEX): LexiconTriage {
  const harmGroups = index.lexicon.urgency.groups;
  const kindOf = (h: CueHit): HarmKind => harmGroups[h.cue.group]!.kind;
  const { lower, cased, language } = normalizeText(text);
  const hits = longestPerDimension(index.find(lower));
  const of = (d: Dimension) => hits.filter((h) => h.cue.dimension === d);
  // "是不是", "有没有": a question form, not a negation.
  const questionForms = of('aNotA');
  const negations = of('negation').filter((n) => !questionForms.some((q) => n.start < q.end && q.start < n.end));
  const breakers = of('breaker');
  const liveness = new Map<CueHit, boolean>();
  const live = (h: CueHit) => {
    let v = liveness.get(h);
    if (v === undefined) liveness.set(h, (v = !isNegated(h, negations, breakers, lower)));
    return v;
  };
  const span = (h: CueHit) => lower.slice(h.start, h.end);
  const cues: string[] = [];
  const scores = new Map<Category, Score>();
  const courier = of('courier').length > 0;

  for (const h of of('category').filter(live)) {
    let c = h.cue.group as Category;
    if (courier && c === 'service' && h.cue.kind === 'problem') c = 'logistics';
    if (h.cue.kind === 'problem') bump(scores, c, h.start, h.cue.weight);
    else bump(scores, c, h.start, 0, h.cue.weight);
    cues.push(`${c}${h.cue.kind === 'topic' ? ' (topic)' : ''} ← ${span(h)}`);
  }

  const harm = judgeHarm(of('urgency').filter(live), harmGroups);
  for (const h of harm.urgent) cues.push(`urgent ← ${span(h)} (${kindOf(h)})`);
  for (const h of harm.possible) cues.push(`possible urgent ← ${span(h)} (${kindOf(h)})`);
  const urgentHits = harm.urgent;
  const urgent = urgentHits.length > 0;
  const possibleUrgent = !urgent && harm.possible.length > 0;
  for (const h of [...harm.urgent, ...harm.possible]) {
    const g = harmGroups[h.cue.group]!;
    if (g.category) bump(scores, g.category, h.start, g.categoryWeight ?? 1);
  }

  // "Not received": money that has not arrived is billing, goods that have not arrived are logistics.
  const money = of('money').length > 0;
  for (const h of of('arrival').filter(live)) {
    const c: Category = money ? 'billing' : 'logistics';
    bump(scores, c, h.start, 1);
    cues.push(`${c} ← ${span(h)}`);
  }
  const failureTarget: Category = of('voucher').length ? 'billing' : of('account').length ? 'privacy_security' : 'product';
  for (const h of of('failure').filter(live)) {
    const c = failureTarget;
    bump(scores, c, h.start, 1);
    cues.push(`${c} ← ${span(h)}`);
  }
  // Delays, refusals and broken promises belong to what they are said about: the nearest
  // subject before them ("退货申请被拒绝"), else the next one ("说好的次日达"); with no subject
  // they are about service, unless the message is only a threat.
  const subjects = of('category').filter(live);
  const threatOnly = scores.size === 0 && urgentHits.length > 0;
  for (const d of ['process', 'promise'] as const) {
    const found = of(d).filter(live);
    if (!found.length || threatOnly) continue;
    const at = found[0]!;
    const before = subjects.filter((h) => h.start < at.start).at(-1);
    const after = subjects.find((h) => h.start >= at.start);
    const target = ((before ?? after)?.cue.group as Category | undefined) ?? 'service';
    bump(scores, target, at.start, 0.9);
    cues.push(`${target} ← ${found.map(span).join(', ')}`);
  }

  const dissatisfied = of('dissatisfaction').filter(live);
  for (const h of dissatisfied) cues.push(`complaint ← ${span(h)}`);
  const hasProblem = [...scores.values()].some((s) => s.problem > 0);
  const isQuestion = /[?？]$/.test(lower.trimEnd()) || of('question').length > 0;

  const desires = of('desire');
  // Only "I don't want …" negates an outcome: "still no refund" is asking for one.
  const notWanted = of('notWanted');
  const outcomes = of('outcome')
    .filter((h) => !isNegated(h, notWanted, breakers, lower))
    .filter((h) => !h.cue.needsDesire || hasDesireBefore(h, desires, lower));
  const wanted = outcomes.find((h) => hasDesireBefore(h, desires, lower)) ?? outcomes[0];

  // A complaint desk does not doubt complaints: a message is one unless it is clearly only a
  // greeting, thanks, praise, a plain question or news that the problem is solved.
  const doubt = clearlyNotAComplaint(lower, hits, isQuestion, wanted !== undefined && hasDesireBefore(wanted, desires, lower));
  const notComplaint = urgent || possibleUrgent || hasProblem || dissatisfied.length > 0 ? null : doubt;
  const isComplaint = notComplaint === null;
  if (notComplaint) cues.push(`not a complaint ← ${notComplaint}`);

  const desiredOutcome = isComplaint && wanted ? (wanted.cue.group as DesiredOutcome) : null;
  if (desiredOutcome && wanted) cues.push(`outcome:${desiredOutcome} ← ${span(wanted)}`);
  const category = isComplaint ? pickCategory(scores) : null;

  const evidence = [`lang:${language}`, `lex:complaint:${isComplaint}`, `lex:cat:${category}`, `lex:out:${desiredOutcome}`];
  if (urgent) evidence.push('lex:urgent');
  if (possibleUrgent) evidence.push('lex:possible');
  if (notComplaint) evidence.push(`lex:not:${notComplaint}`);
  if (isQuestion) evidence.push('lex:question');
  for (const h of hits) evidence.push(live(h) ? h.cue.feature : h.cue.negatedFeature);
  const mentioned = extractMoney(cased);
  return {
    triage: { language, isComplaint, category, urgent, orderNumber: extractOrderNumber(cased), desiredOutcome, amount: mentioned?.amount ?? null, currency: mentioned?.currency ?? null, possibleUrgent, cues },
    lower,
    strong: urgent || hasProblem || dissatisfied.length > 0,
    doubt,
    problemCategory: hasProblem && category !== null,
    wordChars: [...lower.replace(FILLER, '')].reduce((n, ch) => n + (HAN.test(ch) ? 3 : 1), 0),
    evidence,
    urgentCues: harm.urgent.map((h) => `${span(h)} (${kindOf(h)})`),
    possibleCues: harm.possible.map((h) => `${span(h)} (${kindOf(h)})`),
  };
}
