/**
 * Slack's one escaping rule for text it parses (mrkdwn blocks, a message's `text`): `&`, `<`
 * and `>` become entities, so `<!channel>`, `<@U…>` and `<http://evil.example|bank.com>`
 * written by a customer reach staff as the characters they typed, not as a ping or a link
 * that lies about its target. Slack shows the entities as the characters.
 * https://api.slack.com/reference/surfaces/formatting#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
}
