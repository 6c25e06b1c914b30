import type { EvidenceDownloader } from '../../application/evidence-files.js';
import type { AttachmentRef } from '../../core/ports.js';
import { downloadFile } from '../../http/download-file.js';

/**
 * Customers' Teams files: a file sent in a personal chat carries a pre-authorised `downloadUrl`
 * (file.download.info), other attachments a `contentUrl`. Both are fetched without the bot's
 * credentials; plain http only from this machine (a local stand-in for Teams).
 */
export class TeamsFileDownloader implements EvidenceDownloader {
  async download(ref: AttachmentRef, maxBytes: number) {
    const url = new URL(ref.url ?? '');
    if (url.protocol === 'data:') throw new Error('an inline data URL, not a file Teams hosts');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname))) throw new Error(`not an https URL (${url.protocol})`);
    return downloadFile(url.href, { maxBytes });
  }
}
