import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
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
  // E2E_CPU_SLOWDOWN=4 runs the page four times slower, as on a busy CI machine: races a fast machine hides show up.
  const slowdown = Number(process.env.E2E_CPU_SLOWDOWN ?? 1);
  if (slowdown > 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  const jitter = Number(process.env.E2E_API_JITTER ?? 0);
  if (jitter > 0) await page.route('**/api/v1/**', async (route) => { await new Promise((r) => setTimeout(r, Math.random() * jitter)); await route.continue(); });
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
    if (seen.length > 60) seen.shift();
  };
  // Every API call with its outcome and time, so a journey that waited in vain shows whether the call was made at all.
  page.on('requestfinished', (req) => {
    if (!req.url().includes('/api/')) return;
    void req.response().then(async (res) => {
      const ms = Math.round(req.timing().responseEnd);
      const status = res?.status() ?? 0;
      const body = status >= 400 ? ` ${(await res?.text().catch(() => ''))?.slice(0, 300) ?? ''}` : '';
      note(`${status} ${req.method()} ${new URL(req.url()).pathname} (${ms} ms)${body}`);
    });
  });
  page.on('requestfailed', (req) => note(`failed ${req.method()} ${req.url()}: ${req.failure()?.errorText ?? ''}`));
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
    await reportDatabase();
  });
}

let databaseReportedAt = 0;

/** The server's database sessions at a failure (once per failure, not per page): a request waiting on a lock shows. */
async function reportDatabase() {
  if (Date.now() - databaseReportedAt < 5_000) return;
  databaseReportedAt = Date.now();
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  try {
    await client.connect();
    const { rows } = await client.query<{ line: string }>(
      `SELECT format('pid %s %s%s, in transaction %s, blocked by %s: %s', pid, state, coalesce(' waiting on ' || wait_event_type || '/' || wait_event, ''),
                     coalesce(date_trunc('millisecond', now() - xact_start)::text, '-'), pg_blocking_pids(pid)::text, left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 160)) AS line
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' ORDER BY xact_start NULLS LAST`,
    );
    console.error(['database sessions at the failure:', ...rows.map((r) => r.line)].join('\n  '));
  } catch (err) {
    console.error('database sessions at the failure: not read', err);
  } finally {
    await client.end().catch(() => undefined);
  }
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
export async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const res = await page.request.fetch(`${baseUrl()}/api/v1${path}`, { method, data: body });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}
