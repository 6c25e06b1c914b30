import type { Language } from '../triage/index.js';
import { TEMPLATE_PLACEHOLDERS, type TemplateKey, type TemplateValues } from './template-catalog.js';

export type TemplateSet = Record<TemplateKey, Record<Language, string>>;

const PLACEHOLDER = /\{([a-zA-Z_]+)\}/g;

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Problems with one template text: placeholders the key does not provide. */
export function templateProblems(key: TemplateKey, text: string): string[] {
  const allowed: readonly string[] = TEMPLATE_PLACEHOLDERS[key];
  return placeholdersIn(text)
    .filter((p) => !allowed.includes(p))
    .map((p) => `unknown placeholder {${p}} (allowed: ${allowed.map((a) => `{${a}}`).join(', ') || 'none'})`);
}

export function renderTemplate<K extends TemplateKey>(
  templates: TemplateSet,
  key: K,
  language: Language,
  values: TemplateValues<K>,
): string {
  const text = templates[key][language];
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = (values as Record<string, string>)[name];
    if (value === undefined) throw new Error(`template ${key}/${language}: no value for {${name}}`);
    return value;
  });
}
