import { EvidenceTooLargeError, type DownloadedFile } from '../application/evidence-files.js';

export interface DownloadOptions {
  headers?: Record<string, string>;
  maxBytes: number;
  /** The whole download, headers to last byte. */
  timeoutMs?: number;
}

/**
 * GETs a file with a size cap: a Content-Length over the cap is refused before the body is
 * read, and a body that grows past it is cut off, so a huge file never sits in memory.
 */
export async function downloadFile(url: string, o: DownloadOptions): Promise<DownloadedFile> {
  const res = await fetch(url, { headers: o.headers ?? {}, redirect: 'follow', signal: AbortSignal.timeout(o.timeoutMs ?? 20_000) });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`the file server answered HTTP ${res.status}`);
  }
  const announced = Number(res.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > o.maxBytes) {
    await res.body?.cancel();
    throw new EvidenceTooLargeError(announced, o.maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > o.maxBytes) throw new EvidenceTooLargeError(null, o.maxBytes);
    chunks.push(Buffer.from(chunk));
  }
  return { bytes: Buffer.concat(chunks), contentType: res.headers.get('content-type') };
}
