import { createHmac } from 'node:crypto';
import { seededRandom } from '../../src/core/seeded-random.js';
import { pathologicalTexts } from '../pathological-texts.js';

export type Endpoint = 'slack-events' | 'slack-interactivity' | 'teams-messages';
export const ENDPOINTS: readonly Endpoint[] = ['slack-events', 'slack-interactivity', 'teams-messages'];

export interface HostileRequest {
  endpoint: Endpoint;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** What makes it hostile, for the report: "<body kind>, <auth kind>". */
  kind: string;
  bodyKind: string;
  authKind: string;
  /**
   * True when a correct bot must refuse it (4xx) rather than act on it. False only for a
   * correctly signed Slack request whose body is readable: Slack wants 200 for events the app
   * ignores, so either 200 or a 4xx is right there, never a 5xx.
   */
  mustReject: boolean;
}

export interface GeneratorOptions {
  seed: number;
  /** Slack signing secret the bot was started with. */
  secret: string;
  /** Unix seconds at send time: valid signatures must be fresh, expired ones older than 5 minutes. */
  nowSeconds: number;
  /** Real case ids, when known, so forged clicks aim at cases that exist. */
  caseIds?: readonly string[];
}

/** The HTTP server and Bolt refuse bodies over this many bytes. */
export const BODY_LIMIT_BYTES = 1_048_576;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, max: number) => Math.floor(r() * max);

// Long runs of separators around every label word, in the three languages (issue 14 §1): a
// backtracking pattern in triage would stall the bot on these.
const PATHOLOGICAL_TEXTS = pathologicalTexts(10_000).map((t) => t.text);
const STRANGE_TEXTS = [
  '',
  ' ',
  '🔥🔥🔥 爆炸了!!! 💥',
  '\u202eevil rtl override\u202c',
  'null',
  '<script>alert(1)</script>',
  "'; DROP TABLE \"case\"; --",
  '訂單 ＡＢＣ－１２３ 壞了 order #A-1 退款 refund',
  '\u0000\u0001\u0002 control chars',
  'x'.repeat(70_000),
  '𠀀𠀁𠀂 rare CJK 𪚥',
  'a\u0301\u0301\u0301 combining marks',
  'مرحبا שלום Привет こんにちは 안녕 สวัสดี mixed scripts',
  '\ud800 lone surrogate \udfff',
  '👨‍👩‍👧‍👦🏳️‍🌈 ZWJ sequences 🇨🇳🇺🇸',
  '我的订单 20261116-8871 收到时屏幕碎了，要求退款 ¥1299',
];
/** Half the time an ordinary strange text, half the time a pathological one. */
const strangeText = (r: Rand): string => (r() < 0.5 ? pick(r, STRANGE_TEXTS) : pick(r, PATHOLOGICAL_TEXTS));

const FORGED_USERS = ['U0NOTSTAFF', 'U0WANGFANG', 'USLACKBOT', '', 'U' + 'X'.repeat(500), '<@U0BOT>', '../../etc/passwd'];
const RANDOM_UUID = '00000000-0000-4000-8000-000000000000';

/** Always draws twice, so whether case ids are known never shifts the rest of the request's random stream. */
function caseIdOf(r: Rand, o: GeneratorOptions): string {
  const useKnown = r() < 0.7;
  const which = r();
  return useKnown && o.caseIds?.length ? o.caseIds[Math.floor(which * o.caseIds.length)]! : RANDOM_UUID;
}

function slackEventBody(r: Rand, n: number): unknown {
  const variants: (() => unknown)[] = [
    () => ({ type: 'event_callback', event_id: `EvF${n}`, team_id: 'T1', event: { type: 'message', channel_type: 'im', channel: 'D1', user: `UF${n % 50}`, text: strangeText(r), ts: `${1700000000 + n}.000100` } }),
    () => ({ type: 'event_callback', event_id: 12345, event: { type: 'message', text: 42, user: null } }),
    () => ({ type: 'event_callback' }),
    () => ({ type: 'event_callback', event: pick(r, ['not-an-object', null, 42, [], true]) }),
    () => ({ type: 'url_verification', challenge: pick(r, ['abc', '', '🙂', null, { nested: 1 }]) }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'message', channel: 'D1', user: 'U0FORGED', subtype: 'bot_message', text: 'loop?', ts: '1.2' } }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'message', channel: 'D1', user: `UF${n}`, text: 'x', ts: '1700000000.1', files: [{ id: 42, name: null }] } }),
    // A forged staff note under a case card: the thread lookup finds no card, so nothing is written.
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'message', channel: 'C0QUALITY', user: pick(r, FORGED_USERS), text: 'reply refund approved', ts: `${1700000000 + n}.2`, thread_ts: '1700000000.000001' } }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'reaction_added', reaction: 'ticket', user: pick(r, FORGED_USERS), item: pick(r, [null, 'x', { type: 'message' }, { type: 'message', channel: 'C1', ts: '1.1' }]) } }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'app_mention', channel: { id: 'C1' }, user: { id: 'U1' }, text: ['a'], ts: 1.5 } }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'message', channel_type: 'im', channel: 'D1', user: `UF${n}`, ts: `${1700000000 + n}.3`, files: Array.from({ length: 500 }, (_, i) => ({ id: `F${i}` })) } }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, authorizations: 'nope', is_enterprise_install: 'yes', event: { type: 'team_join', user: null } }),
  ];
  return pick(r, variants)();
}

function slackInteractionPayload(r: Rand, n: number, o: GeneratorOptions): unknown {
  const action = () => pick(r, ['claim_case', 'resolve_case', 'escalate_case', 'reassign_case', 'approve_solution', 'accept_solution', 'reject_solution', 'survey_score_5', '💥', '', 'x'.repeat(300)]);
  const view = () => pick(r, ['propose_solution_view', 'post_update_view', 'reply_to_customer_view', 'reassign_case_view', 'reject_solution_view', 'nope']);
  const variants: (() => unknown)[] = [
    // A forged user (not staff, or a staff id without Slack's signature) clicking a real card.
    () => ({ type: 'block_actions', user: { id: pick(r, FORGED_USERS) }, actions: [{ action_id: action(), value: caseIdOf(r, o) }], trigger_id: 't', channel: { id: 'C0QUALITY' } }),
    () => ({ type: 'block_actions', user: { id: `UF${n}` }, actions: [{ action_id: action(), value: pick(r, ['', 'not-a-uuid', '{"x":1}', 'x'.repeat(3000), `${caseIdOf(r, o)}:99`, 42, null]) }] }),
    () => ({ type: 'block_actions' }),
    () => ({ type: 'block_actions', user: pick(r, [null, 'U1', 7, {}]), actions: pick(r, [null, [], {}, 'claim_case', [null], [{}]]) }),
    () => ({ type: 'view_submission', user: { id: pick(r, FORGED_USERS) }, view: { callback_id: view(), private_metadata: pick(r, ['garbage', '', caseIdOf(r, o)]), state: { values: { a: { b: { value: 7 } } } } } }),
    () => ({ type: 'view_submission', user: { id: 'U0NOTSTAFF' }, view: pick(r, [null, {}, { callback_id: view() }, { callback_id: view(), state: null }, { callback_id: view(), state: { values: null } }, { callback_id: 42 }]) }),
    () => ({ type: 'view_submission', user: { id: 'U0WANGFANG' }, view: { callback_id: 'propose_solution_view', private_metadata: caseIdOf(r, o), state: { values: { type: { value: { selected_option: null } }, amount: { value: { value: '1e309' } }, text: { value: { value: strangeText(r) } } } } } }),
    () => ({ type: 'view_closed', user: { id: 'U1' }, view: { callback_id: view() } }),
    () => ({ type: 'shortcut', callback_id: pick(r, ['unknown', 'create_complaint_case']), user: { id: 'U0NOTSTAFF' } }),
    () => ({ type: 'message_action', callback_id: 'create_complaint_case', user: { id: pick(r, FORGED_USERS) }, channel: pick(r, [{ id: 'C1' }, null]), message: pick(r, [null, {}, { ts: 'x' }, { ts: '1700000000.1', user: 'U9', text: '坏了 broken' }]), trigger_id: 't' }),
    () => ({ type: 'block_suggestion', action_id: 'x', value: '', user: { id: 'U1' } }),
  ];
  return pick(r, variants)();
}

function teamsActivity(r: Rand, n: number, o: GeneratorOptions): unknown {
  const serviceUrl = pick(r, ['http://127.0.0.1:9/', 'file:///etc/passwd', 'not a url', 42]);
  const variants: (() => unknown)[] = [
    () => ({ type: 'message', id: `act-${n}`, text: strangeText(r), from: { id: `29:f${n % 50}`, aadObjectId: `aad-f${n % 50}` }, conversation: { id: `a:conv${n % 50}`, conversationType: 'personal' }, recipient: { id: '28:bot' }, channelId: 'msteams', serviceUrl }),
    () => ({ type: 'message', text: 'no ids at all' }),
    () => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: pick(r, ['claim', 'resolve', '💥']), data: { caseId: caseIdOf(r, o) } } }, from: { id: 'x', aadObjectId: pick(r, ['aad-wang-fang', 'aad-nobody']) }, conversation: { id: 'y' }, recipient: { id: 'z' }, channelId: 'msteams', serviceUrl }),
    () => ({ type: 'invoke', name: pick(r, ['adaptiveCard/action', 'task/fetch', '']), value: pick(r, [null, 'x', {}, { action: null }, { action: { data: 'x' } }]), from: { id: 'x' }, conversation: { id: 'y' }, recipient: { id: 'z' }, channelId: 'msteams', serviceUrl }),
    () => ({ type: pick(r, [42, null, '', 'conversationUpdate', 'installationUpdate', 'typing', '💥']), from: pick(r, [null, 'x', {}]), conversation: pick(r, [null, [], { id: 7 }]), membersAdded: 'not-a-list' }),
    () => null,
    () => ({ type: 'message', id: `act-${n}`, from: { id: 'x' }, conversation: { id: 'y', conversationType: 'channel' }, serviceUrl, channelId: 'msteams', recipient: { id: 'bot' }, value: { verb: 'claim', caseId: caseIdOf(r, o) } }),
    () => ({ type: 'message', id: `act-${n}`, text: 12, attachments: pick(r, ['x', [null], Array.from({ length: 100 }, () => ({ contentType: 'image/png' }))]), entities: pick(r, [null, 'x', [{ type: 'mention', mentioned: null }]]), from: { id: 'x' }, conversation: { id: 'y' }, recipient: { id: 'bot' }, channelId: 'msteams', serviceUrl }),
  ];
  return pick(r, variants)();
}

function shapeFor(endpoint: Endpoint, r: Rand, n: number, o: GeneratorOptions): unknown {
  if (endpoint === 'slack-events') return slackEventBody(r, n);
  if (endpoint === 'slack-interactivity') return slackInteractionPayload(r, n, o);
  return teamsActivity(r, n, o);
}

/** A text of `unit` repeated to about `bytes` once the endpoint has encoded it. */
function textOfBytes(endpoint: Endpoint, unit: string, bytes: number): string {
  const cost = endpoint === 'slack-interactivity' ? encodeURIComponent(unit).length : Buffer.byteLength(unit);
  return unit.repeat(Math.ceil(bytes / cost));
}

/** How an endpoint carries a JSON value: Slack interactivity as form-encoded `payload=`, the others as JSON. */
function encode(endpoint: Endpoint, value: unknown): Buffer {
  const json = JSON.stringify(value) ?? 'null';
  return Buffer.from(endpoint === 'slack-interactivity' ? `payload=${encodeURIComponent(json)}` : json);
}

interface BodyChoice {
  method?: string;
  body: Buffer;
  bodyKind: string;
  contentType: string | null;
  /** The body alone makes the request one to refuse, whatever its signature. */
  rejectByBody: boolean;
}

function hostileBody(endpoint: Endpoint, r: Rand, n: number, o: GeneratorOptions): BodyChoice {
  const normalType = endpoint === 'slack-interactivity' ? 'application/x-www-form-urlencoded' : 'application/json';
  const roll = r();
  const plain = (bodyKind: string, body: Buffer, rejectByBody: boolean, contentType: string | null = normalType): BodyChoice => ({ body, bodyKind, contentType, rejectByBody });
  if (roll < 0.08) return plain('truncated json', endpoint === 'slack-interactivity' ? Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%2C%22user') : Buffer.from('{"type": "event_callback", "event": {'), true);
  if (roll < 0.16) {
    // Bytes that are not UTF-8 at all (lone continuation bytes, overlong forms, 0xff).
    const junk = Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0xe2, 0x82, 0x22, 0xc0, 0xaf, 0x7d]);
    return plain('invalid utf-8', endpoint === 'slack-interactivity' ? Buffer.concat([Buffer.from('payload='), junk]) : junk, true);
  }
  if (roll < 0.2) return plain('empty body', Buffer.alloc(0), true);
  if (roll < 0.26) {
    const big = BODY_LIMIT_BYTES + 1 + int(r, 800_000);
    const value = { type: 'event_callback', event: { type: 'message', text: textOfBytes(endpoint, pick(r, ['x', '投', '🔥']), big) } };
    return plain('body over 1 MB', encode(endpoint, value), true);
  }
  if (roll < 0.3) {
    // Just under the cap: must be read and refused or ignored, not crash anything.
    const text = textOfBytes(endpoint, pick(r, ['x', '投诉', '🔥']), 900_000 + int(r, 100_000));
    const value = endpoint === 'teams-messages' ? { type: 'message', id: `big-${n}`, text, from: { id: 'x' }, conversation: { id: 'y' } } : endpoint === 'slack-events' ? { type: 'event_callback', event_id: `EvBig${n}`, event: { type: 'message', channel: 'D1', user: 'U1', ts: '1700000000.5', text } } : { type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'claim_case', value: text }] };
    return plain('1 MB text', encode(endpoint, value), false);
  }
  if (roll < 0.33) return { ...plain('wrong method', encode(endpoint, shapeFor(endpoint, r, n, o)), true), method: pick(r, ['GET', 'PUT', 'DELETE', 'PATCH']) };
  if (roll < 0.36) return plain('not an object', encode(endpoint, pick(r, [null, [1, 2, 3], 'just a string', 42, true])), true);
  if (roll < 0.42) {
    const contentType = pick(r, ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', null, endpoint === 'slack-interactivity' ? 'application/json' : 'application/x-www-form-urlencoded']);
    return plain('wrong content-type', encode(endpoint, shapeFor(endpoint, r, n, o)), false, contentType);
  }
  return plain('wrong shape', encode(endpoint, shapeFor(endpoint, r, n, o)), false);
}

function sign(secret: string, body: Buffer, ts: number | string): Record<string, string> {
  const sig = 'v0=' + createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`v0:${ts}:`), body])).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

/** Slack's v0 signature, correct or broken in one of the ways an attacker (or a replay) would. */
function slackAuth(r: Rand, body: Buffer, o: GeneratorOptions): { authKind: string; headers: Record<string, string> } {
  const roll = r();
  const now = o.nowSeconds;
  if (roll < 0.45) return { authKind: 'valid signature', headers: sign(o.secret, body, now) };
  if (roll < 0.55) return { authKind: 'expired timestamp', headers: sign(o.secret, body, now - 301 - int(r, 86_400)) };
  if (roll < 0.65) return { authKind: 'forged signature', headers: sign('wrong-secret', body, now) };
  if (roll < 0.75) return { authKind: 'no signature', headers: {} };
  if (roll < 0.88) {
    // A signature captured from another request, replayed on this body within the 5 minutes.
    return { authKind: 'replayed signature', headers: sign(o.secret, Buffer.from(`{"type":"event_callback","event_id":"Ev${int(r, 1e9)}"}`), now) };
  }
  const broken = pick(r, [
    { 'x-slack-request-timestamp': 'abc', 'x-slack-signature': sign(o.secret, body, 'abc')['x-slack-signature']! },
    { 'x-slack-request-timestamp': String(now), 'x-slack-signature': 'v0=zz' },
    { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(o.secret, body, now)['x-slack-signature']!.replace('v0=', 'v1=') },
    { 'x-slack-request-timestamp': '', 'x-slack-signature': '' },
  ]);
  return { authKind: 'malformed signature header', headers: broken };
}

/** The bot is started with a Microsoft app id, so every activity needs a Bot Framework JWT; none here is real. */
function teamsAuth(r: Rand): { authKind: string; headers: Record<string, string> } {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return pick<{ authKind: string; headers: Record<string, string> }>(r, [
    { authKind: 'no token', headers: {} },
    { authKind: 'forged token', headers: { authorization: 'Bearer forged.jwt.token' } },
    // A foreign issuer is refused before botbuilder fetches signing keys from login.botframework.com,
    // which this offline run cannot reach (a token naming the real issuer would get a 500 here, by design:
    // the keys are unknown, so the channel is asked to try again).
    { authKind: 'unsigned token, foreign issuer', headers: { authorization: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://evil.example', aud: 'fuzz-app-id', exp: 4102444800 })}.` } },
    { authKind: 'basic auth', headers: { authorization: 'Basic Zm9vOmJhcg==' } },
  ]);
}

/**
 * The n-th hostile request for an endpoint: malformed JSON, wrong types, missing fields,
 * 1 MB text, bodies over 1 MB, invalid UTF-8, emoji and mixed scripts, forged user ids,
 * replayed, expired, forged or missing signatures, wrong content types. The same seed and n
 * give the same request (apart from timestamps, which follow `nowSeconds`).
 */
export function hostileRequest(endpoint: Endpoint, n: number, o: GeneratorOptions): HostileRequest {
  const r = seededRandom(o.seed * 1_000_003 + n * 7 + ENDPOINTS.indexOf(endpoint));
  const { method = 'POST', body, bodyKind, contentType, rejectByBody } = hostileBody(endpoint, r, n, o);
  const auth = endpoint === 'teams-messages' ? teamsAuth(r) : slackAuth(r, body, o);
  const headers: Record<string, string> = { ...(contentType ? { 'content-type': contentType } : {}), ...auth.headers };
  const mustReject = endpoint === 'teams-messages' || rejectByBody || auth.authKind !== 'valid signature';
  return { endpoint, method, path: endpoint === 'teams-messages' ? '/api/messages' : '/slack/events', headers, body, kind: `${bodyKind}, ${auth.authKind}`, bodyKind, authKind: auth.authKind, mustReject };
}

/** Whether the n-th request must be refused; cheap enough to plan phases before sending. */
export function mustRejectAt(endpoint: Endpoint, n: number, o: Omit<GeneratorOptions, 'nowSeconds'>): boolean {
  return hostileRequest(endpoint, n, { ...o, nowSeconds: 0 }).mustReject;
}
