import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../core/ports.js';

export interface EvidenceLinkOptions {
  /** HMAC-SHA256 key; every replica must share it, or a link one signs fails on another. */
  secret: string;
  /** Where staff reach the bot, e.g. https://desk.example.com (no trailing path). */
  publicUrl: string;
  /** How long a link on a card stays valid; cards are re-signed each time they are redrawn. */
  ttlMs: number;
  clock: Clock;
}

export type LinkCheck = { ok: true; fileId: string } | { ok: false; reason: 'expired' | 'invalid' };

const FILE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A secret for a desk that serves no real platform (the playground): links die with the process. */
export const processLocalSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Signed, expiring links to stored evidence files: `/evidence/<id>?exp=<unix s>&sig=<hmac>`.
 * The signature covers the file id and the expiry, so neither can be changed; the link names
 * nothing about the case. Anyone holding a live link can download the file: it is posted only
 * in department channels, and it expires.
 */
export class EvidenceLinks {
  private readonly base: string;

  constructor(private readonly o: EvidenceLinkOptions) {
    this.base = o.publicUrl.replace(/\/+$/, '');
  }

  private sign(fileId: string, exp: number): string {
    return createHmac('sha256', this.o.secret).update(`evidence:${fileId}:${exp}`).digest('base64url');
  }

  url(fileId: string): string {
    const exp = Math.floor((this.o.clock.now().getTime() + this.o.ttlMs) / 1000);
    return `${this.base}/evidence/${fileId}?exp=${exp}&sig=${this.sign(fileId, exp)}`;
  }

  /** Checks the path and query of a request (`/evidence/<id>?exp=…&sig=…`). */
  check(pathAndQuery: string): LinkCheck {
    const url = new URL(pathAndQuery, 'http://x');
    const fileId = url.pathname.replace(/^\/evidence\//, '');
    const expText = url.searchParams.get('exp') ?? '';
    const sig = url.searchParams.get('sig') ?? '';
    if (!FILE_ID.test(fileId) || !/^\d{1,12}$/.test(expText)) return { ok: false, reason: 'invalid' };
    const exp = Number(expText);
    const expected = Buffer.from(this.sign(fileId, exp));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    // Checked after the signature: an unsigned link learns nothing, not even that it is old.
    if (exp * 1000 < this.o.clock.now().getTime()) return { ok: false, reason: 'expired' };
    return { ok: true, fileId };
  }
}
