import type { ServerResponse } from 'node:http';
import type { EvidenceFileStore } from '../application/evidence-files.js';
import type { EvidenceLinks } from '../application/evidence-links.js';
import type { HttpServer } from './http-server.js';

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(message);
}

/** A file name for Content-Disposition: ASCII fallback plus the RFC 5987 UTF-8 form. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * GET /evidence/<id>?exp=…&sig=…: a stored evidence file behind a signed, expiring link.
 * Always a download (Content-Disposition: attachment, nosniff), never rendered by the browser,
 * so a customer's HTML or SVG cannot run on the bot's origin. A refusal says only why the link
 * does not work, nothing about the case.
 */
export function mountEvidenceRoutes(http: HttpServer, links: EvidenceLinks, files: Pick<EvidenceFileStore, 'getStored'>): void {
  http.route('/evidence/*', async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Evidence links are opened with GET.');
    const check = links.check(req.url ?? '/');
    if (!check.ok)
      return refuse(res, 403, check.reason === 'expired' ? 'This evidence link has expired. Open the case card again for a fresh link.' : 'This evidence link is not valid.');
    const file = await files.getStored(check.fileId);
    // Erased with the case's personal data, or never stored.
    if (!file) return refuse(res, 404, 'This evidence file is no longer kept.');
    res.writeHead(200, {
      // A content type is only a hint to the staff member's computer: the file is never shown inline.
      'content-type': file.contentType && /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType.split(';')[0]!.trim()) ? file.contentType.split(';')[0]!.trim() : 'application/octet-stream',
      'content-length': file.content.length,
      'content-disposition': disposition(file.fileName),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
      'referrer-policy': 'no-referrer',
      ...(file.sha256 ? { 'x-evidence-sha256': file.sha256 } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : file.content);
  });
}
