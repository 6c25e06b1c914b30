// The case card's view model and the case list row, built from the same case on the in-memory store.
import { describe, expect, it } from 'vitest';
import { inMemoryDesk, local } from '../../../helpers/in-memory-desk.js';

describe('case view and case list row', () => {
  it('open with the same headline, and neither shows the customer\'s phone number', async () => {
    const { desk, routedCase } = inMemoryDesk();
    const { caseId, caseNumber } = await routedCase('headline');
    await desk.claimCase(local('wang-fang'), caseId);
    const view = await desk.caseView(caseId);
    const row = (await desk.listCases()).find((r) => r.id === caseId)!;
    const headline = { id: caseId, number: caseNumber, status: 'claimed', category: 'product', urgent: false, escalationLevel: 0 };
    expect(view).toMatchObject(headline);
    expect(row).toMatchObject({ ...headline, ownerName: view.ownerName, departmentName: view.departmentName });
    for (const summary of [view.summary, row.summary]) expect(summary).not.toContain('13812345678');
  });
});
