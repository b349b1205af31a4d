import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, newTenant, testApp, type TestApp } from '../helpers.ts';
import { createCustomer, createRole } from '../factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

/** A form sends back what it was shown: read-only values unchanged, phones masked. */
describe('editing a customer with what the form showed', () => {
  async function maskedEditor() {
    const { admin, code, hq } = await newTenant(t);
    const role = await createRole(admin, {
      permissions: ['customers:view', 'customers:edit'],
      dataScope: 'tenant',
      fieldRules: { 'customer.creditRating': 'readonly' },
    });
    const username = `ed${Date.now().toString(36)}`;
    const created = await admin.post('/api/v1/users', { username, displayName: '编辑员', password: 'user-pass-1', unitId: hq.id, roleIds: [role.id] });
    expect(created.statusCode).toBe(201);
    return { admin, editor: await loginAs(t, code, username, 'user-pass-1') };
  }

  it('accepts a read-only field sent back unchanged and refuses a change to it', async () => {
    const { admin, editor } = await maskedEditor();
    const c = await createCustomer(admin, { name: '陈静', creditRating: 'B', phones: ['13812345678'] });
    const same = await editor.patch(`/api/v1/customers/${c.id}`, { creditRating: 'B', occupation: '教师' });
    expect(same.statusCode).toBe(200);
    expect(same.json().occupation).toBe('教师');
    const changed = await editor.patch(`/api/v1/customers/${c.id}`, { creditRating: 'A' });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['body.creditRating']);
    expect((await admin.get(`/api/v1/customers/${c.id}`)).json().creditRating).toBe('B');
  });

  it('keeps the stored number behind a masked phone and adds a new one', async () => {
    const { admin, editor } = await maskedEditor();
    const c = await createCustomer(admin, { name: '林峰', phones: ['13812345678'] });
    const shown = (await editor.get(`/api/v1/customers/${c.id}`)).json().phones;
    expect(shown).toEqual(['138****5678']);
    const res = await editor.patch(`/api/v1/customers/${c.id}`, { phones: [...shown, '139 0000 1111'] });
    expect(res.statusCode).toBe(200);
    const full = (await admin.post(`/api/v1/customers/${c.id}/reveal-phones`)).json().phones;
    expect(full).toEqual(['+8613812345678', '+8613900001111']);
  });

  it('refuses a masked value that masks none of the stored numbers', async () => {
    const { admin, editor } = await maskedEditor();
    const c = await createCustomer(admin, { name: '周敏', phones: ['13812345678'] });
    const res = await editor.patch(`/api/v1/customers/${c.id}`, { phones: ['139****0000'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues[0].path).toBe('body.phones.0');
  });
});
