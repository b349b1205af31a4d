import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectErrorBody, issuePaths } from '../factories.ts';
import { type Client, type TestApp, testApp } from '../helpers.ts';
import { newMember, ok, verify } from './fixtures.ts';
import { activeCard, auditActions, cardStep, type CardOut, cardWorld, fund, put, redeemCash } from './cards-fixtures.ts';

/**
 * A family sub card's monthly limits (LOY-6): points redeemed and stored value spent by the sub member per Shanghai
 * calendar month, net of cancels, enforced at the counter whether or not the card is presented.
 */

let t: TestApp;
const NOW = '2026-11-22T07:30:00.000Z';
beforeAll(async () => {
  t = await testApp();
  t.clock.set(NOW);
});
afterAll(async () => {
  await t.app.close();
});

/** A primary member with 5,000 points and a sub member whose sub card (active) carries the limits given. */
async function familyWithLimits(limits: Record<string, number | null>) {
  const { w, m, counter, manager } = await cardWorld(t);
  await fund(w.a.admin, m.id, 5_000);
  const { customer, member: sub } = await newMember(w, '李秀英');
  const out = ok(await manager.client.post(`/api/v1/loyalty/members/${m.id}/family`, { customerId: customer.id, ...limits }));
  const subCard = out.family.members.find((x: { role: string }) => x.role === 'sub').card as CardOut;
  ok(await cardStep(counter.client, subCard.id, 'activate'));
  return { w, m, counter, manager, sub, subCard };
}

const exceeded = (res: Awaited<ReturnType<Client['post']>>) => expectErrorBody(res, 409, 'conflict').params as Record<string, unknown>;

describe('points limits', () => {
  it('holds a sub member to their monthly points, card presented or not, and leaves the primary member free', async () => {
    const { w, m, counter, sub, subCard } = await familyWithLimits({ monthlyPointsLimit: 500 });
    ok(await redeemCash(counter.client, sub.id, 300), 201);
    expect(exceeded(await redeemCash(counter.client, sub.id, 300, subCard.number))).toEqual({
      reason: 'card_limit_exceeded', limit: 'points', monthly: 500, spent: 300, asked: 300, remaining: 200, number: subCard.number,
    });
    expect(exceeded(await redeemCash(counter.client, sub.id, 201)).remaining).toBe(200);
    ok(await redeemCash(counter.client, sub.id, 200, subCard.number), 201);
    ok(await redeemCash(counter.client, m.id, 3_000), 201);
    const f = ok(await counter.client.get(`/api/v1/loyalty/members/${m.id}/family`));
    expect(f.members.map((x: { role: string; spentThisMonth: { points: number } }) => [x.role, x.spentThisMonth.points])).toEqual([
      ['primary', 3_000],
      ['sub', 500],
    ]);
    expect(f.balance).toBe(1_500);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
  });

  it('frees what a cancelled redemption gave back, and starts again with the Shanghai calendar month', async () => {
    t.clock.set('2026-11-30T15:30:00.000Z'); // 23:30 on the last day of November in Shanghai
    const { counter, manager, sub } = await familyWithLimits({ monthlyPointsLimit: 500 });
    const first = ok(await redeemCash(counter.client, sub.id, 400), 201);
    exceeded(await redeemCash(counter.client, sub.id, 200));
    ok(await manager.client.post(`/api/v1/loyalty/redemptions/${first.id}/cancel`, { reason: '顾客改主意' }));
    const second = ok(await redeemCash(counter.client, sub.id, 450), 201);
    // 23:59:59 on 30 November in Shanghai is still November.
    t.clock.set('2026-11-30T15:59:59.000Z');
    expect(exceeded(await redeemCash(counter.client, sub.id, 100)).spent).toBe(450);
    // Midnight in Shanghai: December, a fresh limit; cancelling November's redemption then does not add to it.
    t.clock.set('2026-11-30T16:00:00.000Z');
    ok(await redeemCash(counter.client, sub.id, 500), 201);
    ok(await manager.client.post(`/api/v1/loyalty/redemptions/${second.id}/cancel`, {}));
    expect(exceeded(await redeemCash(counter.client, sub.id, 1)).spent).toBe(500);
    t.clock.set(NOW);
  });

  it('still binds a sub member whose card is lost (the card itself is refused)', async () => {
    const { counter, sub, subCard } = await familyWithLimits({ monthlyPointsLimit: 100 });
    ok(await cardStep(counter.client, subCard.id, 'report-lost'));
    expect(exceeded(await redeemCash(counter.client, sub.id, 50, subCard.number))).toMatchObject({ reason: 'card_not_usable', status: 'lost' });
    expect(exceeded(await redeemCash(counter.client, sub.id, 101))).toMatchObject({ reason: 'card_limit_exceeded', remaining: 100 });
  });
});

describe('stored value limits', () => {
  it('holds a sub member to their monthly stored value, net of cancelled spends', async () => {
    const { m, counter, manager, sub, subCard } = await familyWithLimits({ monthlyValueLimitFen: 20_000 });
    ok(await counter.client.post(`/api/v1/loyalty/members/${m.id}/stored-value/top-ups`, { amountFen: 100_000, method: 'wechat' }), 201);
    const spend = (memberId: string, amountFen: number, cardNumber?: string) =>
      counter.client.post(`/api/v1/loyalty/members/${memberId}/stored-value/spends`, { amountFen, ...(cardNumber ? { cardNumber } : {}) });
    const first = ok(await spend(sub.id, 15_000, subCard.number), 201);
    expect(exceeded(await spend(sub.id, 10_000))).toMatchObject({ reason: 'card_limit_exceeded', limit: 'value', monthly: 20_000, spent: 15_000, remaining: 5_000 });
    ok(await spend(m.id, 50_000), 201);
    ok(await manager.client.post(`/api/v1/loyalty/stored-value/spends/${first.entry.id}/cancel`, {}));
    ok(await spend(sub.id, 20_000, subCard.number), 201);
    const f = ok(await counter.client.get(`/api/v1/loyalty/members/${m.id}/family`));
    expect(f.members.map((x: { spentThisMonth: { valueFen: number } }) => x.spentThisMonth.valueFen)).toEqual([50_000, 20_000]);
  });
});

describe('setting limits', () => {
  it('changes a sub card’s limits (audited, recorded); a primary card has none (409); bad values are 422', async () => {
    const { w, m, counter, sub, subCard } = await familyWithLimits({ monthlyPointsLimit: 100 });
    const changed = ok(await put(t, counter.client, `/api/v1/loyalty/cards/${subCard.id}/limits`, { monthlyPointsLimit: 1_000, monthlyValueLimitFen: null })) as CardOut;
    expect(changed).toMatchObject({ monthlyPointsLimit: 1_000, monthlyValueLimitFen: null });
    expect(changed.events.at(-1)).toMatchObject({ action: 'limits_changed', meta: { from: { monthlyPointsLimit: 100, monthlyValueLimitFen: null }, to: { monthlyPointsLimit: 1_000, monthlyValueLimitFen: null } } });
    expect(await auditActions(t, w.a.tenant.id, subCard.id)).toContain('loyaltyCard.limitsChanged');
    ok(await redeemCash(counter.client, sub.id, 900), 201);

    const primary = await activeCard(counter.client, m.id);
    expect(exceeded(await put(t, counter.client, `/api/v1/loyalty/cards/${primary.id}/limits`, { monthlyPointsLimit: 1, monthlyValueLimitFen: null }))).toEqual({ reason: 'not_a_sub_card' });
    const bad = await put(t, counter.client, `/api/v1/loyalty/cards/${subCard.id}/limits`, { monthlyPointsLimit: -1, monthlyValueLimitFen: 1.5 });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.monthlyPointsLimit', 'body.monthlyValueLimitFen']);
    // A replacement carries the limits.
    const fresh = ok(await cardStep(w.a.admin, subCard.id, 'replace'), 201) as CardOut;
    expect(fresh).toMatchObject({ kind: 'sub', monthlyPointsLimit: 1_000 });
  });
});
