// Real Bolt HTTPReceiver behind the bot's request guard on the real HTTP server, real PGlite; Slack's Web API is a local fake.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { slackBodyProblem } from '../../../../src/adapters/slack/slack-request-guard.js';
import { withSlackAdapter } from '../../../helpers/slack-fixture.js';
import { viewSubmission } from '../../../helpers/slack-requests.js';

describe('Slack endpoint, malformed but correctly signed requests', () => {
  const desk = withSlackAdapter();

  const rows = async () => [await desk.h.runtime.db.prisma.inboxMessage.count(), await desk.h.runtime.db.prisma.caseEvent.count()];

  it('refuses a signed body that is not an object with 400 (Bolt would crash the process on `null`)', async () => {
    for (const body of ['null', '[1,2]', '"text"', '42']) {
      const res = await desk.post(body, 'application/json');
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'invalid_body' });
    }
  });

  it('answers other methods than POST with 405 (Bolt throws on them, which was a 500)', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) expect((await fetch(`${desk.base}/slack/events`, { method })).status, method).toBe(405);
  });

  it('refuses signed envelopes Bolt would answer with a 500: non-object event, interaction without a user', async () => {
    const event = await desk.post(JSON.stringify({ type: 'event_callback', event: 'not-an-object' }), 'application/json');
    expect(event.status).toBe(400);
    const noUser = await desk.post(`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'claim_case' }] }))}`, 'application/x-www-form-urlencoded');
    expect(noUser.status).toBe(400);
    expect(JSON.parse(noUser.body).message).toMatch(/user/);
  });

  it('answers a body over 1 MB with a readable 413, not a reset', async () => {
    const body = JSON.stringify({ type: 'event_callback', event: { type: 'message', text: 'x'.repeat(1_100_000) } });
    const res = await desk.post(body, 'application/json');
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'too_large' });
  });

  it('answers a large body with an expired timestamp with a readable 401, not a broken pipe (seen in the fuzz run)', async () => {
    // The refusal comes from the headers alone; the sender is still writing the body when it is sent.
    const answer = await postWhileWriting(`${desk.base}/slack/events`, 4_000_000, { 'x-slack-request-timestamp': '1000000000', 'x-slack-signature': 'v0=00' });
    expect(answer.error).toBeNull();
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'invalid_timestamp' });
  });

  it('answers a 3 MB body with a readable 413 too, after reading it to the end', async () => {
    const answer = await postWhileWriting(`${desk.base}/slack/events`, 3_000_000, { 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=00' });
    expect(answer.error).toBeNull();
    expect(answer.status).toBe(413);
  });

  it('closes a view submission without state or values and records nothing', async () => {
    const before = await rows();
    const submission = viewSubmission('U0WANGFANG', 'post_update_view', '00000000-0000-4000-8000-000000000000', {});
    const res = await desk.sendInteraction({ ...submission, view: { callback_id: 'post_update_view', private_metadata: 'x', state: { values: null } } });
    expect(res.status).toBe(200);
    expect(await rows()).toEqual(before);
  });

  it('lets Slack handshakes and real envelopes through', () => {
    const ok = (body: unknown, type = 'application/json') => slackBodyProblem(Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), type);
    expect(ok({ type: 'url_verification', challenge: 'c' })).toBeNull();
    expect(ok('ssl_check=1&token=x', 'application/x-www-form-urlencoded')).toBeNull();
    expect(ok('command=%2Fcomplaint&user_id=U1&text=', 'application/x-www-form-urlencoded')).toBeNull();
    expect(ok({ type: 'event_callback', event: { type: 'message', channel: 'D1', user: 'U1' }, authorizations: [{ team_id: 'T1' }] })).toBeNull();
    expect(ok(`payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: { id: 'U1' }, team: null, view: { id: 'V1' } }))}`, 'application/x-www-form-urlencoded')).toBeNull();
    expect(ok({ type: 'something_else' })).toMatch(/Not a Slack/);
  });
});

/**
 * Posts `size` bytes in chunks, the way a client uploading a big body does, and reports the
 * answer together with any transport error seen while still writing (EPIPE, ECONNRESET).
 */
function postWhileWriting(url: string, size: number, headers: Record<string, string>): Promise<{ status: number; body: string; error: string | null }> {
  return new Promise((resolve) => {
    let status = 0;
    let body = '';
    let error: string | null = null;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, 'content-length': size } });
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
    });
    req.on('error', (err: NodeJS.ErrnoException) => (error = err.code ?? err.message));
    req.on('close', () => resolve({ status, body, error }));
    const chunk = Buffer.alloc(50_000, 'x');
    let sent = 0;
    const writeMore = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', writeMore);
      }
      req.end();
    };
    writeMore();
  });
}
