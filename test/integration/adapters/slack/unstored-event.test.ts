// Real Bolt HTTPReceiver and PGlite; the inbox is made to fail as it does when the database is away.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../../src/adapters/slack/slack-app.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeSlackApi } from '../../../helpers/fake-slack-api.js';
import { nextTs, sendEvent, SIGNING_SECRET } from '../../../helpers/slack-requests.js';

describe('a Slack event the inbox cannot store', () => {
  let h: DeskHarness;
  let api: FakeSlackApi;
  let http: HttpServer;
  let base = '';
  const logLines: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    h = await createHarness(undefined, undefined, { logger });
    api = new FakeSlackApi();
    await api.start();
    http = new HttpServer();
    await createSlackAdapter(h.runtime.application, http, { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl: api.url }, logger);
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    await http.close();
    await api.stop();
    await h.close();
  });

  it('is answered 503, not acknowledged, with one log line however many are refused; the retry is stored once', async () => {
    const inbox = h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    const complaint = { type: 'message', channel_type: 'im', channel: 'D0AWAY', user: 'U0AWAY', text: 'The fridge I bought stopped cooling, order F-30912', ts: nextTs() };
    const other = { ...complaint, user: 'U0AWAY2', channel: 'D0AWAY2', ts: nextTs() };
    try {
      expect((await sendEvent(base, complaint, { eventId: 'Ev-away-1' })).status).toBe(503);
      expect((await sendEvent(base, other, { eventId: 'Ev-away-2' })).status).toBe(503);
      expect((await sendEvent(base, complaint, { eventId: 'Ev-away-1', headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' } })).status).toBe(503);
    } finally {
      inbox.accept = realAccept;
    }
    expect(await h.runtime.db.prisma.inboxMessage.count({ where: { dedupeKey: { startsWith: 'slack:D0AWAY' } } })).toBe(0);
    expect(logLines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([
      'intake: database unavailable, refusing messages with 503 (not acknowledged) so the platform delivers them again',
    ]);

    expect((await sendEvent(base, complaint, { eventId: 'Ev-away-1', headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    expect((await sendEvent(base, complaint, { eventId: 'Ev-away-1', headers: { 'x-slack-retry-num': '3', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    expect(logLines.at(-1)!.msg).toBe('intake: database available again');
    while ((await h.runtime.inboxWorker.drainOnce()) > 0);
    expect(await h.runtime.db.prisma.inboxMessage.count({ where: { dedupeKey: { startsWith: 'slack:D0AWAY' } } })).toBe(1);
    expect(await h.runtime.db.prisma.caseMessage.count({ where: { platformMessageId: `D0AWAY:${complaint.ts}` } })).toBe(1);
  });
});
