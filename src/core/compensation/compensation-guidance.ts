import type { CaseRecord } from '../ports.js';
import { CATEGORY_LABELS } from '../staff-text/category-labels.js';
import { staffText } from '../staff-text/staff-text-catalog.js';
import type { Language } from '../triage/index.js';

export type Severity = 'minor' | 'moderate' | 'severe';

/** `compensation:` in the desk config: the currency, and the percent of the purchase amount per severity. */
export interface CompensationPolicy {
  currency: string;
  minorPercent: [number, number];
  moderatePercent: [number, number];
  severePercent: [number, number];
}

export interface CompensationGuidance {
  severity: Severity;
  /** Why this severity, for the person proposing, in their staff language. */
  reasons: string[];
  /** Percent of the purchase amount, from config.compensation (docs/DOMAIN.md §5). */
  percent: [number, number];
  purchaseAmount: number | null;
  currency: string;
  /** The suggested range in money; null when the case has no purchase amount. */
  suggested: { min: number; max: number } | null;
  /** The proposer's own limit: above it a supervisor approves before the customer sees the offer. */
  agentLimit: number | null;
  /** One line for a proposal form, in the proposer's staff language. */
  summary: string;
}

// Backstops for cues the triage already turns into `urgent`: danger to people, data, legal or media exposure.
const SEVERE_CUE = /injur|burn|fire|smoke|spark|shock|swell|allerg|expired|infant|data.?leak|leak.?data|takeover|legal|lawsuit|lawyer|regulator|12315|media|受伤|受傷|起火|冒烟|冒煙|触电|觸電|鼓包|过敏|過敏|过期|過期|泄露|洩露|律师|律師|起诉|起訴|曝光/i;
const MODERATE_CATEGORIES = new Set(['product', 'billing', 'after_sales']);

type SeverityInput = Pick<CaseRecord, 'urgent' | 'category' | 'cues' | 'escalationLevel' | 'rejectionCount'>;

/**
 * Severe: danger to people or property, personal data, legal/regulator/media threats.
 * Moderate: the customer lost money or a working product (product, billing, after-sales),
 * or the case has already gone wrong (escalated, a solution rejected).
 * Minor: the rest (service manners, a late parcel, uncategorised).
 */
export function assessSeverity(c: SeverityInput, language: Language = 'en'): { severity: Severity; reasons: string[] } {
  const severe: string[] = [];
  if (c.urgent) severe.push(staffText('severity_urgent', language));
  if (c.category === 'privacy_security') severe.push(staffText('severity_personal_data', language));
  const cue = c.cues.find((x) => SEVERE_CUE.test(x));
  if (cue && !c.urgent) severe.push(staffText('severity_cue', language, { cue }));
  if (severe.length) return { severity: 'severe', reasons: severe };
  const moderate: string[] = [];
  if (c.category && MODERATE_CATEGORIES.has(c.category)) moderate.push(complaintOf(c.category, language));
  if (c.escalationLevel > 0) moderate.push(staffText('severity_escalated', language));
  if (c.rejectionCount > 0) moderate.push(c.rejectionCount === 1 ? staffText('severity_rejected_once', language) : staffText('severity_rejected', language, { count: c.rejectionCount }));
  if (moderate.length) return { severity: 'moderate', reasons: moderate };
  return { severity: 'minor', reasons: [c.category ? complaintOf(c.category, language) : staffText('severity_no_category', language)] };
}

/** "product complaint" / "产品类投诉": the category as the report tables name it. */
function complaintOf(category: string, language: Language): string {
  const name = CATEGORY_LABELS[category]?.[language] ?? category.replace(/_/g, '-');
  return staffText('severity_category', language, { category: language === 'en' ? name.toLowerCase() : name });
}

const SEVERITY_WORD = { minor: 'severity_minor', moderate: 'severity_moderate', severe: 'severity_severe' } as const;

const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (currency: string, n: number) => `${currency} ${n.toFixed(2)}`;

/** The suggested compensation for a case: severity × purchase amount × the configured percentages. */
export function compensationGuidance(
  c: SeverityInput & Pick<CaseRecord, 'amount' | 'currency'>,
  settings: { compensation: CompensationPolicy },
  agentLimit: number | null = null,
  language: Language = 'en',
): CompensationGuidance {
  const { severity, reasons } = assessSeverity(c, language);
  const cfg = settings.compensation;
  const percent = severity === 'severe' ? cfg.severePercent : severity === 'moderate' ? cfg.moderatePercent : cfg.minorPercent;
  const currency = c.currency ?? cfg.currency;
  const base = c.amount !== null && c.amount > 0 ? c.amount : null;
  const suggested = base === null ? null : { min: round2((base * percent[0]) / 100), max: round2((base * percent[1]) / 100) };
  const words = { severity: staffText(SEVERITY_WORD[severity], language), reasons: reasons.join(staffText('list_separator', language)), percent: `${percent[0]}–${percent[1]} %` };
  let summary = suggested
    ? staffText('guidance_with_amount', language, { ...words, amount: money(currency, base!), min: money(currency, suggested.min), max: money(currency, suggested.max) })
    : staffText('guidance_without_amount', language, words);
  if (agentLimit !== null) summary += staffText('guidance_limit', language, { limit: money(currency, agentLimit) });
  return { severity, reasons, percent, purchaseAmount: base, currency, suggested, agentLimit, summary };
}
