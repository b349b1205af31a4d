import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject, onTestFailed } from 'vitest';

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
  reportOnFailure(page);
  return page;
}

/**
 * When the test fails, print what the page saw: refused API calls, console errors and the messages on screen. A
 * journey that fails once in CI then says why in the log, where no screenshot can be looked at.
 */
function reportOnFailure(page: Page) {
  const seen: string[] = [];
  const note = (line: string) => {
    seen.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (seen.length > 30) seen.shift();
  };
  page.on('response', (res) => {
    if (res.status() >= 400) void res.text().then((body) => note(`${res.status()} ${res.request().method()} ${res.url()} ${body.slice(0, 300)}`), () => note(`${res.status()} ${res.url()}`));
  });
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  onTestFailed(async () => {
    if (page.isClosed()) return;
    const onScreen = await page
      .locator('.ant-message-notice, .ant-notification-notice, .ant-form-item-explain-error, .ant-alert')
      .allInnerTexts()
      .catch(() => []);
    const shot = path.join(os.tmpdir(), `jiake-e2e-failure-${Date.now()}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    console.error([`page ${page.url()} at the failure (screenshot ${shot}):`, ...seen, ...onScreen.map((t) => `on screen: ${t}`)].join('\n  '));
  });
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
