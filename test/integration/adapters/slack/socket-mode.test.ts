// Real Bolt app and @slack/socket-mode client (undici WebSocket), a local Socket Mode server, real PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../../src/adapters/slack/slack-app.js';
import { HttpServer } from '../../../../src/http/http-server.js';
import { createHarness, type DeskHarness } from '../../../helpers/desk-harness.js';
import { FakeSlackApi } from '../../../../support/fake-slack-api.js';
import { FakeSocketMode } from '../../../helpers/fake-socket-mode.js';
import { createLogSink } from '../../../helpers/log-sink.js';
import { nextTs } from '../../../helpers/slack-requests.js';

describe('Slack over Socket Mode: stored, then acknowledged', () => {
  let h: DeskHarness;
  let api: FakeSlackApi;
  let socket: FakeSocketMode;
  let slack: SlackAdapter;
  const log = createLogSink('debug');

  beforeAll(async () => {
    h = await createHarness(undefined, undefined, { logger: log.logger });
    socket = new FakeSocketMode();
    api = new FakeSlackApi();
    api.socketModeUrl = await socket.start();
    await api.start();
    slack = await createSlackAdapter(h.runtime.application, new HttpServer(), { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: api.url }, log.logger);
  });
  afterAll(async () => {
    await slack.stop();
    await socket.stop();
    await api.stop();
    await h.close();
  });

  const complaint = { type: 'message', channel_type: 'im', channel: 'D0SOCK', user: 'U0SOCK', text: 'The washing machine I bought leaks, order 44556677', ts: nextTs() };
  const envelope = { token: 'x', team_id: 'T0ACME', api_app_id: 'A0DESK', type: 'event_callback', event_id: 'Ev-sock-1', event_time: 1_763_000_000, event: complaint };

  /** The app either acknowledged the envelope or logged that it did not: whichever comes first. */
  const outcome = (envelopeId: string) =>
    Promise.race([
      socket.acknowledged(envelopeId).then(() => 'acknowledged' as const),
      new Promise<'not acknowledged'>((resolve) => {
        const check = () => (log.lines.some((l) => l.envelopeId === envelopeId && l.msg.startsWith('socket mode envelope not acknowledged')) ? resolve('not acknowledged') : undefined);
        log.onLine(check);
        check();
      }),
    ]);

  it('does not acknowledge an event the inbox could not store, and acknowledges the redelivery once it is stored', async () => {
    expect(slack.ready()).toBe(true);
    expect(api.callsTo('apps.connections.open')).toHaveLength(1);
    const inbox = h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      socket.sendEvent('env-1', envelope);
      expect(await outcome('env-1')).toBe('not acknowledged');
    } finally {
      inbox.accept = realAccept;
    }
    expect(socket.acks.map((a) => a.envelope_id)).not.toContain('env-1');
    expect(await h.runtime.db.prisma.inboxMessage.count()).toBe(0);

    // Slack delivers an unacknowledged envelope again.
    socket.sendEvent('env-2', envelope, 1);
    expect(await outcome('env-2')).toBe('acknowledged');
    expect(await h.runtime.db.prisma.inboxMessage.count({ where: { dedupeKey: { startsWith: 'slack:D0SOCK' } } })).toBe(1);
  });
});
