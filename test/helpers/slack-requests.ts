import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

/** Signs the exact bytes sent, as Slack does (v0 HMAC-SHA256 over "v0:{ts}:{body}"). */
export function signedHeaders(body: string, opts: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const sig = 'v0=' + createHmac('sha256', opts.secret ?? SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig };
}

export interface PostResult {
  status: number;
  body: string;
  /** Response headers, names lower-case. */
  headers: Record<string, string>;
}

export async function postToSlackEndpoint(baseUrl: string, body: string, contentType: string, headers: Record<string, string> = {}): Promise<PostResult> {
  const res = await fetch(`${baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signedHeaders(body), ...headers }, body });
  return { status: res.status, body: await res.text(), headers: Object.fromEntries(res.headers) };
}

let seq = 0;
export const nextTs = () => `${1_763_000_000 + ++seq}.${String(seq).padStart(6, '0')}`;

export function eventBody(event: Record<string, unknown>, eventId = `Ev${++seq}`): string {
  return JSON.stringify({ token: 'x', team_id: 'T0ACME', api_app_id: 'A0DESK', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });
}

export const sendEvent = (baseUrl: string, event: Record<string, unknown>, opts: { eventId?: string; headers?: Record<string, string> } = {}) =>
  postToSlackEndpoint(baseUrl, eventBody(event, opts.eventId), 'application/json', opts.headers);

export const sendInteraction = (baseUrl: string, payload: Record<string, unknown>) =>
  postToSlackEndpoint(baseUrl, `payload=${encodeURIComponent(JSON.stringify(payload))}`, 'application/x-www-form-urlencoded');

export function buttonClick(user: string, channel: string, actionId: string, value: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: user },
    team: { id: 'T0ACME' },
    api_app_id: 'A0DESK',
    token: 'x',
    trigger_id: `trigger-${++seq}`,
    channel: { id: channel },
    container: { type: 'message', channel_id: channel, message_ts: '1.1' },
    // Like Slack: every click has its own action_ts.
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value, action_ts: `1700000000.${String(++seq).padStart(6, '0')}` }],
    ...extra,
  };
}

export function viewSubmission(user: string, callbackId: string, privateMetadata: string, values: Record<string, Record<string, unknown>>): Record<string, unknown> {
  return {
    type: 'view_submission',
    user: { id: user },
    team: { id: 'T0ACME' },
    api_app_id: 'A0DESK',
    token: 'x',
    trigger_id: `trigger-${++seq}`,
    // Like Slack: every modal opened has its own view id.
    view: { id: `V${++seq}`, type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, state: { values }, hash: 'h' },
  };
}
