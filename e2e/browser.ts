import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
export async function launch(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('Debian chromium is not installed (apt-get install -y chromium)');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const baseUrl = () => inject('baseUrl');

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** Log in through the login form, as a person would. */
export async function login(page: Page, tenant: string, username: string, password = 'demo1234') {
  await page.goto(`${baseUrl()}/login`);
  await page.locator('#tenant').fill(tenant);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** Setup a person would do elsewhere (an order at the till, a payment), through the API with the page's session. */
export async function api<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await page.request.fetch(`${baseUrl()}/api/v1${path}`, { method, data: body });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
