import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

/** A signing key as the Bot Framework publishes it: RSA, with a key id and the channels it endorses. */
export class ChannelSigningKey {
  readonly kid = `kid-${randomUUID().slice(0, 8)}`;
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  jwk(): Record<string, unknown> {
    const { n, e } = this.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    return { kty: 'RSA', use: 'sig', kid: this.kid, n, e, endorsements: ['msteams'] };
  }

  /** A real RS256 JWT, signed the way the Bot Framework signs the tokens it sends to bots. */
  sign(claims: Record<string, unknown>, kid = this.kid): string {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64url(JSON.stringify(claims));
    return `${head}.${body}.${b64url(sign('sha256', Buffer.from(`${head}.${body}`), this.privateKey))}`;
  }
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const readAll = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

/**
 * Local stand-in for login.botframework.com: the OpenID metadata document whose `jwks_uri`
 * lists the keys channel tokens are signed with (what botbuilder reads from
 * ToBotFromChannelOpenIdMetadataUrl).
 */
export class FakeChannelKeys {
  private server: Server | null = null;
  metadataUrl = '';
  readonly keys: ChannelSigningKey[] = [];
  fetches = 0;

  constructor(readonly issuer: string) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/openidconfiguration$/, '');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        this.fetches++;
        return json(res, 200, { issuer: this.issuer, authorization_endpoint: `${base}/authorize`, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] });
      }
      if (req.url === '/v1/.well-known/keys') return json(res, 200, { keys: this.keys.map((k) => k.jwk()) });
      json(res, 404, { error: 'not_found' });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
    return this.metadataUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/**
 * Local stand-in for login.microsoftonline.com/{tenant}: the authority the bot gets its own
 * tokens from (OAuth 2.0 client credentials, as MSAL asks for them). MSAL accepts only https
 * authorities, so it serves TLS with a throw-away self-signed certificate (made with the
 * openssl command line) that the test trusts.
 */
export class FakeLogin {
  private server: Server | null = null;
  /** The PEM certificate to trust. */
  certificate = '';
  authority = '';
  readonly tokenRequests: Record<string, string>[] = [];
  private issued = 0;

  constructor(readonly tenantId: string) {}

  async start(): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'fake-login-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
      this.certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const key = readFileSync(join(dir, 'key.pem'), 'utf8');
      this.server = createHttpsServer({ key, cert: this.certificate }, (req, res) => void this.answer(req, res));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.authority = `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}/${this.tenantId}`;
    return this.authority;
  }

  /** The access tokens handed out, in order. */
  tokens(): string[] {
    return Array.from({ length: this.issued }, (_, i) => `local-bot-token-${i + 1}`);
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0]!;
    const t = `/${this.tenantId}`;
    if (req.method === 'GET' && path === `${t}/v2.0/.well-known/openid-configuration`) {
      return json(res, 200, {
        issuer: `${this.authority}/v2.0`,
        authorization_endpoint: `${this.authority}/oauth2/v2.0/authorize`,
        token_endpoint: `${this.authority}/oauth2/v2.0/token`,
        end_session_endpoint: `${this.authority}/oauth2/v2.0/logout`,
        jwks_uri: `${this.authority}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      });
    }
    if (req.method === 'POST' && path === `${t}/oauth2/v2.0/token`) {
      const form = Object.fromEntries(new URLSearchParams(await readAll(req)));
      this.tokenRequests.push(form);
      if (form.grant_type !== 'client_credentials' || !form.client_secret) return json(res, 400, { error: 'invalid_request' });
      return json(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: `local-bot-token-${++this.issued}` });
    }
    json(res, 404, { error: 'not_found', path });
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
