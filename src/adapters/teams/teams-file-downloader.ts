import type { DownloadSource, EvidenceDownloader } from '../../application/evidence-files.js';
import type { AttachmentRef } from '../../core/ports.js';
import { downloadFile } from '../../http/download-file.js';

/**
 * Hosts of the Bot Connector's attachments API in Microsoft's clouds (public, GCC, GCC High,
 * DoD) and of Teams' inline-image store, which answer only with the bot's token (Dynamics 365
 * "Download file attachments from an Azure bot"). https only.
 */
const BOT_FRAMEWORK_ATTACHMENT_HOSTS = ['smba.trafficmanager.net', 'smba.infra.gcc.teams.microsoft.com', 'smba.infra.gov.teams.microsoft.us', 'smba.infra.dod.teams.microsoft.us', 'botapi.skype.com'];
const isBotFrameworkAttachmentHost = (url: URL) => url.protocol === 'https:' && (BOT_FRAMEWORK_ATTACHMENT_HOSTS.includes(url.hostname) || url.hostname.endsWith('.asm.skype.com'));

/**
 * Whether a file URL may be fetched with the bot's token: only on the Bot Connector that sent
 * the message (the conversation's serviceUrl, same scheme, host and port; botbuilder checks
 * it against the channel token's `serviceurl` claim) or a Bot Framework attachments host.
 * Never a SharePoint/OneDrive `downloadUrl` or any other host: the token would leak there.
 */
export function sendsBotToken(fileUrl: URL, serviceUrl: string | null): boolean {
  if (isBotFrameworkAttachmentHost(fileUrl)) return true;
  if (!serviceUrl) return false;
  try {
    return new URL(serviceUrl).origin === fileUrl.origin;
  } catch {
    return false;
  }
}

export interface TeamsFileDownloaderOptions {
  /** The token the adapter calls the Bot Connector with; absent with authentication off (no token anywhere). */
  botToken?: (() => Promise<string>) | undefined;
  /** The stored serviceUrl of a conversation, if the bot knows it. */
  serviceUrlOf: (conversationId: string) => Promise<string | null>;
}

/**
 * Customers' Teams files: a file sent in a personal chat carries a pre-authorised `downloadUrl`
 * (file.download.info), fetched without credentials; a pasted image a `contentUrl` on the Bot
 * Connector, fetched with the bot's token (see `sendsBotToken`). Plain http only from this
 * machine (a local stand-in for Teams).
 */
export class TeamsFileDownloader implements EvidenceDownloader {
  constructor(private readonly o: TeamsFileDownloaderOptions) {}

  async download(ref: AttachmentRef, maxBytes: number, source?: DownloadSource) {
    const url = new URL(ref.url ?? '');
    if (url.protocol === 'data:') throw new Error('an inline data URL, not a file Teams hosts');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname))) throw new Error(`not an https URL (${url.protocol})`);
    // A retry knows no conversation: then only the Bot Framework hosts get the token.
    const botToken = this.o.botToken;
    const withToken = botToken !== undefined && sendsBotToken(url, source ? await this.o.serviceUrlOf(source.conversationId) : null);
    // fetch drops Authorization on a redirect to another origin (Fetch standard), so a redirect cannot carry the token away.
    return downloadFile(url.href, { headers: withToken ? { authorization: `Bearer ${await botToken()}` } : {}, maxBytes });
  }
}
