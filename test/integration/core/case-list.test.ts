// Real database: the embedded PGlite and the PostgreSQL at 127.0.0.1:5432.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHarness, type DeskHarness } from '../../helpers/desk-harness.js';
import { describeOnDatabases } from '../../helpers/database-suites.js';

const photo = { fileId: 'F1', name: 'crack.jpg', mimeType: 'image/jpeg' };
const wang = { platform: 'local' as const, userId: 'wang-fang' };

describeOnDatabases('case list filters', (db) => {
  let h: DeskHarness;
  let product: string;
  let parcel: string;
  beforeAll(async () => {
    h = await createHarness(db());
    const a = await h.say('list-a', 'The blender arrived with a cracked jug, order number ORD-20261101. Phone 13812345678. I want a replacement.', { attachments: [photo] });
    const b = await h.say('list-b', '快递三天没动了，订单号 20261120-5521，电话 13912345678。再不到我就投诉到消费者协会和媒体！');
    if (a.kind !== 'created' || b.kind !== 'created') throw new Error('expected two new cases');
    [product, parcel] = [a.caseId, b.caseId];
    await h.runtime.desk.claimCase(wang, product);
  });
  afterAll(() => h.close());

  const numbers = async (filter: Parameters<DeskHarness['runtime']['desk']['listCases']>[0]) => (await h.runtime.desk.listCases(filter)).map((c) => c.id);

  it('lists newest first and narrows by status, department and urgency', async () => {
    expect(await numbers({})).toEqual([parcel, product]);
    expect(await numbers({ status: 'claimed' })).toEqual([product]);
    expect(await numbers({ departmentKey: 'logistics' })).toEqual([parcel]);
    expect(await numbers({ departmentKey: 'logistics', status: 'claimed' })).toEqual([]);
    // A threat to go to the media makes the parcel complaint urgent.
    expect(await numbers({ urgent: true })).toEqual([parcel]);
    expect(await numbers({ urgent: false })).toEqual([product]);
  });

  it('judges overdue on the SLA clocks at the desk time', async () => {
    expect(await numbers({ overdue: true })).toEqual([]);
    h.clock.advanceHours(24 * 8);
    expect(await numbers({ overdue: true })).toEqual([parcel, product]);
    expect(await numbers({ overdue: false })).toEqual([]);
    const [item] = await h.runtime.desk.listCases({ status: 'claimed' });
    expect(item!.overdueClocks).toContain('update_cadence');
    expect(item!.ownerName).toBe('王芳');
  });
});
