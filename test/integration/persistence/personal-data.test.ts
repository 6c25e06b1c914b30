// Data protection on PGlite and PostgreSQL: a customer's erasure request and the retention run.
// Customers come in through the real intake path (inbox → worker → case → outbox delivery), then
// every text and JSON column of every table is scanned for what identified them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDeskRuntime, type DeskRuntime } from '../../../src/app/desk-runtime.js';
import type { CustomerMessage } from '../../../src/core/ports.js';
import { parseCustomerRef } from '../../../src/core/customer-ref.js';
import { RetentionJob } from '../../../src/scheduler/retention-job.js';
import { eraseCustomer, PrismaRetentionStore } from '../../../src/persistence/personal-data.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';
import { exampleConfig, MONDAY_10AM_SHANGHAI } from '../../helpers/desk-harness.js';
import { ManualClock } from '../../../support/manual-clock.js';
import { settle } from '../../helpers/wait.js';

interface Person {
  userId: string;
  name: string;
  contact: string;
  text: string;
  followUp: string;
}

const person = (tag: string): Person => ({
  userId: `U${tag}7731`,
  name: `${tag}Wang Xiaoming`,
  contact: `1381234${tag.length}${tag.charCodeAt(0)}@mail-${tag}.example.com`,
  text: `我的电水壶漏水，订单号 JD-${tag}-55821，请尽快处理 ${tag}`,
  followUp: `补充：我住在${tag}路88号，电话联系`,
});

describeOnDatabases('personal data', (db) => {
  let runtime: DeskRuntime;
  const clock = new ManualClock(new Date(MONDAY_10AM_SHANGHAI));
  let n = 0;

  beforeAll(async () => {
    runtime = await createDeskRuntime({ config: exampleConfig(), database: db(), clock, minIntervalMs: {} });
  }, 180_000);
  afterAll(() => runtime.close());

  async function complain(p: Person, text: string): Promise<string> {
    const msg: CustomerMessage = {
      platform: 'local',
      messageId: `m-${p.userId}-${++n}`,
      customer: { userId: p.userId, displayName: p.name, contact: p.contact },
      conversation: { channelId: `dm-${p.userId}`, threadId: null, isPrivate: true },
      text,
      attachments: [],
      receivedAt: clock.now(),
    };
    await runtime.application.acceptCustomerMessage(msg);
    await settle(runtime);
    const c = await runtime.db.prisma.case.findFirstOrThrow({ where: { customer: { platformUserId: p.userId } }, orderBy: { createdAt: 'desc' } });
    return c.id;
  }

  /** Every text-like column of every table, as `table.column` for each value containing the needle. */
  async function whereFound(needles: string[]): Promise<string[]> {
    const columns = await runtime.db.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')
          AND table_name NOT LIKE '\\_%'`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const hits: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const needle of needles) {
        const rows = await runtime.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}" WHERE strpos("${column_name}"::text, $1) > 0`, [needle]);
        if (rows[0]!.n > 0) hits.push(`${table_name}.${column_name} has ${JSON.stringify(needle)}`);
      }
    }
    return hits;
  }

  const secrets = (p: Person) => [p.userId, p.name, p.contact, p.text, p.followUp];

  it('erase-customer removes one customer from every table and leaves the others alone', async () => {
    const alice = person('Alice');
    const bob = person('Bob');
    const aliceCase = await complain(alice, alice.text);
    await complain(alice, alice.followUp);
    await complain(bob, bob.text);
    expect((await whereFound(secrets(alice))).length).toBeGreaterThan(3);

    const before = await runtime.db.prisma.case.findUniqueOrThrow({ where: { id: aliceCase } });
    const ref = parseCustomerRef(`local:${alice.userId}`)!;
    const result = await eraseCustomer(runtime.db.prisma, ref, { at: clock.now(), actor: 'cli:admin' });
    expect(result).toMatchObject({ cases: 1 });
    expect(result!.messages).toBeGreaterThanOrEqual(2);

    expect(await whereFound(secrets(alice))).toEqual([]);
    // Bob still has his case, text and contact.
    expect((await whereFound([bob.text, bob.contact, bob.userId])).length).toBeGreaterThanOrEqual(3);

    // Figures stay: the case still counts, in its category and department, with its timings.
    const after = await runtime.db.prisma.case.findUniqueOrThrow({ where: { id: aliceCase } });
    expect({ category: after.category, departmentKey: after.departmentKey, status: after.status, createdAt: after.createdAt, firstResponseDueAt: after.firstResponseDueAt }).toEqual({
      category: before.category,
      departmentKey: before.departmentKey,
      status: before.status,
      createdAt: before.createdAt,
      firstResponseDueAt: before.firstResponseDueAt,
    });
    expect(after.anonymisedAt).not.toBeNull();

    // The audit says it happened, without the data.
    const audit = await runtime.db.prisma.privacyEvent.findMany({ where: { action: 'customer_erased' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('cli:admin');
    const events = await runtime.db.prisma.caseEvent.findMany({ where: { caseId: aliceCase, type: 'personal_data_erased' } });
    expect(events).toHaveLength(1);

    // A second request finds nobody; the next message from the same person starts afresh.
    expect(await eraseCustomer(runtime.db.prisma, ref, { at: clock.now(), actor: 'cli:admin' })).toBeNull();
  }, 180_000);

  it('the retention run anonymises cases closed longer ago than the setting, and only those', async () => {
    const carol = person('Carol');
    const dave = person('Dave');
    const carolCase = await complain(carol, carol.text);
    const daveCase = await complain(dave, dave.text);
    // Closing a case takes the whole staff and survey flow; its end state is what retention reads.
    const closedAt = clock.now();
    await runtime.db.prisma.case.update({ where: { id: carolCase }, data: { status: 'closed', closedAt, satisfactionScore: 4, satisfactionComment: `谢谢${carol.name}` } });
    clock.advance(400 * 86_400_000);
    await runtime.db.prisma.case.update({ where: { id: daveCase }, data: { status: 'closed', closedAt: clock.now(), satisfactionScore: 5 } });

    const job = new RetentionJob({ store: new PrismaRetentionStore(runtime.db.prisma), clock, months: 12, timeZone: 'Asia/Shanghai', cron: '30 3 * * *' });
    const r = await job.run();
    expect(r.cases).toBe(1);
    expect(r.customers).toBe(1);

    expect(await whereFound([carol.text, carol.contact, carol.name])).toEqual([]);
    expect((await whereFound([dave.text, dave.contact])).length).toBeGreaterThanOrEqual(2);
    const carolAfter = await runtime.db.prisma.case.findUniqueOrThrow({ where: { id: carolCase } });
    expect(carolAfter.satisfactionScore).toBe(4);
    expect(carolAfter.category).not.toBeNull();
    expect(await runtime.db.prisma.privacyEvent.count({ where: { action: 'retention_anonymised' } })).toBe(1);

    // Running again changes nothing.
    expect((await job.run()).cases).toBe(0);
  }, 180_000);
});
