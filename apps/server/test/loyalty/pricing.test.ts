import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberLineDiscountFen } from '@jiake/shared';
import { createCustomer, createRole, expectErrorBody } from '../factories.ts';
import { type Client, makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { paidOrder } from '../orders/fixtures.ts';
import { type CardOut, activeCard, cardStep, cardWorld, issueCard } from './cards-fixtures.ts';
import { enrol, ok } from './fixtures.ts';
import { setTiers, type TierOut } from './tiers.fixtures.ts';

/** The member price of a customer at the till: the tier's or the active card's discount, the larger one (LOY-5, LOY-6). */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-03-10T02:00:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

interface PricingOut {
  customerId: string;
  member: { id: string; number: string; status: string } | null;
  tier: { id: string; name: string; discountPercent: number } | null;
  card: { number: string; discountPercent: number } | null;
  discountPercent: number;
  source: 'tier' | 'card' | null;
}

const pricingUrl = (customerId: string) => `/api/v1/loyalty/customers/${customerId}/pricing`;
const pricing = async (c: Client, customerId: string): Promise<PricingOut> => ok(await c.get(pricingUrl(customerId)));
const setDiscount = async (c: Client, cardId: string, discountPercent: number | null): Promise<CardOut> => ok(await c.patch(`/api/v1/loyalty/cards/${cardId}`, { discountPercent }));

/** A card world whose tenant has the short tier table (普卡 0 %, 银卡 3 %, 金卡 5 %, 钻石卡 10 %), the member put in `code` by hand. */
async function tieredWorld(code: 'basic' | 'silver' | 'gold' | 'diamond') {
  const world = await cardWorld(t);
  const tiers = await setTiers(t, world.w.a.admin);
  const tier = tiers.find((x) => x.code === code) as TierOut;
  if (code !== 'basic') ok(await world.w.a.admin.post(`/api/v1/loyalty/members/${world.m.id}/tier`, { tierId: tier.id, reason: '测试定级' }));
  return { ...world, tier };
}

describe('the member price of a customer', () => {
  it('applies the discount of the tier a paid order moved the member into when the member has no card discount', async () => {
    const { w, m, manager } = await cardWorld(t);
    const tiers = await setTiers(t, w.a.admin);
    const before = await pricing(manager.client, w.customer.id);
    expect(before).toEqual({
      customerId: w.customer.id,
      member: { id: m.id, number: m.number, status: 'active' },
      tier: { id: tiers[0].id, name: '普卡会员', discountPercent: 0 },
      card: null,
      discountPercent: 0,
      source: null,
    });

    // 18,998 yuan paid: past 银卡 (10,000).
    await paidOrder(w.a.admin, w);
    await t.deps.jobs.drain(w.a.tenant.id);
    // An active card without a discount changes nothing.
    await activeCard(w.a.admin, m.id);
    const silver = tiers.find((x) => x.code === 'silver')!;
    expect(await pricing(manager.client, w.customer.id)).toEqual({
      ...before,
      tier: { id: silver.id, name: '银卡会员', discountPercent: 3 },
      discountPercent: 3,
      source: 'tier',
    });
  });

  it('applies an active card’s discount when it is larger than the tier’s, the tier’s when it is smaller, and the tier’s on a tie (they never stack)', async () => {
    const { w, m, manager, tier } = await tieredWorld('gold');
    const card = await activeCard(w.a.admin, m.id);

    await setDiscount(w.a.admin, card.id, 12);
    expect(await pricing(manager.client, w.customer.id)).toMatchObject({
      tier: { id: tier.id, name: '金卡会员', discountPercent: 5 },
      card: { number: card.number, discountPercent: 12 },
      discountPercent: 12,
      source: 'card',
    });

    await setDiscount(w.a.admin, card.id, 3);
    expect(await pricing(manager.client, w.customer.id)).toMatchObject({ tier: { discountPercent: 5 }, card: { number: card.number, discountPercent: 3 }, discountPercent: 5, source: 'tier' });

    await setDiscount(w.a.admin, card.id, 5);
    expect(await pricing(manager.client, w.customer.id)).toMatchObject({ tier: { discountPercent: 5 }, card: { discountPercent: 5 }, discountPercent: 5, source: 'tier' });
  });

  it('applies a card discount alone when the member’s tier gives none', async () => {
    const { w, m, tier } = await tieredWorld('basic');
    const card = await activeCard(w.a.admin, m.id);
    await setDiscount(w.a.admin, card.id, 8);
    expect(await pricing(w.a.admin, w.customer.id)).toMatchObject({ tier: { id: tier.id, discountPercent: 0 }, card: { number: card.number, discountPercent: 8 }, discountPercent: 8, source: 'card' });
  });

  it('ignores the discount of a card issued but not yet activated, and of a card reported lost', async () => {
    const { w, m } = await tieredWorld('silver');
    const issued = ok(await issueCard(w.a.admin, m.id), 201) as CardOut;
    await setDiscount(w.a.admin, issued.id, 20);
    expect(await pricing(w.a.admin, w.customer.id)).toMatchObject({ tier: { discountPercent: 3 }, card: null, discountPercent: 3, source: 'tier' });

    ok(await cardStep(w.a.admin, issued.id, 'activate'));
    expect(await pricing(w.a.admin, w.customer.id)).toMatchObject({ card: { number: issued.number, discountPercent: 20 }, discountPercent: 20, source: 'card' });

    ok(await cardStep(w.a.admin, issued.id, 'report-lost'));
    expect(await pricing(w.a.admin, w.customer.id)).toMatchObject({ card: null, discountPercent: 3, source: 'tier' });
  });

  it('gives no discount to a customer who is not a member', async () => {
    const { w } = await cardWorld(t);
    const walkIn = await createCustomer(w.a.admin, { name: '赵散客', storeId: w.store.id });
    expect(await pricing(w.a.admin, walkIn.id)).toEqual({ customerId: walkIn.id, member: null, tier: null, card: null, discountPercent: 0, source: null });
  });

  it('gives no discount to a member whose membership is not active, even with a tier and a card discount', async () => {
    const { w, m } = await tieredWorld('diamond');
    const card = await activeCard(w.a.admin, m.id);
    await setDiscount(w.a.admin, card.id, 15);
    expect((await pricing(w.a.admin, w.customer.id)).discountPercent).toBe(15);
    // No route freezes a membership yet (a merge cancels the merged-away customer's, whose customer then vanishes):
    // the state is set in the database.
    await t.deps.db.pool.query("UPDATE loyalty_members SET status = 'frozen' WHERE id = $1", [m.id]);
    expect(await pricing(w.a.admin, w.customer.id)).toEqual({
      customerId: w.customer.id,
      member: { id: m.id, number: m.number, status: 'frozen' },
      tier: null,
      card: null,
      discountPercent: 0,
      source: null,
    });
  });
});

describe('who may ask for a member price', () => {
  it('refuses a user without loyalty:view (403)', async () => {
    const { w } = await cardWorld(t);
    const role = await createRole(w.a.admin, { permissions: ['customers:view'], dataScope: 'tenant' });
    const { client } = await userIn(t, w.a.admin, w.a.code, w.store.id, role.name);
    expect((await client.get(`/api/v1/customers/${w.customer.id}`)).statusCode).toBe(200);
    expectErrorBody(await client.get(pricingUrl(w.customer.id)), 403, 'forbidden');
  });

  it('answers 404 to a store user for a member customer of a store they may not see', async () => {
    const { w, manager } = await cardWorld(t);
    const other = await createCustomer(w.a.admin, { name: '钱外店', storeId: (await makeStore(w.a.admin, w.region.id)).id });
    await enrol(w.a.admin, other.id);
    expect((await pricing(w.a.admin, other.id)).member).not.toBeNull();
    expectErrorBody(await manager.client.get(pricingUrl(other.id)), 404, 'not_found');
    expect((await pricing(manager.client, w.customer.id)).member).not.toBeNull();
  });

  it('answers 404 for a customer of another tenant and for an id that is no customer', async () => {
    const { w } = await cardWorld(t);
    const b = await newTenant(t, '乙品牌');
    expectErrorBody(await b.admin.get(pricingUrl(w.customer.id)), 404, 'not_found');
    expectErrorBody(await w.a.admin.get(pricingUrl('00000000-0000-4000-8000-000000000000')), 404, 'not_found');
  });

  it('refuses a customer id that is not a uuid (422 at params.customerId)', async () => {
    const { w } = await cardWorld(t);
    const body = expectErrorBody(await w.a.admin.get(pricingUrl('not-a-uuid')), 422, 'validation_failed');
    expect(body.issues?.map((i) => i.path)).toEqual(['params.customerId']);
  });
});

describe('the discount of a line at the member price (whole fen, half a fen up)', () => {
  it('rounds each line exactly', () => {
    expect(memberLineDiscountFen(1, 999, 5)).toBe(50); // 49.95
    expect(memberLineDiscountFen(3, 12_345, 2)).toBe(741); // 740.7
    expect(memberLineDiscountFen(1, 10, 5)).toBe(1); // 0.5 rounds up
    expect(memberLineDiscountFen(1, 9, 5)).toBe(0); // 0.45 rounds down
    expect(memberLineDiscountFen(2, 100, 0)).toBe(0);
    expect(memberLineDiscountFen(4, 2_500, 100)).toBe(10_000);
  });

  it('stays exact for a big line', () => {
    // 100,000 × 99,999,999 fen × 90 % = 8,999,999,910,000 fen, to the fen.
    expect(memberLineDiscountFen(100_000, 99_999_999, 90)).toBe(8_999_999_910_000);
    // 99,999,999 fen × 5 % = 4,999,999.95 fen: the half fen and more rounds up.
    expect(memberLineDiscountFen(1, 99_999_999, 5)).toBe(5_000_000);
  });
});
