import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardNumberFor, cardNumberProblem, currentFormatProblem, luhnCheckDigit, mod11CheckDigit, normaliseCardNumber } from '@jiake/shared';
import { createCustomer, createRole, expectErrorBody, issuePaths } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, userIn } from '../helpers.ts';
import { enrol, memberOf, ok, setSettings, verify } from './fixtures.ts';
import { activeCard, auditActions, cardStep, type CardOut, cardWorld, fund, issueCard, lookupCard, redeemCash } from './cards-fixtures.ts';

/**
 * Member cards (LOY-6): numbers with a configurable check digit, issue → activate → lost / replaced / cancelled with
 * who, when and where; a replacement reaches the same balances (三卡合一); the counter finds a member by card anywhere
 * in the brand; permissions, scope, tenants, audit.
 */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  t.clock.set('2026-11-22T07:30:00.000Z');
});
afterAll(async () => {
  await t.app.close();
});

describe('card numbers and check digits', () => {
  it('computes Luhn check digits of the known vectors and catches a mistyped digit or a swap of neighbours', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
    expect(luhnCheckDigit('453914880343646')).toBe('7'); // 4539 1488 0343 6467
    expect(cardNumberProblem('luhn', '79927398713')).toBeNull();
    expect(cardNumberProblem('luhn', '79927398714')).toBe('check_digit');
    expect(cardNumberProblem('luhn', '79927398813')).toBe('check_digit'); // one digit changed
    expect(cardNumberProblem('luhn', '97927398713')).toBe('check_digit'); // neighbours swapped
    expect(cardNumberProblem('luhn', '7992739871X')).toBe('format');
  });

  it('computes ISO 7064 MOD 11-2 check digits as on the resident identity card (10 is X)', () => {
    expect(mod11CheckDigit('11010519491231002')).toBe('X');
    expect(mod11CheckDigit('44052418800101001')).toBe('4');
    expect(cardNumberProblem('mod11', normaliseCardNumber('110105 1949 1231 002x'))).toBeNull();
    expect(cardNumberProblem('mod11', '110105194912310021')).toBe('check_digit');
    expect(cardNumberProblem('none', '12345')).toBeNull();
    expect(cardNumberProblem('none', '1234X')).toBe('format');
  });

  it('builds prefix + zero-padded sequence + check digit, and knows when the sequence outgrew the digits', () => {
    expect(cardNumberFor({ prefix: '8800', digits: 10, checkDigit: 'luhn' }, 1)).toBe('880000000000013');
    expect(cardNumberFor({ prefix: '66', digits: 6, checkDigit: 'none' }, 42)).toBe('66000042');
    expect(cardNumberFor({ prefix: '', digits: 6, checkDigit: 'luhn' }, 1_000_000)).toBeNull();
    expect(currentFormatProblem({ prefix: '8800', digits: 10, checkDigit: 'luhn' }, '880000000000013')).toBeNull();
    expect(currentFormatProblem({ prefix: '8800', digits: 10, checkDigit: 'luhn' }, '990000000000017')).toBe('format');
    expect(currentFormatProblem({ prefix: '8800', digits: 10, checkDigit: 'luhn' }, '88000000000013')).toBe('format');
  });

  it('refuses a format longer than 20 characters (422 at body.cards.digits)', async () => {
    const { w } = await cardWorld(t);
    const res = await w.a.admin.patch('/api/v1/loyalty/settings', { cards: { prefix: '880000', digits: 16, checkDigit: 'luhn' } });
    expectErrorBody(res, 422, 'validation_failed');
    expect(issuePaths(res)).toEqual(['body.cards.digits']);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/settings')).cards).toEqual({ prefix: '8800', digits: 10, checkDigit: 'luhn', activateOnIssue: false });
  });
});

describe('issuing and activating', () => {
  it('issues a card of the programme’s format, recording who, when and where, audited; activation makes it usable', async () => {
    const { w, m, counter } = await cardWorld(t);
    const card = ok(await issueCard(counter.client, m.id, { note: '门店办卡' }), 201) as CardOut;
    expect(card).toMatchObject({ number: '880000000000013', memberId: m.id, memberNumber: m.number, accountId: m.accountId, kind: 'primary', status: 'issued', usable: false });
    expect(card.events).toEqual([
      expect.objectContaining({ action: 'issued', fromStatus: null, toStatus: 'issued', note: '门店办卡', at: '2026-11-22T07:30:00.000Z', byId: counter.user.id, storeId: w.store.id, storeName: w.store.name }),
    ]);
    t.clock.advance(60_000);
    const active = ok(await cardStep(counter.client, card.id, 'activate')) as CardOut;
    expect(active).toMatchObject({ status: 'active', usable: true });
    expect(active.events.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['issued', null, 'issued'],
      ['activated', 'issued', 'active'],
    ]);
    expect(active.events[1].at).toBe('2026-11-22T07:31:00.000Z');
    expect(await auditActions(t, w.a.tenant.id, card.id)).toEqual(['loyaltyCard.issued', 'loyaltyCard.activated']);
    // The next card of the tenant takes the next sequence value.
    const other = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '赵敏', storeId: w.store.id })).id);
    expect((ok(await issueCard(counter.client, other.id), 201) as CardOut).number).toBe(`88000000000002${luhnCheckDigit('88000000000002')}`);
    t.clock.set('2026-11-22T07:30:00.000Z');
  });

  it('allows one usable card per member (409 has_usable_card), also when two issues race', async () => {
    const { w, m, counter } = await cardWorld(t);
    const first = ok(await issueCard(counter.client, m.id), 201) as CardOut;
    expect(expectErrorBody(await issueCard(counter.client, m.id), 409, 'conflict').params).toMatchObject({ reason: 'has_usable_card', cardId: first.id, number: first.number });
    const c = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '并发办卡', storeId: w.store.id })).id);
    const results = await Promise.all([1, 2, 3, 4].map(() => issueCard(counter.client, c.id)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
  });

  it('activates at once when the programme says so, and numbers with MOD 11-2 when configured', async () => {
    const { w, m, counter } = await cardWorld(t);
    await setSettings(w.a.admin, { cards: { prefix: '66', digits: 8, checkDigit: 'mod11', activateOnIssue: true } });
    const card = ok(await issueCard(counter.client, m.id), 201) as CardOut;
    expect(card).toMatchObject({ number: `6600000001${mod11CheckDigit('6600000001')}`, status: 'active', usable: true });
    expect(card.events.map((e) => [e.action, e.toStatus])).toEqual([['issued', 'active']]);
  });

  it('takes a pre-printed number of the current format: 422 check_digit / card_format, 409 card_number_taken; generated numbers skip it', async () => {
    const { w, m, counter } = await cardWorld(t);
    for (const [number, code] of [
      ['880000000000014', 'check_digit'],
      ['990000000000017', 'card_format'],
      ['8800-0000-ABC', 'card_format'],
    ] as const) {
      const res = await issueCard(counter.client, m.id, { number });
      expectErrorBody(res, 422, 'validation_failed');
      expect(res.json().error.issues).toEqual([expect.objectContaining({ path: 'body.number', code })]);
    }
    // The first generated number, typed with spaces, is taken by a pre-printed card.
    const printed = ok(await issueCard(counter.client, m.id, { number: '8800 0000 0000 013' }), 201) as CardOut;
    expect(printed.number).toBe('880000000000013');
    const other = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '预制卡', storeId: w.store.id })).id);
    expect(expectErrorBody(await issueCard(counter.client, other.id, { number: '880000000000013' }), 409, 'conflict').params).toMatchObject({ reason: 'card_number_taken' });
    expect((ok(await issueCard(counter.client, other.id), 201) as CardOut).number).toBe(`88000000000002${luhnCheckDigit('88000000000002')}`);
  });

  it('answers 409 card_numbers_exhausted when the sequence outgrew the digits, and previews the next number', async () => {
    const { w, m, counter } = await cardWorld(t);
    await setSettings(w.a.admin, { cards: { prefix: '9', digits: 6, checkDigit: 'none' } });
    expect(ok(await w.a.admin.get('/api/v1/loyalty/cards/numbering'))).toEqual({ nextSequence: 1, nextNumber: '9000001' });
    await t.deps.db.pool.query("INSERT INTO counters (tenant_id, name, value) VALUES ($1, 'loyalty_card', 999998)", [w.a.tenant.id]);
    expect(ok(await w.a.admin.get('/api/v1/loyalty/cards/numbering'))).toEqual({ nextSequence: 999_999, nextNumber: '9999999' });
    expect((ok(await issueCard(counter.client, m.id), 201) as CardOut).number).toBe('9999999');
    const other = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '号段用尽', storeId: w.store.id })).id);
    expect(expectErrorBody(await issueCard(counter.client, other.id), 409, 'conflict').params).toMatchObject({ reason: 'card_numbers_exhausted' });
    expect(ok(await w.a.admin.get('/api/v1/loyalty/cards/numbering')).nextNumber).toBeNull();
  });
});

describe('report lost, replace, cancel', () => {
  it('refuses a lost card at the counter at once, while the member is still served without it', async () => {
    const { w, m, counter } = await cardWorld(t);
    await fund(w.a.admin, m.id, 1_000);
    const card = await activeCard(counter.client, m.id);
    ok(await redeemCash(counter.client, m.id, 100, card.number), 201);
    const lost = ok(await cardStep(counter.client, card.id, 'report-lost', { note: '顾客来电挂失' })) as CardOut;
    expect(lost).toMatchObject({ status: 'lost', usable: false });
    expect(expectErrorBody(await redeemCash(counter.client, m.id, 100, card.number), 409, 'conflict').params).toEqual({ reason: 'card_not_usable', status: 'lost', number: card.number });
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(900);
    // Identified another way (phone, member number), the member still redeems.
    ok(await redeemCash(counter.client, m.id, 100), 201);
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(800);
  });

  it('replaces a lost card: a new card for the same member and account, points and stored value intact, the old card refused', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    await fund(w.a.admin, m.id, 2_000);
    ok(await counter.client.post(`/api/v1/loyalty/members/${m.id}/stored-value/top-ups`, { amountFen: 30_000, method: 'cash' }), 201);
    const card = await activeCard(counter.client, m.id);
    ok(await cardStep(counter.client, card.id, 'report-lost'));
    ok(await w.a.admin.patch(`/api/v1/loyalty/cards/${card.id}`, { discountPercent: 5 }));
    t.clock.advance(60_000); // a minute later, so the member's cards list in a stable order
    const fresh = ok(await cardStep(manager.client, card.id, 'replace', { reason: '挂失补卡' }), 201) as CardOut;
    expect(fresh).toMatchObject({ memberId: m.id, accountId: m.accountId, kind: 'primary', status: 'issued', replacesCardId: card.id, discountPercent: 5 });
    expect(fresh.number).not.toBe(card.number);
    const old = ok(await w.a.admin.get(`/api/v1/loyalty/cards/${card.id}`)) as CardOut;
    expect(old).toMatchObject({ status: 'replaced', replacedByCardId: fresh.id, usable: false });
    expect(old.events.at(-1)).toMatchObject({ action: 'replaced', fromStatus: 'lost', toStatus: 'replaced', note: '挂失补卡', byId: manager.user.id });
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(2_000);
    expect(ok(await counter.client.get(`/api/v1/loyalty/members/${m.id}/stored-value`)).balance.balanceFen).toBe(30_000);

    ok(await cardStep(counter.client, fresh.id, 'activate'));
    ok(await redeemCash(counter.client, m.id, 500, fresh.number), 201);
    expect(expectErrorBody(await redeemCash(counter.client, m.id, 500, card.number), 409, 'conflict').params).toMatchObject({ reason: 'card_not_usable', status: 'replaced' });
    expect((await memberOf(w.a.admin, m.id)).balance).toBe(1_500);
    const list = ok(await counter.client.get(`/api/v1/loyalty/members/${m.id}/cards`)).items as CardOut[];
    expect(list.map((c) => [c.id, c.status])).toEqual([
      [fresh.id, 'active'],
      [card.id, 'replaced'],
    ]);
    expect(await auditActions(t, w.a.tenant.id, card.id)).toEqual(['loyaltyCard.issued', 'loyaltyCard.activated', 'loyaltyCard.reportedLost', 'loyaltyCard.discountChanged', 'loyaltyCard.replaced']);
    expect((await verify(w.a.admin)).mismatches).toEqual([]);
    t.clock.set('2026-11-22T07:30:00.000Z');
  });

  it('answers 409 card_status for a step the card’s status does not allow, and changes nothing', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const card = await activeCard(counter.client, m.id);
    const refused = async (step: 'activate' | 'report-lost' | 'replace' | 'cancel', status: string, action: string) => {
      const body = step === 'cancel' ? { reason: '测试' } : {};
      expect(expectErrorBody(await cardStep(manager.client, card.id, step, body), 409, 'conflict').params).toEqual({ reason: 'card_status', status, action });
    };
    await refused('activate', 'active', 'activate');
    ok(await cardStep(manager.client, card.id, 'cancel', { reason: '顾客注销' }));
    await refused('report-lost', 'cancelled', 'report_lost');
    await refused('replace', 'cancelled', 'replace');
    await refused('cancel', 'cancelled', 'cancel');
    expect(expectErrorBody(await w.a.admin.patch(`/api/v1/loyalty/cards/${card.id}`, { discountPercent: 10 }), 409, 'conflict').params).toMatchObject({ reason: 'card_status' });
    const after = ok(await w.a.admin.get(`/api/v1/loyalty/cards/${card.id}`)) as CardOut;
    expect(after.status).toBe('cancelled');
    expect(after.events.map((e) => e.action)).toEqual(['issued', 'activated', 'cancelled']);
    // A cancelled card frees the member for a new one.
    expect((ok(await issueCard(counter.client, m.id), 201) as CardOut).status).toBe('issued');
  });

  it('answers 422 with field paths for bad input', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const card = await activeCard(counter.client, m.id);
    for (const [res, path] of [
      [await cardStep(manager.client, card.id, 'cancel', {}), 'body.reason'],
      [await cardStep(manager.client, card.id, 'cancel', { reason: '   ' }), 'body.reason'],
      [await w.a.admin.patch(`/api/v1/loyalty/cards/${card.id}`, { discountPercent: 100 }), 'body.discountPercent'],
      [await issueCard(counter.client, m.id, { number: '' }), 'body.number'],
      [await redeemCash(counter.client, m.id, 100, '880000000000099'), 'body.cardNumber'],
    ] as const) {
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual([path]);
    }
  });
});

describe('the counter: lookup and use by card, anywhere in the brand', () => {
  it('finds the member of a card from another store (name masked), says whether the card is usable, and its successor', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const elsewhere = await makeStore(w.a.admin, w.region.id, 'franchise');
    const far = await userIn(t, w.a.admin, w.a.code, elsewhere.id, '导购');
    await fund(w.a.admin, m.id, 300);
    const card = await activeCard(counter.client, m.id);
    const hit = ok(await lookupCard(far.client, card.number.replace(/(\d{4})/g, '$1 '))).items;
    expect(hit).toEqual([
      expect.objectContaining({ memberId: m.id, name: '王**', balance: 300, card: { number: card.number, kind: 'primary', status: 'active', usable: true, discountPercent: null, replacedByNumber: null } }),
    ]);
    // The other lookups answer the member's usable card.
    expect(ok(await far.client.get('/api/v1/loyalty/members/lookup?phone=13800138000')).items[0].card).toMatchObject({ number: card.number, usable: true });

    ok(await cardStep(counter.client, card.id, 'report-lost'));
    expect(ok(await lookupCard(far.client, card.number)).items[0].card).toMatchObject({ status: 'lost', usable: false });
    expect(ok(await far.client.get(`/api/v1/loyalty/members/lookup?number=${m.number}`)).items[0].card).toBeNull();
    const fresh = ok(await cardStep(manager.client, card.id, 'replace'), 201) as CardOut;
    expect(ok(await lookupCard(far.client, card.number)).items[0].card).toMatchObject({ status: 'replaced', usable: false, replacedByNumber: fresh.number });
    // Redeemed at the far store with the new card once active.
    ok(await cardStep(counter.client, fresh.id, 'activate'));
    ok(await redeemCash(far.client, m.id, 100, fresh.number), 201);
  });

  it('answers 422 check_digit for a mistyped card number, nothing for an unknown one, and refuses another member’s card', async () => {
    const { w, m, counter } = await cardWorld(t);
    const card = await activeCard(counter.client, m.id);
    const typo = `${card.number.slice(0, -2)}${(Number(card.number.at(-2)) + 1) % 10}${card.number.at(-1)}`;
    const res = await lookupCard(counter.client, typo);
    expectErrorBody(res, 422, 'validation_failed');
    expect(res.json().error.issues).toEqual([expect.objectContaining({ path: 'query.card', code: 'check_digit' })]);
    expect(ok(await lookupCard(counter.client, cardNumberFor({ prefix: '8800', digits: 10, checkDigit: 'luhn' }, 777)!)).items).toEqual([]);
    expect(issuePaths(await counter.client.get('/api/v1/loyalty/members/lookup?card=1&phone=13800138000'))).toEqual(['query.phone']);

    const other = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '别人', storeId: w.store.id })).id);
    await fund(w.a.admin, other.id, 500);
    const wrong = await redeemCash(counter.client, other.id, 100, card.number);
    expect(wrong.json().error.issues).toEqual([expect.objectContaining({ path: 'body.cardNumber', code: 'other_member' })]);
  });
});

describe('permissions, scope and tenants', () => {
  it('lets the counter (导购) issue, activate and report lost, and keeps replace, cancel and discounts for loyalty:adjust (403)', async () => {
    const { w, m, counter, manager } = await cardWorld(t);
    const card = await activeCard(counter.client, m.id);
    expectErrorBody(await cardStep(counter.client, card.id, 'replace'), 403, 'forbidden');
    expectErrorBody(await cardStep(counter.client, card.id, 'cancel', { reason: '无权' }), 403, 'forbidden');
    expectErrorBody(await counter.client.patch(`/api/v1/loyalty/cards/${card.id}`, { discountPercent: 5 }), 403, 'forbidden');
    expectErrorBody(await counter.client.get('/api/v1/loyalty/cards/numbering'), 403, 'forbidden');
    ok(await manager.client.patch(`/api/v1/loyalty/cards/${card.id}`, { discountPercent: 12 }));
    const viewer = await createRole(w.a.admin, { permissions: ['customers:view', 'loyalty:view'], dataScope: 'tenant' });
    const reader = await userIn(t, w.a.admin, w.a.code, w.store.id, viewer.name);
    expect((ok(await reader.client.get(`/api/v1/loyalty/cards/${card.id}`)) as CardOut).discountPercent).toBe(12);
    expectErrorBody(await issueCard(reader.client, m.id), 403, 'forbidden');
    expectErrorBody(await cardStep(reader.client, card.id, 'report-lost'), 403, 'forbidden');
  });

  it('shows a store the cards of its own members only (404 for the others), the managers above see all', async () => {
    const { w, m, counter } = await cardWorld(t);
    const other = await makeStore(w.a.admin, w.region.id);
    const theirs = await enrol(w.a.admin, (await createCustomer(w.a.admin, { name: '外店会员', storeId: other.id })).id);
    const mine = await activeCard(counter.client, m.id);
    const foreign = await activeCard(w.a.admin, theirs.id);
    expect((await counter.client.get(`/api/v1/loyalty/cards/${foreign.id}`)).statusCode).toBe(404);
    expect((await counter.client.get(`/api/v1/loyalty/members/${theirs.id}/cards`)).statusCode).toBe(404);
    expectErrorBody(await cardStep(counter.client, foreign.id, 'report-lost'), 404, 'not_found');
    expect((ok(await w.a.admin.get(`/api/v1/loyalty/cards/${foreign.id}`)) as CardOut).status).toBe('active');
    const regional = await userIn(t, w.a.admin, w.a.code, w.region.id, '区域经理');
    expect(ok(await regional.client.get(`/api/v1/loyalty/cards/${mine.id}`)).id).toBe(mine.id);
    expect(ok(await regional.client.get(`/api/v1/loyalty/cards/${foreign.id}`)).id).toBe(foreign.id);
    // The audit trail of a store shows its own members' cards only.
    const auditor = await createRole(w.a.admin, { permissions: ['audit:view', 'loyalty:view'], dataScope: 'unit' });
    const storeAuditor = await userIn(t, w.a.admin, w.a.code, w.store.id, auditor.name);
    const audit = ok(await storeAuditor.client.get('/api/v1/audit?entityType=loyaltyCard&limit=50'));
    expect(new Set(audit.items.map((a: { entityId: string }) => a.entityId))).toEqual(new Set([mine.id]));
  });

  it('keeps tenants apart (404)', async () => {
    const { m, counter } = await cardWorld(t);
    const card = await activeCard(counter.client, m.id);
    const b = await newTenant(t);
    expect((await b.admin.get(`/api/v1/loyalty/cards/${card.id}`)).statusCode).toBe(404);
    expect((await cardStep(b.admin, card.id, 'report-lost')).statusCode).toBe(404);
    expect((await issueCard(b.admin, m.id)).statusCode).toBe(404);
    expect(ok(await lookupCard(b.admin, card.number)).items).toEqual([]);
  });
});
