import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, baseUrl, launch, login, newPage } from './browser.ts';

/**
 * Issue 3's journey: a lead arrives through the brand's website form, the assignment rules give it to a salesperson at
 * once (inbox and work list), who logs a home visit with measurements, presents a design proposal, invites the family to
 * the store and records their arrival, then converts the lead into a customer with an opportunity; the funnel counts it.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** "YYYY-MM-DD HH:mm" in Shanghai, as the date pickers take it. */
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Pick an option of an Ant Design select: open it by its test id, click the option by its text. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe('the sales pipeline in the browser', () => {
  it('captures a web-form lead, assigns it, follows it up to the store and converts it; the funnel counts it', async () => {
    const admin = await newPage(browser);
    await login(admin, 'demo', 'admin');
    type Funnel = { stages: { key: string; count: number }[] };
    const before = await api<Funnel>(admin, 'GET', '/pipeline/funnel');
    const first = before.stages[0];

    // 1. A family fills in the brand's website form (no login): the public endpoint with the form's key.
    const forms = await api<{ items: { name: string; key: string; enabled: boolean }[] }>(admin, 'GET', '/lead-forms');
    const form = forms.items.find((f) => f.enabled);
    expect(form, 'the demo has a website form').toBeTruthy();
    const suffix = String(Date.now()).slice(-4);
    const name = `邵${'一二三四五六七八九十'[Number(suffix[3])]}${'春夏秋冬'[Number(suffix[2]) % 4]}`;
    const phone = `139${suffix}${String(Date.now()).slice(-8, -4)}`;
    const posted = await admin.request.fetch(`${baseUrl()}/api/v1/public/demo/lead-forms/${form!.key}`, {
      method: 'POST',
      headers: { cookie: '' },
      data: { name, phone, cityCode: '310100', address: '徐汇区天钥桥路 88 弄', rooms: ['livingRoom', 'bedroom'], styles: ['modernMinimal'], message: '新房交付，想看看客厅和卧室的整套家具' },
    });
    expect(posted.status(), await posted.text()).toBe(201);

    // 2. The rules assigned it at capture: the lead has an assignee, who has it in the inbox and on today's work list.
    const found = await api<{ items: { id: string; name: string; assigneeId: string | null; phones: string[] }[] }>(admin, 'GET', `/leads?q=${encodeURIComponent(phone.slice(-8))}`);
    const lead = found.items.find((l) => l.name === name);
    expect(lead?.assigneeId, 'assigned within the capture').toBeTruthy();
    const assignee = await api<{ username: string }>(admin, 'GET', `/users/${lead!.assigneeId}`);

    const sales = await newPage(browser);
    await login(sales, 'demo', assignee.username);
    await sales.getByTestId('inbox-bell').click();
    await sales.getByTestId('notification-item').filter({ hasText: name }).first().waitFor();
    await sales.keyboard.press('Escape');
    await sales.goto(`${baseUrl()}/work`);
    await sales.getByTestId('work-today').waitFor();
    const item = sales.getByTestId('work-item').filter({ hasText: name });
    await item.first().waitFor();
    await item.first().getByTestId('work-item-link').click();
    await sales.waitForURL(`**/leads/${lead!.id}`);
    await expect.poll(() => sales.getByTestId('lead-name-title').innerText()).toBe(name);

    // 3. A home visit that measured the living room, with the competitor's sofa seen there.
    await sales.getByTestId('activity-add-visit').click();
    let dialog = sales.getByRole('dialog');
    await choose(sales, 'activity-outcome', '已量尺');
    await dialog.getByTestId('activity-add-room').click();
    await choose(sales, 'activity-room-0', '客厅');
    await dialog.getByTestId('activity-room-0-lengthCm').fill('520');
    await dialog.getByTestId('activity-room-0-widthCm').fill('410');
    await dialog.getByTestId('activity-notes').fill('客厅朝南，旧沙发准备换掉');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await sales.getByTestId('activity-item').filter({ hasText: '已量尺' }).first().waitFor();

    // 4. A design proposal, presented to the family.
    await sales.getByTestId('activity-add-proposal').click();
    dialog = sales.getByRole('dialog');
    await dialog.getByTestId('activity-proposal-title').fill(`${name}家客厅卧室方案`);
    await dialog.getByTestId('activity-proposal-summary').fill('现代简约，浅灰布艺沙发 + 胡桃木床');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await sales.getByTestId('proposal-present').first().click();
    await expect.poll(() => sales.getByTestId('proposal-status').first().innerText()).toContain('已呈现');

    // 5. Invited to the store for now; they arrive and are received.
    await sales.getByTestId('activity-add-invitation').click();
    dialog = sales.getByRole('dialog');
    const invited = dialog.getByTestId('activity-invited-for');
    await invited.click();
    await invited.fill(shanghai(new Date(Date.now() + 10 * 60_000)));
    await invited.press('Enter');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await sales.getByTestId('invitation-arrived').first().click();
    dialog = sales.getByRole('dialog');
    await dialog.getByRole('button', { name: /保\s*存|确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => sales.getByTestId('invitation-status').first().innerText()).toContain('到店');

    // 6. They buy: the lead becomes a customer with an opportunity.
    await sales.getByTestId('lead-action-convert').click();
    dialog = sales.getByRole('dialog');
    await dialog.getByTestId('convert-opportunity-name').fill(`${name}家客厅卧室家具`);
    await dialog.getByRole('button', { name: /保\s*存|转\s*化|确\s*定/ }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    await sales.getByTestId('lead-converted').waitFor();

    // 7. The funnel of this month counts one more opportunity in its first stage.
    await admin.goto(`${baseUrl()}/pipeline/funnel`);
    await admin.getByTestId('funnel-report').waitFor();
    await expect
      .poll(async () => Number(await admin.getByTestId(`funnel-count-${first.key}`).innerText()), { timeout: 15_000 })
      .toBe(first.count + 1);
  });
});
