// Real PostgreSQL at 127.0.0.1:5432: PGlite runs one transaction at a time, so the race is only real here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AlreadyClaimedError } from '../../../src/core/errors.js';
import { createHarness, exampleConfig, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnPostgres } from '../../helpers/database-suites.js';

const CLAIMERS = 20;

describeOnPostgres('claiming a case', (db) => {
  let h: DeskHarness;
  beforeAll(async () => {
    const config = exampleConfig();
    for (let i = 0; i < CLAIMERS; i++)
      config.staff.push({ id: `agent-${i}`, name: `Agent ${i}`, role: 'agent', department: 'quality', identities: { local: `agent-${i}` }, aliases: [], conflicts: [], compensationLimit: 0 });
    h = await createHarness(db(), config);
  });
  afterAll(() => h.close());

  it(`gives the case to exactly one of ${CLAIMERS} simultaneous claimers and tells the others who owns it`, async () => {
    const r = await h.say('race-customer', 'The kettle arrived cracked, order K-2026-1123, phone 13800001234, photo attached', {
      attachments: [{ fileId: 'F9', name: 'crack.png', mimeType: 'image/png' }],
    });
    if (r.kind !== 'created') throw new Error(r.kind);
    const results = await Promise.allSettled(
      Array.from({ length: CLAIMERS }, (_, i) => h.runtime.desk.claimCase({ platform: 'local', userId: `agent-${i}` }, r.caseId)),
    );
    const winners = results.filter((x) => x.status === 'fulfilled');
    const losers = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(CLAIMERS - 1);
    const owner = (await h.runtime.ctx.store.getCase(r.caseId))!.ownerId!;
    const ownerName = h.runtime.ctx.staff.get(owner)!.name;
    for (const l of losers) {
      expect(l.reason).toBeInstanceOf(AlreadyClaimedError);
      expect((l.reason as Error).message).toContain(ownerName);
    }
    const claims = (await h.runtime.ctx.store.listEvents(r.caseId)).filter((e) => e.type === 'claimed');
    expect(claims).toHaveLength(1);
    expect(claims[0]!.actorId).toBe(owner);
  });
});
