/**
 * Teams' one rule for customer text in staff-facing posts. Teams reads a message's text and
 * an Adaptive Card's TextBlock and Fact values as Markdown, and message text also as a little
 * HTML (`<at>` mentions, `<a href>`). Backslash escapes are honoured differently by the
 * desktop and mobile clients (MicrosoftDocs/msteams-docs#5793), so links are broken with an
 * invisible zero-width space between `]` and `(` instead: "[bank.com](http://evil.example)"
 * shows as typed, not as a link that lies about its target.
 */
const ZWSP = '\u200B';

/** For Adaptive Card Markdown (TextBlock, Fact values): no link forms. Cards render no HTML. */
export function inertCardMarkdown(text: string): string {
  return text.replace(/\]\s{0,3}(?=[(:[])/g, (m) => `${m}${ZWSP}`);
}

/** For a message activity's text: no links, and `<at>…</at>` or any tag shows as the characters typed. */
export function inertActivityText(text: string): string {
  return inertCardMarkdown(text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;')));
}

/**
 * Customer text in a card as a RichTextBlock of one TextRun: Adaptive Cards render a TextRun
 * as plain text, without Markdown, so nothing in it can become a link or formatting.
 */
export function plainTextBlock(text: string, options: { subtle?: boolean } = {}): { type: 'RichTextBlock'; inlines: { type: 'TextRun'; text: string; isSubtle?: boolean }[] } {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...(options.subtle ? { isSubtle: true } : {}) }] };
}
