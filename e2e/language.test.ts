import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, launch, login, newPage } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('language', () => {
  it('opens in Simplified Chinese and switches to English, remembered on the account', async () => {
    const page = await newPage(browser);
    await login(page, 'demo', 'gzth_sales1');
    await page.goto(`${baseUrl()}/customers`);
    const menu = page.locator('.ant-menu');
    await menu.getByText('客户列表').waitFor();
    await page.getByTestId('language-switch').getByText('EN').click();
    await menu.getByText('Customers', { exact: false }).first().waitFor();
    expect(await menu.getByText('客户列表').count()).toBe(0);
    // A new browser session of the same user opens in English.
    const again = await newPage(browser);
    await login(again, 'demo', 'gzth_sales1');
    await again.goto(`${baseUrl()}/customers`);
    await again.locator('.ant-menu').getByText('Customers', { exact: false }).first().waitFor();
    // Back to Chinese for everyone else using this demo account.
    await again.getByTestId('language-switch').getByText('中文').click();
    await again.locator('.ant-menu').getByText('客户列表').waitFor();
    await page.context().close();
    await again.context().close();
  });
});
