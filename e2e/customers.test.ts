import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { namePinyin } from '../apps/server/src/modules/customers/customers.search.ts';
import { baseUrl, launch, login, newPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function searchFor(page: Page, q: string) {
  const box = page.getByTestId('customer-search');
  await box.fill(q);
  await box.press('Enter');
}

describe('customers in the browser (zh-CN)', () => {
  it('logs in, creates a customer and finds it by pinyin initials', async () => {
    const page = await newPage(browser);
    await login(page, 'demo', 'admin');
    await page.goto(`${baseUrl()}/customers`);
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row').first().waitFor();
    await page.getByTestId('customer-create').click();
    const name = '浏览器欧阳菁菁';
    const form = page.getByTestId('customer-form');
    await form.locator('#name').fill(name);
    await page.getByTestId('phones-0').fill('139 0000 7788');
    await page.getByTestId('customer-submit').click();
    await page.getByText('客户已创建').first().waitFor();
    await page.goto(`${baseUrl()}/customers`);
    await searchFor(page, namePinyin(name).initials);
    const row = page.getByTestId('customer-table').locator('tbody tr.ant-table-row', { hasText: name });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    // The phone is found by its last digits in another format, too.
    await searchFor(page, '7788');
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row', { hasText: name }).first().waitFor();
    await page.context().close();
  });

  it('imports a file with one bad row and shows the row-by-row report', async () => {
    const page = await newPage(browser);
    await login(page, 'demo', 'shxh_mgr');
    await page.goto(`${baseUrl()}/customers/import`);
    const csv = '\ufeff姓名,手机,标签\n导入甲,13900001111,老客户\n导入乙,12345,新房装修\n导入丙,+86 139-0000-3333,\n';
    await page.getByTestId('import-upload').locator('input[type=file]').setInputFiles({ name: '客户导入.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-mapping').waitFor();
    await page.getByTestId('import-dry-run').click();
    const stat = (title: string) =>
      page.locator('.ant-statistic').filter({ has: page.locator('.ant-statistic-title', { hasText: new RegExp(`^${title}$`) }) }).locator('.ant-statistic-content-value');
    const report = page.getByTestId('import-report');
    await report.waitFor();
    // The dry run names the bad row and its reason, and would create the two good ones.
    await expect.poll(() => report.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await report.locator('tbody tr.ant-table-row').innerText()).toMatch(/12345/);
    expect(await stat('可新建').innerText()).toBe('2');
    await page.getByTestId('import-run').click();
    await expect.poll(async () => (await stat('新建').count()) && stat('新建').innerText(), { timeout: 20_000 }).toBe('2');
    // Two customers arrived, the bad row did not.
    await page.goto(`${baseUrl()}/customers`);
    await searchFor(page, '导入');
    await page.getByTestId('customer-table').locator('tbody tr.ant-table-row', { hasText: '导入丙' }).first().waitFor();
    expect(await page.getByTestId('customer-table').locator('tbody tr.ant-table-row', { hasText: '导入乙' }).count()).toBe(0);
    await page.context().close();
  });

  it('does not let a store user open a customer of another store', async () => {
    const page = await newPage(browser);
    // Find a customer of the Hangzhou franchise store as the administrator.
    const api = page.context().request;
    expect((await api.post(`${baseUrl()}/api/v1/auth/login`, { data: { tenant: 'demo', username: 'admin', password: 'demo1234' } })).status()).toBe(200);
    const units = (await (await api.get(`${baseUrl()}/api/v1/org/units`)).json()).items as { id: string; code: string }[];
    const hz = units.find((u) => u.code === 'HZ-XH')!;
    const other = (await (await api.get(`${baseUrl()}/api/v1/customers?storeId=${hz.id}&limit=1`)).json()).items[0];
    await api.post(`${baseUrl()}/api/v1/auth/logout`);

    await login(page, 'demo', 'shxh_mgr');
    const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/customers/${other.id}`));
    await page.goto(`${baseUrl()}/customers/${other.id}`);
    expect((await answered).status()).toBe(404);
    await page.getByText(/不存在|无权|找不到/).first().waitFor();
    expect(await page.getByTestId('customer-name').count()).toBe(0);
    await page.context().close();
  });
});
