import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { z } from 'zod';
import { isTooLarge, readBody, refuseUnread, sendJson, sendTooLarge } from '../../http/http-server.js';

const Obj = z.looseObject({});
const IdOrObject = z.union([z.string(), Obj]);

/** The Events API envelope as Slack sends it: Bolt reads these fields before any listener, without checking their types. */
const EventEnvelope = z.looseObject({
  event: z.looseObject({ user: IdOrObject.optional(), channel: IdOrObject.optional(), item: Obj.optional(), subteam: Obj.optional() }),
  authorizations: z.array(Obj).optional(),
});

/** Interactivity payloads (block_actions, view_submission, shortcuts, options) as Slack sends them. */
const InteractionEnvelope = z.looseObject({
  user: Obj,
  team: Obj.nullish(),
  enterprise: Obj.nullish(),
  channel: Obj.optional(),
  container: Obj.optional(),
  actions: z.array(Obj).optional(),
});
const ViewEnvelope = InteractionEnvelope.extend({ view: Obj });

const INTERACTION_TYPES = new Set(['block_actions', 'interactive_message', 'dialog_submission', 'shortcut', 'message_action', 'block_suggestion']);

/** The body as Bolt will parse it: a form (with an optional JSON `payload`) only for that exact content type, else JSON. */
function parseLikeBolt(text: string, contentType: string | undefined): unknown {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQueryString(text);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : { ...form };
  }
  return JSON.parse(text);
}

/**
 * Why a request body cannot be a Slack request, or null. Bolt trusts the envelope once the
 * signature checks out: a signed `null` body crashes the process (a TypeError outside Bolt's
 * try), a non-object `event` or a missing `user` answers 500. Refusing such bodies with a
 * 400 before Bolt sees them costs nothing, since Slack never sends them.
 */
export function slackBodyProblem(raw: Buffer, contentType: string | undefined): string | null {
  let body: unknown;
  try {
    body = parseLikeBolt(raw.toString('utf8'), contentType);
  } catch {
    return 'The body is neither JSON nor a form with a JSON payload';
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'A Slack request body is a JSON object';
  const b = body as Record<string, unknown>;
  // Slack's own handshakes, answered by Bolt from fields it checks itself.
  if (b.ssl_check !== undefined || b.type === 'url_verification' || b.command !== undefined) return null;
  let envelope: z.ZodType | null = null;
  if (b.event !== undefined) envelope = EventEnvelope;
  else if (b.type === 'view_submission' || b.type === 'view_closed') envelope = ViewEnvelope;
  else if (b.actions !== undefined || b.name !== undefined || INTERACTION_TYPES.has(String(b.type))) envelope = InteractionEnvelope;
  if (!envelope) return 'Not a Slack event, interaction or command';
  const parsed = envelope.safeParse(b);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `Malformed Slack request: ${issue.path.join('.') || 'body'}: ${issue.message}`;
}

/** Slack's replay window: a signed request is good for five minutes either side of our clock. */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/**
 * Why the request's signed timestamp is outside the window, or null (a missing or malformed
 * header is left to Bolt, which refuses it). Bolt refuses only stale requests; one dated in
 * the future would otherwise stay replayable for as long as its date is ahead.
 */
export function slackTimestampProblem(header: string | string[] | undefined, nowMs: number): string | null {
  const ts = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : undefined;
  if (ts === undefined) return null;
  const skew = ts - Math.floor(nowMs / 1000);
  if (skew > SLACK_TIMESTAMP_WINDOW_SECONDS) return 'x-slack-request-timestamp is more than 5 minutes in the future';
  if (skew < -SLACK_TIMESTAMP_WINDOW_SECONDS) return 'x-slack-request-timestamp is more than 5 minutes old';
  return null;
}

/**
 * In front of Bolt's receiver on /slack/events: refuses requests dated outside Slack's
 * five-minute window with a 401, answers other methods than POST with a 405,
 * caps the body at 1 MB (Bolt's own cap is 4 MB) with a 413, refuses bodies that cannot be Slack requests with a 400, and hands Bolt
 * the buffered body, which it reads from `rawBody` instead of the consumed stream.
 */
export async function guardSlackRequest(req: IncomingMessage, res: ServerResponse, pass: () => void, nowMs: () => number = Date.now): Promise<void> {
  // Bolt throws on other methods (it expects an outer router to take them), which would be a 500.
  if (req.method !== 'POST') return refuseUnread(req, res, 405, { error: 'method_not_allowed', message: 'POST Slack events and interactions to /slack/events' });
  const outside = slackTimestampProblem(req.headers['x-slack-request-timestamp'], nowMs());
  if (outside) return refuseUnread(req, res, 401, { error: 'invalid_timestamp', message: outside });
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (err) {
    if (isTooLarge(err)) return sendTooLarge(res, 'The request');
    // The sender went away mid-body; there is nobody to answer at length.
    return sendJson(res, 400, { error: 'unreadable_body', message: 'The body could not be read' });
  }
  const problem = slackBodyProblem(raw, req.headers['content-type']);
  if (problem) return sendJson(res, 400, { error: 'invalid_body', message: problem });
  Object.assign(req, { rawBody: raw });
  pass();
}
