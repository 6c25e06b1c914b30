import { createHmac } from 'node:crypto';

/** Signs a body the way Slack does: v0=HMAC-SHA256(secret, "v0:{ts}:{body}"). */
export function slackSignatureHeaders(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

let seq = 0;

/** A DM from a customer as the Events API delivers it (event_callback with a message event). */
export function slackDmEvent(opts: { teamId?: string; userId: string; channel: string; text: string; eventId?: string; ts?: string }): string {
  const n = ++seq;
  const ts = opts.ts ?? `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`;
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: opts.teamId ?? 'T0BENCH',
    api_app_id: 'A0BENCH',
    event: {
      type: 'message',
      channel_type: 'im',
      channel: opts.channel,
      user: opts.userId,
      text: opts.text,
      ts,
      client_msg_id: `${opts.userId}-${ts}`,
      event_ts: ts,
    },
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${Date.now().toString(36)}${n}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: opts.teamId ?? 'T0BENCH', user_id: 'U0BOT', is_bot: true }],
  });
}
