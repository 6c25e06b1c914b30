// The one declaration of each vocabulary: types, zod enums (core and config) and lexicon keys derive from these.
export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export const CATEGORIES = ['product', 'service', 'logistics', 'billing', 'after_sales', 'privacy_security'] as const;
export const DESIRED_OUTCOMES = ['refund', 'replacement', 'repair', 'compensation', 'apology', 'explanation'] as const;

export type Language = (typeof LANGUAGES)[number];
export type Category = (typeof CATEGORIES)[number];
export type DesiredOutcome = (typeof DESIRED_OUTCOMES)[number];

/** The labels of docs/DOMAIN.md §3, plus the cues that produced them so staff see why. */
export interface Triage {
  language: Language;
  isComplaint: boolean;
  category: Category | null;
  urgent: boolean;
  orderNumber: string | null;
  desiredOutcome: DesiredOutcome | null;
  amount: number | null;
  /** ISO code of the amount's currency when the text names it without doubt (HK$, NT$, RMB…); not in the CLI contract. */
  currency?: string | null;
  cues: string[];
  /**
   * Not urgent, but a weaker harm signal is present: the case asks a person to decide within the
   * urgent clock (Mark urgent / not urgent), and the supervisor is pinged.
   */
  possibleUrgent?: boolean;
  /**
   * How sure the category is (1 when the lexicon's problem words name it, else the model's
   * probability). Not part of the triage CLI contract; conversation grouping uses it so a vague
   * follow-up is not taken for a new problem of another kind.
   */
  categoryConfidence?: number;
}
