import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: 'POST' | 'PUT' | string;
  path: string;
  /** Decoded conversation id from the path; '' for POST /v3/conversations. */
  conversationId: string;
  /** The activity replied to (POST) or updated (PUT). */
  activityId?: string | undefined;
  body: Record<string, unknown>;
  /** The Authorization header the bot sent ("Bearer …"; none when it runs unauthenticated). */
  authorization?: string | undefined;
  /** What the fake answered (the new activity or conversation id). */
  answer?: Record<string, unknown>;
}

const ROUTE = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?\/?$/;

/**
 * A local Bot Connector at the activities' `serviceUrl`, answering the Bot Framework REST
 * routes the bot uses like the real service: send to conversation and reply (201 with the
 * new activity id), update (PUT, 200) and create conversation (201). It records every call
 * and can refuse the next calls with 429 (or 412/502/504) and Retry-After, as Teams does
 * under load. With an empty app id the bot sends no token, so no token server is needed.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  /** Calls refused with an error status, in order. */
  readonly refused: (ConnectorCall & { status: number })[] = [];
  private server: Server | null = null;
  private failures: { status: number; retryAfter?: string | undefined }[] = [];
  private seq = 0;
  url = '';
  /** Every activity the bot posted, by id, as the channel holds it now (a PUT replaces it). */
  readonly activities = new Map<string, Record<string, unknown>>();

  /** Files at pre-authorised download URLs (what a personal-chat upload's downloadUrl points at). */
  private readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  readonly fileRequests: string[] = [];
  /** Every file and attachment download, with the Authorization header it carried. */
  readonly downloads: { path: string; authorization?: string | undefined }[] = [];
  /** The next this many file downloads answer HTTP 503. */
  failFileDownloads = 0;

  /** Images pasted into a chat, kept by the connector's attachments API (GET /v3/attachments/{id}/views/original). */
  private readonly attachments = new Map<string, { bytes: Buffer; contentType: string }>();
  /**
   * Which bearer tokens the attachments API takes (the ones the bot's login authority issued);
   * any other request, or one without a token, is answered 401 as the Bot Connector does.
   * Unset, with the bot unauthenticated, attachments are served to anyone.
   */
  acceptsToken: ((token: string) => boolean) | null = null;

  /** Hosts a customer's upload; answers the attachment Teams puts on the message (file.download.info). */
  hostFile(uniqueId: string, name: string, bytes: Buffer, contentType: string): Record<string, unknown> {
    const path = `/personal/files/${uniqueId}/${encodeURIComponent(name)}`;
    this.files.set(path, { bytes, contentType });
    const downloadUrl = `${this.url.replace(/\/$/, '')}${path}?tempauth=${uniqueId}`;
    const fileType = name.split('.').pop() ?? '';
    return { contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: `https://contoso.sharepoint.com/personal/${name}`, name, content: { downloadUrl, uniqueId, fileType } };
  }

  /** Keeps an image a customer pasted; answers the attachment Teams puts on the message (contentUrl on the connector, no name). */
  hostPastedImage(id: string, bytes: Buffer, contentType = 'image/png'): Record<string, unknown> {
    const path = `/v3/attachments/${id}/views/original`;
    this.attachments.set(path, { bytes, contentType });
    return { contentType: 'image/*', contentUrl: `${this.url.replace(/\/$/, '')}${path}` };
  }

  /** The next `calls` requests are refused with `status` (429 by default) and Retry-After seconds, if given. */
  refuseNext(calls: number, status = 429, retryAfterSeconds?: number): void {
    for (let i = 0; i < calls; i++) this.failures.push({ status, retryAfter: retryAfterSeconds === undefined ? undefined : String(retryAfterSeconds) });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '').split('?')[0]!;
        if (req.method === 'GET' && this.attachments.has(path)) {
          this.downloads.push({ path, authorization: req.headers.authorization });
          const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          if (this.acceptsToken && !(token && this.acceptsToken(token))) {
            res.writeHead(401, { 'content-type': 'application/json' });
            return void res.end(JSON.stringify({ error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } }));
          }
          const image = this.attachments.get(path)!;
          res.writeHead(200, { 'content-type': image.contentType, 'content-length': image.bytes.length });
          return void res.end(image.bytes);
        }
        if (req.method === 'GET' && this.files.has(path)) {
          this.fileRequests.push(path);
          this.downloads.push({ path, authorization: req.headers.authorization });
          if (this.failFileDownloads > 0) {
            this.failFileDownloads--;
            res.writeHead(503, { 'content-type': 'text/plain' });
            return void res.end('service unavailable');
          }
          const file = this.files.get(path)!;
          res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length });
          return void res.end(file.bytes);
        }
        const m = ROUTE.exec(path);
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
          res.end(JSON.stringify(body));
        };
        if (!m || (req.method !== 'POST' && req.method !== 'PUT') || (req.method === 'PUT' && !m[2])) return json(404, { error: { code: 'NotFound', message: `no route ${req.method} ${path}` } });
        const raw = Buffer.concat(chunks).toString('utf8');
        const call: ConnectorCall = {
          method: req.method,
          path,
          conversationId: m[1] ? decodeURIComponent(m[1]) : '',
          activityId: m[2] ? decodeURIComponent(m[2]) : undefined,
          body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
          authorization: req.headers.authorization,
        };
        const failure = this.failures.shift();
        if (failure) {
          this.refused.push({ ...call, status: failure.status });
          return json(failure.status, { error: { code: failure.status === 429 ? 'TooManyRequests' : 'ServiceError', message: 'try again later' } }, failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
        }
        // Like the Bot Connector: an update names an activity the bot sent, and replaces it whole.
        if (req.method === 'PUT' && !this.activities.has(call.activityId!)) {
          this.refused.push({ ...call, status: 404 });
          return json(404, { error: { code: 'NotFound', message: `no activity ${call.activityId} in ${call.conversationId}` } });
        }
        this.calls.push(call);
        call.answer = !m[1] ? { id: `a:opened-${++this.seq}`, serviceUrl: this.url } : req.method === 'PUT' ? { id: call.activityId } : { id: `${1_800_000_000_000 + ++this.seq}` };
        if (m[1]) this.activities.set(String(call.answer.id), { ...call.body, id: call.answer.id });
        return json(req.method === 'PUT' ? 200 : 201, call.answer);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this.url;
  }

  /** New messages and replies the bot sent, optionally only those in one conversation (thread suffix included). */
  sent(conversationId?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId && (conversationId === undefined || c.conversationId === conversationId));
  }

  updates(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  conversationsCreated(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST' && !c.conversationId);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const TENANT = 'tenant-0001';
export const BOT = { id: '28:complaint-desk-bot', name: 'Complaint Desk' };

let sequence = 0;
const nextId = () => `${1_790_000_000_000 + ++sequence}`;

/**
 * Activities shaped as Teams sends them through the Bot Framework (ids, conversation types,
 * channelData, mention entities), all pointing at one connector's serviceUrl.
 */
export class TeamsActivities {
  constructor(private readonly serviceUrl: string) {}

  private base(from: TeamsUser, conversation: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
    return {
      id: nextId(),
      timestamp: new Date().toISOString(),
      localTimestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from,
      recipient: BOT,
      conversation: { tenantId: TENANT, ...conversation },
      channelData: { tenant: { id: TENANT } },
      locale: 'zh-CN',
      entities: [{ type: 'clientInfo', locale: 'zh-CN', country: 'CN', platform: 'Web', timezone: 'Asia/Shanghai' }],
      ...over,
    };
  }

  personalChatId(user: TeamsUser): string {
    return `a:1personal-${user.aadObjectId}`;
  }

  /** A message in the user's personal chat with the bot. */
  personal(user: TeamsUser, text: string, over: Record<string, unknown> = {}): Record<string, unknown> {
    return this.base(user, { id: this.personalChatId(user), conversationType: 'personal' }, { type: 'message', text, textFormat: 'plain', ...over });
  }

  /** A message in a channel that @mentions the bot; without `threadRootId` it starts a new post. */
  channelMention(user: TeamsUser, channelId: string, text: string, threadRootId?: string): Record<string, unknown> {
    const id = nextId();
    const mention = `<at>${BOT.name}</at>`;
    return this.base(
      user,
      { id: `${channelId};messageid=${threadRootId ?? id}`, conversationType: 'channel', isGroup: true },
      {
        id,
        type: 'message',
        text: `${mention} ${text}`,
        textFormat: 'plain',
        ...(threadRootId ? { replyToId: threadRootId } : {}),
        entities: [{ type: 'mention', text: mention, mentioned: BOT }],
        channelData: { tenant: { id: TENANT }, teamsChannelId: channelId, teamsTeamId: '19:team@thread.tacv2', channel: { id: channelId }, team: { id: '19:team@thread.tacv2' } },
      },
    );
  }

  /** A message in a channel thread that does not mention the bot (Teams delivers these to bots with resource-specific consent). */
  channelMessage(user: TeamsUser, channelId: string, text: string, threadRootId: string): Record<string, unknown> {
    const id = nextId();
    return this.base(
      user,
      { id: `${channelId};messageid=${threadRootId}`, conversationType: 'channel', isGroup: true },
      {
        id,
        type: 'message',
        text,
        textFormat: 'plain',
        replyToId: threadRootId,
        channelData: { tenant: { id: TENANT }, teamsChannelId: channelId, teamsTeamId: '19:team@thread.tacv2', channel: { id: channelId }, team: { id: '19:team@thread.tacv2' } },
      },
    );
  }

  /** The bot installed in a team: Teams sends conversationUpdate on the team's General channel. */
  installedInTeam(by: TeamsUser, channelId: string): Record<string, unknown> {
    return this.base(
      by,
      { id: channelId, conversationType: 'channel', isGroup: true },
      { type: 'conversationUpdate', membersAdded: [BOT], channelData: { tenant: { id: TENANT }, eventType: 'teamMemberAdded', team: { id: channelId }, channel: { id: channelId } } },
    );
  }

  /** The bot installed for a user (personal scope): conversationUpdate in their personal chat. */
  installedPersonally(user: TeamsUser): Record<string, unknown> {
    return this.base(user, { id: this.personalChatId(user), conversationType: 'personal' }, { type: 'conversationUpdate', membersAdded: [{ id: user.id, aadObjectId: user.aadObjectId }, BOT] });
  }

  /** An Action.Execute click: an `adaptiveCard/action` invoke from wherever the card is. */
  cardAction(user: TeamsUser, conversation: { id: string; conversationType: string }, verb: string, data: Record<string, unknown>, replyToId?: string): Record<string, unknown> {
    return this.base(user, conversation, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      ...(replyToId ? { replyToId } : {}),
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    });
  }

  /** Teams running a card's `refresh` for someone viewing it: the same invoke, triggered automatically, from the viewer. */
  cardRefresh(user: TeamsUser, conversation: { id: string; conversationType: string }, verb: string, data: Record<string, unknown>, replyToId?: string): Record<string, unknown> {
    const click = this.cardAction(user, conversation, verb, data, replyToId);
    return { ...click, value: { ...(click.value as Record<string, unknown>), trigger: 'automatic' } };
  }

  /** An Action.Submit click (clients without Universal Actions): a message whose `value` is the card data, a reply to the card's activity. */
  cardSubmit(user: TeamsUser, conversation: { id: string; conversationType: string }, value: Record<string, unknown>, replyToId?: string): Record<string, unknown> {
    return this.base(user, conversation, { type: 'message', value, text: undefined, ...(replyToId ? { replyToId } : {}) });
  }
}
