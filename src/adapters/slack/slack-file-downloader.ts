import type { EvidenceDownloader } from '../../application/evidence-files.js';
import type { AttachmentRef } from '../../core/ports.js';
import { downloadFile } from '../../http/download-file.js';

/**
 * Customers' Slack files, fetched with the bot token (`files:read`) from `url_private_download`.
 * The token goes only to Slack's own file host (or the configured API's origin, a proxy or a
 * local stand-in), never to whatever host an event names.
 */
export class SlackFileDownloader implements EvidenceDownloader {
  private readonly allowedOrigins: Set<string>;

  constructor(
    private readonly botToken: string,
    apiUrl?: string,
  ) {
    this.allowedOrigins = new Set(['https://files.slack.com', ...(apiUrl ? [new URL(apiUrl).origin] : [])]);
  }

  async download(ref: AttachmentRef, maxBytes: number) {
    const url = new URL(ref.url ?? '');
    if (!this.allowedOrigins.has(url.origin)) throw new Error(`not a Slack file URL (${url.origin}): the bot token is not sent there`);
    const file = await downloadFile(url.href, { headers: { authorization: `Bearer ${this.botToken}` }, maxBytes });
    // Without files:read (or with a token of another workspace) Slack answers 200 with its sign-in page.
    if (file.contentType?.startsWith('text/html') && !ref.mimeType?.startsWith('text/html'))
      throw new Error('Slack answered with a sign-in page instead of the file: does the app have the files:read scope?');
    return file;
  }
}
