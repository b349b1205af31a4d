import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, launch, login, newPage } from './browser.ts';

/**
 * Issue 4's journey: an order is paid and its after-sales steps appear; a customer files a complaint on the public
 * self-service page (verified by an SMS code), the complaint breaches its SLA and escalates, staff resolve it, and the
 * customer confirms it with a rating. The SLA is set to one business minute around the clock, so the real clock and
 * the real cron (every minute) do the breaching.
 */

let browser: Browser;
const db = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await db.end();
});

/** Call the API with the page's session (setup a person would do on a settings page). */
async function api<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const res = await page.request.fetch(`${baseUrl()}/api/v1${path}`, { method, data: body });
  if (!res.ok()) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('orders, after-sales and customer service in the browser', () => {
  it('pays an order and sees its steps; a self-service complaint breaches its SLA, escalates, is resolved and confirmed', async () => {
    const staff = await newPage(browser);
    await login(staff, 'demo', 'admin');

    // 1. A confirmed order with a balance is paid at the counter; the follow-up steps appear on the order.
    const { items } = await api<{ items: { id: string; orderNo: string }[] }>(staff, 'GET', '/orders?status=confirmed&limit=5');
    expect(items.length).toBeGreaterThan(0);
    const order = items[0];
    await staff.goto(`${baseUrl()}/orders/${order.id}`);
    await staff.getByTestId('order-detail').waitFor();
    await staff.getByTestId('payment-add').click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => staff.getByTestId('order-status').innerText(), { timeout: 15_000 }).toContain('已付款');
    // The worker delivers order.paid to the follow-ups module within a second or two; the page shows the steps.
    await expect
      .poll(
        async () => {
          await staff.reload();
          await staff.getByTestId('order-followup-steps').waitFor();
          return staff.getByTestId('order-followup-step').count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThanOrEqual(4);
    expect(await staff.getByTestId('order-followup-steps').innerText()).toContain('订单确认');

    // 2. Setup a manager would do on the SLA and business-hours pages: complaints answered within one minute, 24/7.
    await api(staff, 'PATCH', '/request-settings', { weekdays: [1, 2, 3, 4, 5, 6, 7], openTime: '00:00', closeTime: '24:00' });
    await api(staff, 'POST', '/request-sla-policies', { type: 'service_complaint', priority: null, firstResponseMinutes: 1, resolutionMinutes: 600 });

    // 3. The customer verifies their phone on the public page and files a complaint.
    const customer = await newPage(browser);
    const phone = '13987650042';
    await customer.goto(`${baseUrl()}/s/demo`);
    await customer.getByTestId('verify-card').waitFor();
    await customer.getByTestId('verify-to').fill(phone);
    await customer.getByTestId('verify-send').click();
    await customer.getByTestId('verify-sent').waitFor();
    const code = await until(
      'the verification SMS',
      async () => {
        const r = await db.query<{ body: string }>("SELECT body FROM outbound_messages WHERE recipient LIKE $1 ORDER BY created_at DESC LIMIT 1", [`%${phone}`]);
        return r.rows[0]?.body.match(/\d{6}/)?.[0];
      },
      15_000,
    );
    await customer.getByTestId('verify-code').fill(code);
    await customer.getByTestId('verify-submit').click();
    await customer.getByTestId('my-requests').waitFor();
    await customer.getByTestId('my-requests-create').click();
    await customer.getByTestId('new-request-type').click();
    await customer.locator('.ant-select-item-option').filter({ hasText: '服务投诉' }).click();
    await customer.getByTestId('new-request-subject').fill('送货师傅态度很差');
    await customer.getByTestId('new-request-description').fill('约好上午送货，下午才到，还把门框碰坏了。');
    const name = customer.getByTestId('new-request-name');
    if (await name.count()) await name.fill('路女士');
    await customer.getByTestId('new-request-submit').click();
    await customer.getByTestId('my-request-subject').filter({ hasText: '送货师傅态度很差' }).waitFor();

    // 4. Nobody answers within the minute: the SLA sweep escalates it (cron every minute, real clock).
    const request = await until(
      'the escalation',
      async () => {
        const r = await db.query<{ id: string }>(
          "SELECT id FROM service_requests WHERE subject = '送货师傅态度很差' AND first_response_escalation > 0",
        );
        return r.rows[0];
      },
      180_000,
    );
    await staff.goto(`${baseUrl()}/requests/${request.id}`);
    await staff.getByTestId('request-escalations').waitFor();
    expect(await staff.getByTestId('request-escalations').innerText()).toMatch(/升级|超时/);

    // 5. Staff reply and resolve it with a cause.
    await staff.getByTestId('reply-body').fill('非常抱歉，我们明天安排师傅上门修复门框。');
    await staff.getByTestId('reply-send').click();
    await staff.getByTestId('timeline-entry').filter({ hasText: '明天安排师傅' }).first().waitFor();
    await staff.getByTestId('action-resolve').click();
    const resolve = staff.getByRole('dialog');
    await resolve.getByTestId('resolve-resolution').fill('已上门修复门框并致歉，送货师傅已批评教育。');
    await resolve.getByRole('combobox').fill('送货延误');
    await resolve.getByRole('button', { name: /保\s*存/ }).click();
    await resolve.waitFor({ state: 'hidden' });
    await expect.poll(() => staff.getByTestId('request-status').innerText(), { timeout: 15_000 }).toContain('已解决');

    // 6. The customer sees it resolved, confirms and rates it: closed.
    await customer.reload();
    const card = customer.getByTestId('my-request').filter({ hasText: '送货师傅态度很差' });
    await card.getByTestId('confirm-box').waitFor();
    await card.getByTestId('confirm-rate').locator('li').nth(3).click();
    await card.getByTestId('confirm-submit').click();
    await expect.poll(() => card.getByTestId('my-request-status').innerText(), { timeout: 15_000 }).toContain('已完成');
    const final = await db.query('SELECT status, satisfaction FROM service_requests WHERE id = $1', [request.id]);
    expect(final.rows[0]).toEqual({ status: 'closed', satisfaction: 4 });
  }, 300_000);
});
