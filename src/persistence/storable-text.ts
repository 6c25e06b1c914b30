/** NUL, and UTF-16 halves without their partner: PostgreSQL refuses both in text and in jsonb. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text PostgreSQL will store: NUL dropped, a lone surrogate replaced by U+FFFD (what UTF-8 encoders do). */
export const storableText = (s: string): string => s.replace(UNSTORABLE, (c) => (c === '\u0000' ? '' : '\ufffd'));

/** JSON.stringify whose strings are all storable, for jsonb columns. */
export const storableJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storableText(v) : v));
