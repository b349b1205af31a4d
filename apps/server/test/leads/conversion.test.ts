import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomer, expectErrorBody, issuePaths, rowOf } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { auditOf, capture, freshPhone, leadsWorld, ok, SHANGHAI } from './leads-world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('converting a lead (LEAD-4)', () => {
  it('creates the customer prefilled from the lead and an opportunity in one transaction; the lead records both', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const g = await w.user(w.shanghai.id, '导购');
    const phone = freshPhone();
    const l = await capture(manager.client, {
      name: '吴女士', gender: 'female', phones: [phone], wechat: 'wu_home', source: 'designer_referral', sourceDetail: { referrerName: '林设计师' },
      ...SHANGHAI, address: '徐汇区漕溪北路 8 号', assigneeId: g.user.id, notes: '设计师带来',
      needs: { rooms: ['livingRoom', 'study'], houseType: 'villa', areaSqm: 260, homeStage: 'new_home', styles: ['lightLuxury', 'italianMinimal'], budgetBand: 'over500k', deliveryDate: '2027-03-01', currentLayout: '毛坯' },
    });
    t.clock.advance(60_000);
    const out = ok(await manager.client.post(`/api/v1/leads/${l.id}/convert`, { opportunity: { name: '吴女士别墅全屋', amountFen: 68_000_000, expectedCloseDate: '2027-01-31' } }));
    expect(out).toMatchObject({ customerCreated: true, customerId: expect.any(String), opportunityId: expect.any(String) });
    expect(out.lead).toMatchObject({ status: 'converted', convertedCustomerId: out.customerId, convertedOpportunityId: out.opportunityId, convertedAt: t.clock.now().toISOString() });

    const customer = ok(await w.admin.get(`/api/v1/customers/${out.customerId}`));
    expect(customer).toMatchObject({
      name: '吴女士', gender: 'female', wechat: 'wu_home', provinceCode: '310000', cityCode: '310100', address: '徐汇区漕溪北路 8 号', source: 'designer',
      referrer: '林设计师', storeId: w.shanghai.id, ownerId: g.user.id, notes: '设计师带来',
      homeProfile: expect.objectContaining({ houseType: 'villa', areaSqm: 260, rooms: ['livingRoom', 'study'], stage: 'newHome', styles: ['lightLuxury'], budgetBand: 'over500k', moveInDate: '2027-03-01', notes: '毛坯' }),
    });
    const revealed = ok(await w.admin.post(`/api/v1/customers/${out.customerId}/reveal-phones`));
    expect(revealed.phones).toEqual([`+86${phone}`]);

    const opp = (await rowOf(t, 'opportunities', out.opportunityId))!;
    expect(opp).toMatchObject({ customer_id: out.customerId, lead_id: l.id, name: '吴女士别墅全屋', amount_fen: 68_000_000, owner_id: g.user.id, store_id: w.shanghai.id });

    const trail = await auditOf(t, l.id);
    expect(trail.at(-1)).toMatchObject({ action: 'lead.converted', meta: { customerId: out.customerId, customerCreated: true, opportunityId: out.opportunityId } });
    // Converting twice is refused.
    const again = await w.admin.post(`/api/v1/leads/${l.id}/convert`, {});
    expectErrorBody(again, 409, 'conflict');
    expect(again.json().error.params).toEqual({ reason: 'converted' });
  });

  it('answers 409 duplicate_suspected with the candidates and changes nothing; reusing the named customer or ignoring the warning converts', async () => {
    const w = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const phone = freshPhone();
    const existing = await createCustomer(manager.client, { name: '郑先生', storeId: w.shanghai.id, phones: [phone] });
    const l = await capture(manager.client, { name: '郑先生', phones: [phone] });
    const customersBefore = await countRows(t, 'customers', w.tenant.id);

    const dup = await manager.client.post(`/api/v1/leads/${l.id}/convert`, { opportunity: { name: '郑先生餐厅', amountFen: 1_200_000 } });
    const err = expectErrorBody(dup, 409, 'duplicate_suspected');
    expect(err.params!.duplicates).toEqual([{ customerId: existing.id, name: '郑先生', reason: 'samePhone' }]);
    expect(await countRows(t, 'customers', w.tenant.id)).toBe(customersBefore);
    expect(await countRows(t, 'opportunities', w.tenant.id)).toBe(0);
    expect(ok(await manager.client.get(`/api/v1/leads/${l.id}`)).status).toBe('new');

    const reused = ok(await manager.client.post(`/api/v1/leads/${l.id}/convert`, { customerId: existing.id, opportunity: { name: '郑先生餐厅', amountFen: 1_200_000 } }));
    expect(reused).toMatchObject({ customerId: existing.id, customerCreated: false });
    expect(await countRows(t, 'customers', w.tenant.id)).toBe(customersBefore);

    const other = await capture(manager.client, { name: '郑太太', phones: [phone] });
    const forced = ok(await manager.client.post(`/api/v1/leads/${other.id}/convert`, { ignoreDuplicates: true, customer: { name: '郑太太（新客户）' } }));
    expect(forced).toMatchObject({ customerCreated: true, opportunityId: null });
    expect(ok(await w.admin.get(`/api/v1/customers/${forced.customerId}`)).name).toBe('郑太太（新客户）');
  });

  it('refuses a customer the caller cannot see (404), closed leads (409) and bad input (422)', async () => {
    const w = await leadsWorld(t);
    const other = await leadsWorld(t);
    const manager = await w.user(w.shanghai.id, '店长');
    const elsewhere = await createCustomer(w.admin, { name: '杭州客户', storeId: w.hangzhou.id, phones: [freshPhone()] });
    const foreign = await createCustomer(other.admin, { name: '别家客户', phones: [freshPhone()] });
    const l = await capture(manager.client);
    for (const customerId of [elsewhere.id, foreign.id]) expectErrorBody(await manager.client.post(`/api/v1/leads/${l.id}/convert`, { customerId }), 404, 'not_found');

    const both = await manager.client.post(`/api/v1/leads/${l.id}/convert`, { customerId: elsewhere.id, customer: { name: 'x' } });
    expect(issuePaths(both)).toEqual(['body.customer']);
    const money = await manager.client.post(`/api/v1/leads/${l.id}/convert`, { opportunity: { name: '', amountFen: 12.5, expectedCloseDate: '2027-02-30' } });
    expect(issuePaths(money).sort()).toEqual(['body.opportunity.amountFen', 'body.opportunity.expectedCloseDate', 'body.opportunity.name']);
    const badPhone = await manager.client.post(`/api/v1/leads/${l.id}/convert`, { customer: { phones: ['12'] } });
    expect(issuePaths(badPhone)).toEqual(['body.customer.phones.0']);

    ok(await manager.client.post(`/api/v1/leads/${l.id}/status`, { status: 'lost', reason: '不需要了' }));
    const lost = await manager.client.post(`/api/v1/leads/${l.id}/convert`, { ignoreDuplicates: true });
    expectErrorBody(lost, 409, 'conflict');
    expect(lost.json().error.params).toEqual({ reason: 'lost' });
  });

  it('lets a 导购 convert their own lead: the customer is theirs and in their store', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    const l = await capture(g.client, { assigneeId: g.user.id });
    const out = ok(await g.client.post(`/api/v1/leads/${l.id}/convert`, { ignoreDuplicates: true, opportunity: { name: '卧室套装' } }));
    const c = ok(await g.client.get(`/api/v1/customers/${out.customerId}`));
    expect([c.ownerId, c.storeId]).toEqual([g.user.id, w.shanghai.id]);
    expect((await rowOf(t, 'opportunities', out.opportunityId))!.amount_fen).toBe(0);
  });

  it('follows a merge of the converted customer: the lead points to the survivor, and flags of the merged customer too', async () => {
    const w = await leadsWorld(t);
    const phone = freshPhone();
    const survivor = await createCustomer(w.admin, { name: '何先生', storeId: w.shanghai.id, phones: [freshPhone()] });
    const l = await capture(w.admin, { name: '何先生', phones: [phone], storeId: w.shanghai.id });
    const out = ok(await w.admin.post(`/api/v1/leads/${l.id}/convert`, { ignoreDuplicates: true }));
    const flagged = await capture(w.admin, { name: '何先生', phones: [phone], storeId: w.shanghai.id });
    expect(flagged.duplicates.map((d: { id: string }) => d.id)).toEqual([out.customerId]);
    ok(await w.admin.post('/api/v1/customers/merge', { survivorId: survivor.id, mergedIds: [out.customerId] }));
    expect(ok(await w.admin.get(`/api/v1/leads/${l.id}`)).convertedCustomerId).toBe(survivor.id);
    expect(ok(await w.admin.get(`/api/v1/leads/${flagged.id}`)).duplicates.map((d: { id: string }) => d.id)).toEqual([survivor.id]);
    expect((await auditOf(t, l.id)).at(-1)).toMatchObject({ action: 'lead.customerMerged', changes: [{ field: 'convertedCustomerId', before: out.customerId, after: survivor.id }] });
  });
});
