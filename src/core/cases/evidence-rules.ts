import type { Category, Language } from '../triage/index.js';
import { extractOrderNumber, isDecline, mentionsTimeOrPlace } from '../triage/index.js';
import type { AttachmentRef, EvidenceRecord } from '../ports.js';

export type EvidenceInputKind = 'order_number' | 'attachment' | 'time_or_place' | 'contact' | 'any_text';

export interface EvidenceRequirement {
  key: string;
  satisfiedBy: EvidenceInputKind[];
  question: Record<Language, string>;
  label: Record<Language, string>;
}

export interface EvidencePolicy {
  requirements: Record<string, EvidenceRequirement>;
  byCategory: Partial<Record<Category, string[]>>;
  always: string[];
}

export function requirementsFor(policy: EvidencePolicy, category: Category | null): EvidenceRequirement[] {
  const keys = [...(category ? (policy.byCategory[category] ?? []) : []), ...policy.always];
  return [...new Set(keys)].map((k) => policy.requirements[k]!).filter(Boolean);
}

/** Requirement keys with no evidence yet (declined counts as answered: we do not ask twice). */
export function missingRequirements(required: EvidenceRequirement[], evidence: Pick<EvidenceRecord, 'requirement'>[]): EvidenceRequirement[] {
  const have = new Set(evidence.map((e) => e.requirement));
  return required.filter((r) => !have.has(r.key));
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
// A mainland mobile number, or any number the customer labels as a phone.
const MOBILE = /(?<![\w-])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\w-])/;
const LABELLED_PHONE = /(?:phone|tel|mobile|call me(?: on| at)?|电话|手机|電話|手機|联系方式|聯絡方式)\s*(?:is|是|:|：)?\s*(\+?\(?\d[\d\s()-]{5,}\d)/i;

/** An email address or phone number in free text; order numbers and dates are not mistaken for one. */
export function findContact(text: string): string | null {
  const found = EMAIL.exec(text)?.[0] ?? LABELLED_PHONE.exec(text)?.[1] ?? MOBILE.exec(text)?.[0];
  return found?.trim() ?? null;
}

export interface EvidenceInput {
  text: string;
  attachments: AttachmentRef[];
  /** Contact known from the platform profile. */
  profileContact: string | null;
  /** The requirement the customer was just asked about, if any; free-text answers count for it. */
  askedKey: string | null;
}

export interface RecognisedEvidence {
  requirement: string;
  kind: 'text' | 'file' | 'declined';
  text?: string;
  attachment?: AttachmentRef;
}

/**
 * What a customer's message provides towards the missing requirements: an order number in
 * free text, an attachment, a time/place, a contact, or "I don't have it" for the item asked.
 */
export function recogniseEvidence(missing: EvidenceRequirement[], input: EvidenceInput): RecognisedEvidence[] {
  const found: RecognisedEvidence[] = [];
  const orderNumber = extractOrderNumber(input.text);
  const contact = findContact(input.text) ?? input.profileContact;
  const [firstAttachment] = input.attachments;
  for (const req of missing) {
    const asked = req.key === input.askedKey;
    const hit = req.satisfiedBy.find((kind) => {
      switch (kind) {
        case 'order_number':
          return orderNumber !== null;
        case 'attachment':
          return firstAttachment !== undefined;
        case 'contact':
          return contact !== null;
        case 'time_or_place':
          return mentionsTimeOrPlace(input.text) || (asked && input.text.trim().length > 0 && !isDecline(input.text));
        case 'any_text':
          return asked && input.text.trim().length > 0 && !isDecline(input.text);
      }
    });
    if (hit === 'attachment') for (const a of input.attachments) found.push({ requirement: req.key, kind: 'file', attachment: a });
    else if (hit === 'order_number') found.push({ requirement: req.key, kind: 'text', text: orderNumber! });
    else if (hit === 'contact') found.push({ requirement: req.key, kind: 'text', text: contact! });
    else if (hit) found.push({ requirement: req.key, kind: 'text', text: input.text.trim() });
    else if (asked && isDecline(input.text)) found.push({ requirement: req.key, kind: 'declined', text: input.text.trim() });
  }
  return found;
}
