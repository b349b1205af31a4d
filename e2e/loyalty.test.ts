import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { memberLineDiscountFen } from '@jiake/shared';
import { api, baseUrl, launch, login, newPage } from './browser.ts';

/**
 * Issue 5's journey: the programme administrator adds a gift to the catalogue; a salesperson of store A (上海徐汇直营店)
 * enrols a customer as a member; the customer's order is paid and the points arrive on the member's statement; at
 * store B (杭州西湖加盟店) the counter finds the member by phone (name masked: not B's customer), redeems the gift and
 * sees the balance drop — once, however often the button is clicked; store A's statement shows the redemption.
 * Then store A's manager issues the member a card and reports it lost: store B's counter refuses it at once; the card is
 * replaced and the points and stored value are intact, and the new card works at store B. Given a discount, the new
 * card's member price fills the discounts of the member's next order.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const digits = (s: string) => Number(s.replace(/[^\d-]/g, ''));

const STORE_A = 'shxh_sales1';
const STORE_B = 'hzxh_sales1';
/** Replacing a card is a correction (loyalty:adjust): the store manager's. */
const STORE_A_MANAGER = 'shxh_mgr';
const suffix = String(Date.now()).slice(-8);
const customerName = `龚${'一二三四五六七八九十'[Number(suffix[7])]}${'春夏秋冬'[Number(suffix[6]) % 4]}`;
const phone = `137${suffix}`;
const giftName = `旅行收纳套装${suffix.slice(-4)}`;
const giftPrice = 100;
const giftStock = 5;

describe('loyalty in the browser', () => {
  let memberId = '';
  let customerId = '';
  let earned = 0;

  it('adds a gift to the catalogue as the programme administrator', async () => {
    const admin = await newPage(browser);
    await login(admin, 'demo', 'admin');
    await admin.goto(`${baseUrl()}/loyalty/gifts`);
    await admin.getByTestId('gift-add').click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByTestId('gift-name').fill(giftName);
    await dialog.getByTestId('gift-points-price').fill(String(giftPrice));
    await dialog.getByTestId('gift-stock').fill(String(giftStock));
    await dialog.getByTestId('gift-description').fill('旅行收纳袋四件套');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = admin.getByTestId('gift-row').filter({ hasText: giftName });
    await row.waitFor();
    expect(await row.getByTestId('gift-row-stock').innerText()).toBe(String(giftStock));
    expect(await row.getByTestId('gift-row-active').innerText()).toBe('上架');
    await admin.context().close();
  });

  it('enrols a customer at store A, pays an order and sees the points arrive on the statement', async () => {
    const a = await newPage(browser);
    await login(a, 'demo', STORE_A);
    // The customer walked into store A (created as a salesperson would on the customer page).
    const customer = await api<{ id: string }>(a, 'POST', '/customers', { kind: 'person', name: customerName, phones: [phone] });
    customerId = customer.id;

    // Enrolment on the member list: the customer is found by phone, the join store defaults to the customer's.
    await a.goto(`${baseUrl()}/loyalty/members`);
    await a.getByTestId('member-enrol').click();
    const dialog = a.getByRole('dialog');
    await dialog.getByTestId('enrol-customer').click();
    await a.keyboard.type(phone.slice(-8));
    await a.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: customerName }).first().click();
    await dialog.getByTestId('enrol-consent-sms').click();
    await dialog.getByRole('button', { name: /办理入会/ }).click();
    await a.waitForURL(/\/loyalty\/members\/[0-9a-f-]{36}$/);
    memberId = a.url().split('/').pop()!;
    expect(digits(await a.getByTestId('member-balance').innerText())).toBe(0);

    // The order at store A's till (setup through the API): one product, confirmed and paid in full.
    const { items: products } = await api<{ items: { id: string }[] }>(a, 'GET', '/catalogue/products?status=active&limit=1');
    const order = await api<{ id: string }>(a, 'POST', '/orders', { customerId: customer.id, lines: [{ productId: products[0].id, quantity: 1 }] });
    const confirmed = await api<{ balanceFen: number; totalFen: number }>(a, 'POST', `/orders/${order.id}/confirm`);
    const paid = await api<{ status: string }>(a, 'POST', `/orders/${order.id}/payments`, { kind: 'payment', method: 'wechat', amountFen: confirmed.balanceFen });
    expect(paid.status).toBe('paid');
    const settings = await api<{ earn: { base: { points: number; yuan: number }; byStoreKind: { direct?: { points: number; yuan: number } } } }>(a, 'GET', '/loyalty/settings');
    const rate = settings.earn.byStoreKind.direct ?? settings.earn.base;
    const atLeast = Math.floor((confirmed.totalFen * rate.points) / (rate.yuan * 100));
    expect(atLeast, 'the order earns enough for the gift').toBeGreaterThanOrEqual(giftPrice);

    // order.paid reaches loyalty through the outbox: seconds on a quiet server, longer while the worker still delivers
    // the demo's own events right after start-up. Then the statement shows the earned points.
    await expect
      .poll(async () => (await api<{ balance: number }>(a, 'GET', `/loyalty/members/${memberId}`)).balance, { timeout: 180_000, interval: 2_000 })
      .toBeGreaterThan(0);
    await a.reload();
    const earnRow = a.getByTestId('entry-table').locator('tbody tr.ant-table-row', { hasText: '消费积分' });
    await earnRow.first().waitFor();
    expect(await earnRow.count()).toBe(1);
    earned = digits(await earnRow.getByTestId('entry-points').innerText());
    expect(earned).toBeGreaterThanOrEqual(atLeast);
    expect(digits(await a.getByTestId('member-balance').innerText())).toBe(earned);
    await a.context().close();
  }, 240_000);

  it('redeems the gift at store B’s counter, found by phone; a double click redeems once and the balance drops', async () => {
    expect(memberId, 'enrolled in the step before').not.toBe('');
    const b = await newPage(browser);
    await login(b, 'demo', STORE_B);
    await b.goto(`${baseUrl()}/loyalty/counter`);
    const search = b.getByTestId('counter-search').locator('input');
    await search.fill(phone);
    await search.press('Enter');

    // One member found, chosen at once; store B may not see A's customer, so the name is masked.
    const hit = b.getByTestId('counter-hit');
    await hit.first().waitFor();
    expect(await hit.count()).toBe(1);
    expect(await hit.getByTestId('counter-hit-name').innerText()).toBe(`${customerName[0]}**`);
    await b.getByTestId('counter-member').waitFor();
    expect(digits(await b.getByTestId('counter-balance').innerText())).toBe(earned);

    // The redeem dialog: the gift at its price, the balance after it, then 确认兑换 clicked twice.
    await b.getByTestId('counter-redeem-open').click();
    const dialog = b.getByRole('dialog');
    await dialog.getByTestId('redeem-gift-row').filter({ hasText: giftName }).click();
    await expect.poll(async () => digits(await dialog.getByTestId('redeem-cost').innerText())).toBe(giftPrice);
    expect(digits(await dialog.getByTestId('redeem-balance-after').innerText())).toBe(earned - giftPrice);
    await dialog.getByRole('button', { name: '确认兑换' }).dblclick();
    await dialog.waitFor({ state: 'hidden' });

    // The receipt and the balance: the points went once.
    const receipt = b.getByTestId('counter-receipt');
    await receipt.waitFor();
    expect(digits(await receipt.getByTestId('counter-receipt-points').innerText())).toBe(giftPrice);
    expect(digits(await receipt.getByTestId('counter-receipt-balance').innerText())).toBe(earned - giftPrice);
    await expect.poll(async () => digits(await b.getByTestId('counter-balance').innerText())).toBe(earned - giftPrice);
    const rows = b.getByTestId('counter-redemptions').getByTestId('redemption-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().innerText()).toContain(giftName);
    await b.waitForTimeout(1_000);
    expect(await rows.count(), 'a double click redeems once').toBe(1);
    await b.context().close();
  });

  it('shows the redemption at store B on store A’s statement and the stock one lower in the catalogue', async () => {
    const a = await newPage(browser);
    await login(a, 'demo', STORE_A);
    await a.goto(`${baseUrl()}/loyalty/members/${memberId}`);
    await a.getByTestId('member-statement').waitFor();
    const redeemRow = a.getByTestId('entry-table').locator('tbody tr.ant-table-row', { hasText: '积分兑换' });
    await redeemRow.first().waitFor();
    expect(await redeemRow.count()).toBe(1);
    expect(digits(await redeemRow.getByTestId('entry-points').innerText())).toBe(-giftPrice);
    expect(digits(await a.getByTestId('member-balance').innerText())).toBe(earned - giftPrice);
    await a.context().close();

    const admin = await newPage(browser);
    await login(admin, 'demo', 'admin');
    await admin.goto(`${baseUrl()}/loyalty/gifts`);
    const row = admin.getByTestId('gift-row').filter({ hasText: giftName });
    await row.waitFor();
    expect(await row.getByTestId('gift-row-stock').innerText()).toBe(String(giftStock - 1));
    await admin.context().close();
  });

  it('issues a card at store A, reports it lost (the counter refuses it at once), replaces it; points and stored value stay intact', async () => {
    expect(memberId, 'enrolled in an earlier step').not.toBe('');
    const a = await newPage(browser);
    await login(a, 'demo', STORE_A_MANAGER);
    // Stored value topped up at the till (setup through the API), so the replacement can be seen to keep it.
    await api(a, 'POST', `/loyalty/members/${memberId}/stored-value/top-ups`, { amountFen: 100_000, method: 'wechat' });
    await a.goto(`${baseUrl()}/loyalty/members/${memberId}`);
    const points = earned - giftPrice;
    expect(digits(await a.getByTestId('member-balance').innerText())).toBe(points);

    // 办卡 then 激活: the member's card, with its generated number.
    await a.getByTestId('member-card-issue').click();
    const issue = a.getByRole('dialog');
    await issue.getByRole('button', { name: '办卡' }).click();
    await issue.waitFor({ state: 'hidden' });
    await a.getByTestId('card-row-issued').getByTestId('card-activate').click();
    const active = a.getByTestId('card-row-active');
    await active.waitFor();
    const oldNumber = (await active.getByTestId('card-number').innerText()).trim();

    // 挂失: blocked at once; the counter of another store finds the member by the card and refuses to redeem with it.
    await active.getByTestId('card-report-lost').click();
    await a.getByTestId('card-report-lost-ok').click();
    await a.getByTestId('card-row-lost').waitFor();
    const b = await newPage(browser);
    await login(b, 'demo', STORE_B);
    await b.goto(`${baseUrl()}/loyalty/counter`);
    const search = b.getByTestId('counter-search').locator('input');
    await search.fill(oldNumber);
    await search.press('Enter');
    await b.getByTestId('counter-member').waitFor();
    await b.getByTestId('counter-card-refused').waitFor();
    expect(await b.getByTestId('counter-redeem-open').isDisabled()).toBe(true);

    // 补卡 then 激活 the new card: the points and the stored value are the account's, so both are intact.
    await a.getByTestId('card-row-lost').getByTestId('card-replace').click();
    const replace = a.getByRole('dialog');
    await replace.getByTestId('card-replace-reason').fill('顾客钱包遗失');
    await replace.getByRole('button', { name: /保\s*存/ }).click();
    await replace.waitFor({ state: 'hidden' });
    await a.getByTestId('card-row-replaced').waitFor();
    await a.getByTestId('card-row-issued').getByTestId('card-activate').click();
    const fresh = a.getByTestId('card-row-active');
    await fresh.waitFor();
    const newNumber = (await fresh.getByTestId('card-number').innerText()).trim();
    expect(newNumber).not.toBe(oldNumber);
    await a.reload();
    expect(digits(await a.getByTestId('member-balance').innerText())).toBe(points);
    await expect.poll(async () => a.getByTestId('value-balance').innerText()).toContain('1,000.00');

    // At store B the new card finds the member with the same balance and may redeem again.
    await search.fill(newNumber);
    await search.press('Enter');
    await expect.poll(async () => (await b.getByTestId('counter-member-number').innerText()).length).toBeGreaterThan(0);
    await expect.poll(async () => b.getByTestId('counter-card-refused').count()).toBe(0);
    expect(digits(await b.getByTestId('counter-balance').innerText())).toBe(points);
    expect(await b.getByTestId('counter-redeem-open').isDisabled()).toBe(false);
    await a.context().close();
    await b.context().close();
  });

  it('fills a new order’s line discounts at the member price of the discount card (larger than the tier’s)', async () => {
    expect(customerId, 'enrolled in an earlier step').not.toBe('');
    const a = await newPage(browser);
    await login(a, 'demo', STORE_A_MANAGER);
    // 打折卡: the manager gives the member's active card 12 % off (setup through the API, as on the card panel).
    const { items: cards } = await api<{ items: { id: string; status: string }[] }>(a, 'GET', `/loyalty/members/${memberId}/cards`);
    const card = cards.find((c) => c.status === 'active');
    expect(card, 'the replacement card is active').toBeDefined();
    await api(a, 'PATCH', `/loyalty/cards/${card!.id}`, { discountPercent: 12 });
    // A draft order of two pieces, priced from the catalogue, without a discount yet.
    const { items: products } = await api<{ items: { id: string }[] }>(a, 'GET', '/catalogue/products?status=active&limit=1');
    const draft = await api<{ id: string; lines: { quantity: number; unitPriceFen: number }[] }>(a, 'POST', '/orders', { customerId, lines: [{ productId: products[0].id, quantity: 2 }] });
    await a.goto(`${baseUrl()}/orders/${draft.id}/edit`);
    await expect.poll(() => a.getByTestId('member-pricing-summary').innerText()).toContain('8.8 折');
    await a.getByTestId('member-pricing-apply').click();
    const line = draft.lines[0];
    const discount = memberLineDiscountFen(line.quantity, line.unitPriceFen, 12);
    const yuan = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(discount / 100);
    await expect.poll(() => a.getByTestId('order-form-total').innerText()).toContain(`¥${yuan}`);
    await a.getByTestId('order-save').click();
    await a.waitForURL(new RegExp(`/orders/${draft.id}$`));
    const saved = await api<{ discountFen: number; totalFen: number; listFen: number }>(a, 'GET', `/orders/${draft.id}`);
    expect(saved.discountFen).toBe(discount);
    expect(saved.totalFen).toBe(saved.listFen - discount);
    await a.context().close();
  });
});
