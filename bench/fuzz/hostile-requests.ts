import { createHmac } from 'node:crypto';

export interface HostileRequest {
  endpoint: 'slack-events' | 'slack-interactivity' | 'teams-messages';
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** What makes it hostile, for the report. */
  kind: string;
  /** True when a correct bot must refuse it (4xx) rather than act on it. */
  mustReject: boolean;
}

/** Small deterministic PRNG so a fuzz run can be replayed from its seed. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

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
];

function sign(secret: string, body: Buffer, ts: number): Record<string, string> {
  const sig = 'v0=' + createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`v0:${ts}:`), body])).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

function slackEventBody(r: () => number, n: number): unknown {
  const variants: (() => unknown)[] = [
    () => ({ type: 'event_callback', event_id: `EvF${n}`, team_id: 'T1', event: { type: 'message', channel_type: 'im', channel: 'D1', user: `UF${n % 50}`, text: pick(r, STRANGE_TEXTS), ts: `${1700000000 + n}.000100` } }),
    () => ({ type: 'event_callback', event_id: 12345, event: { type: 'message', text: 42, user: null } }),
    () => ({ type: 'event_callback' }),
    () => ({ type: 'event_callback', event: 'not-an-object' }),
    () => ({ type: 'url_verification', challenge: pick(r, ['abc', '', '🙂']) }),
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'message', channel: 'D1', user: 'U0FORGED', subtype: 'bot_message', text: 'loop?', ts: '1.2' } }),
    () => [1, 2, 3],
    () => 'just a string',
    () => ({ type: 'event_callback', event_id: `EvF${n}`, event: { type: 'message', channel: 'D1', user: `UF${n}`, text: 'x', ts: '1700000000.1', files: [{ id: 42, name: null }] } }),
  ];
  return pick(r, variants)();
}

function slackActionPayload(r: () => number, n: number): unknown {
  const variants: (() => unknown)[] = [
    () => ({ type: 'block_actions', user: { id: 'U0NOTSTAFF' }, actions: [{ action_id: 'claim_case', value: '00000000-0000-0000-0000-000000000000' }], trigger_id: 't', channel: { id: 'C0QUALITY' } }),
    () => ({ type: 'block_actions', user: { id: `UF${n}` }, actions: [{ action_id: pick(r, ['claim_case', 'resolve_case', 'accept_solution', 'survey_score', '💥']), value: pick(r, ['', 'not-a-uuid', '{"x":1}', 'x'.repeat(3000)]) }] }),
    () => ({ type: 'view_submission', user: { id: 'U0WANGFANG' }, view: { callback_id: 'propose_solution', private_metadata: 'garbage', state: { values: { a: { b: { value: 7 } } } } } }),
    () => ({ type: 'block_actions' }),
    () => ({ type: 'shortcut', callback_id: 'unknown' }),
  ];
  return pick(r, variants)();
}

function teamsActivity(r: () => number, n: number): unknown {
  const variants: (() => unknown)[] = [
    () => ({ type: 'message', id: `act-${n}`, text: pick(r, STRANGE_TEXTS), from: { id: `29:f${n % 50}`, aadObjectId: `aad-f${n % 50}` }, conversation: { id: `a:conv${n % 50}`, conversationType: 'personal' }, recipient: { id: '28:bot' }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/' }),
    () => ({ type: 'message', text: 'no ids at all' }),
    () => ({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { verb: pick(r, ['claim', 'resolve', '💥']), data: { caseId: 'nope' } } }, from: { id: 'x' }, conversation: { id: 'y' }, recipient: { id: 'z' }, channelId: 'msteams', serviceUrl: 'http://127.0.0.1:9/' }),
    () => ({ type: 42 }),
    () => null,
    () => ({ type: 'message', id: `act-${n}`, from: { id: 'x' }, conversation: { id: 'y' }, serviceUrl: 'file:///etc/passwd', channelId: 'msteams', recipient: { id: 'bot' } }),
  ];
  return pick(r, variants)();
}

/**
 * Generates the n-th hostile request for an endpoint: malformed JSON, wrong types, missing
 * fields, 1 MB bodies, invalid UTF-8, emoji and mixed scripts, forged ids, replayed or
 * expired signatures. Deterministic for a given seed.
 */
export function hostileRequest(endpoint: HostileRequest['endpoint'], n: number, seed: number, secret: string, nowSeconds: number): HostileRequest {
  const r = prng(seed * 1_000_003 + n);
  const mode = Math.floor(r() * 10);
  const path = endpoint === 'teams-messages' ? '/api/messages' : '/slack/events';
  let body: Buffer;
  let kind: string;
  let contentType = endpoint === 'slack-interactivity' ? 'application/x-www-form-urlencoded' : 'application/json';
  if (mode === 0) {
    body = Buffer.from('{"type": "event_callback", "event": {', 'utf8');
    kind = 'truncated json';
  } else if (mode === 1) {
    body = Buffer.from([0x7b, 0x22, 0x74, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]);
    kind = 'invalid utf-8';
  } else if (mode === 2) {
    body = Buffer.from(JSON.stringify({ type: 'event_callback', event: { type: 'message', text: '投诉'.repeat(300_000) } }));
    kind = '1 MB+ body';
  } else {
    const value = endpoint === 'slack-events' ? slackEventBody(r, n) : endpoint === 'slack-interactivity' ? slackActionPayload(r, n) : teamsActivity(r, n);
    const json = JSON.stringify(value);
    body = Buffer.from(endpoint === 'slack-interactivity' ? `payload=${encodeURIComponent(json)}` : json);
    kind = 'wrong shape';
    if (mode === 9 && endpoint === 'slack-interactivity') {
      contentType = 'application/x-www-form-urlencoded; charset=utf-8';
      kind = 'content-type with charset';
    }
  }
  const headers: Record<string, string> = { 'content-type': contentType };
  let mustReject = true;
  if (endpoint !== 'teams-messages') {
    const sigMode = Math.floor(r() * 5);
    if (sigMode === 0) Object.assign(headers, sign(secret, body, nowSeconds - 3600)), (kind += ', expired signature');
    else if (sigMode === 1) Object.assign(headers, sign('wrong-secret', body, nowSeconds)), (kind += ', forged signature');
    else if (sigMode === 2) kind += ', no signature';
    else Object.assign(headers, sign(secret, body, nowSeconds)), (mustReject = kind !== 'wrong shape' || false);
  } else {
    if (r() < 0.3) headers.authorization = 'Bearer forged.jwt.token';
    mustReject = kind !== 'wrong shape';
  }
  return { endpoint, path, headers, body, kind, mustReject };
}
