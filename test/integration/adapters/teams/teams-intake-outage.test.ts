// A database outage on Teams answered as on Slack and the playground: 503 (never 500), one log line, the same metric.
import { describe, expect, it } from 'vitest';
import type { TeamsUser } from '../../../helpers/fake-bot-connector.js';
import { createLogSink } from '../../../helpers/log-sink.js';
import { withTeamsAdapter } from '../../../helpers/teams-fixture.js';

const customers: TeamsUser[] = [
  { id: '29:1away-one', aadObjectId: 'aad-away-one', name: 'Ada Away' },
  { id: '29:1away-two', aadObjectId: 'aad-away-two', name: 'Bo Away' },
];

describe('Teams intake while the inbox cannot store', () => {
  const log = createLogSink('info');
  const desk = withTeamsAdapter({ logger: log.logger });

  it('answers every refused turn 503, logs the outage once and counts each refusal', async () => {
    const inbox = desk.h.runtime.inbox;
    const realAccept = inbox.accept.bind(inbox);
    inbox.accept = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    try {
      for (const c of [...customers, customers[0]!]) expect((await desk.post(desk.activities.personal(c, 'My blender arrived broken, order 20261116-5521'))).status).toBe(503);
    } finally {
      inbox.accept = realAccept;
    }
    expect(log.warnings().filter((m) => !m.startsWith('Teams endpoint'))).toEqual(['intake: database unavailable, refusing messages with 503 (not acknowledged) so the platform delivers them again']);
    expect(log.lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(await desk.h.runtime.metrics.registry.metrics()).toContain('desk_events_received_total{platform="teams",outcome="unavailable"} 3');
  });
});
