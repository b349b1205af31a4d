import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeStore, newTenant, testApp, userIn, type TestApp } from '../helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

describe('login and sessions (PLAT-7)', () => {
  it('logs in with tenant, username and password and answers /auth/me with permissions', async () => {
    const { admin, code } = await newTenant(t);
    const me = await admin.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().tenant.code).toBe(code);
    expect(me.json().permissions).toContain('customers:reveal');
    expect(me.json().dataScope).toBe('tenant');
  });

  it('sets an httpOnly session cookie', async () => {
    const { code } = await newTenant(t);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: 'admin', password: 'admin-pass-1' } });
    const c = res.cookies.find((x) => x.name === 'jk_session');
    expect(c?.httpOnly).toBe(true);
  });

  it('answers 401 with the error body without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'unauthenticated' });
    expect(res.json().error.requestId).toBeTruthy();
  });

  it('refuses a wrong password and locks the account after five failures', async () => {
    const { code } = await newTenant(t);
    const bad = () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: 'admin', password: 'wrong' }, remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.1` });
    for (let i = 0; i < 5; i++) expect((await bad()).statusCode).toBe(401);
    const locked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: 'admin', password: 'admin-pass-1' } });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    t.clock.advance(2 * 60_000);
    const after = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: 'admin', password: 'admin-pass-1' } });
    expect(after.statusCode).toBe(200);
  });

  it('slows one address guessing across many usernames', async () => {
    const { code } = await newTenant(t);
    const ip = '10.77.0.1';
    for (let i = 0; i < 30; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: `nobody${i}`, password: 'x' }, remoteAddress: ip });
    }
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: 'admin', password: 'admin-pass-1' }, remoteAddress: ip });
    expect(res.statusCode).toBe(429);
  });

  it('ends the session on logout', async () => {
    const { admin } = await newTenant(t);
    expect((await admin.post('/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends every session of a user at once when the user is disabled', async () => {
    const { admin, code, hq } = await newTenant(t);
    const store = await makeStore(admin, hq.id);
    const { user, client } = await userIn(t, admin, code, store.id, '店长');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { status: 'disabled' })).statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(loginAs(t, code, user.username, 'user-pass-1')).rejects.toThrow(/401/);
  });

  it('writes audit rows for login and failed login', async () => {
    const { admin, code } = await newTenant(t);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant: code, username: 'admin', password: 'nope' } });
    const audit = (await admin.get('/api/v1/audit?entityType=user')).json().items.map((r: { action: string }) => r.action);
    expect(audit).toContain('auth.login');
    expect(audit).toContain('auth.login_failed');
  });
});

describe('API keys (PLAT-7)', () => {
  it('shows the key once, stores only its hash, and lets it act with its role', async () => {
    const { admin, hq } = await newTenant(t);
    const roles = (await admin.get('/api/v1/roles')).json().items;
    const role = roles.find((r: { name: string }) => r.name === '区域经理');
    const created = await admin.post('/api/v1/api-keys', { name: 'ERP', roleId: role.id, unitId: hq.id });
    expect(created.statusCode).toBe(201);
    const key = created.json().key as string;
    expect(key).toMatch(/^jk_/);
    const list = await admin.get('/api/v1/api-keys');
    expect(JSON.stringify(list.json())).not.toContain(key);
    const asKey = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${key}` } });
    expect(asKey.statusCode).toBe(200);
    const forbidden = await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: `Bearer ${key}` } });
    expect(forbidden.statusCode).toBe(200); // 区域经理 has audit:view
    const noAdmin = await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: { authorization: `Bearer ${key}` }, payload: { name: 'x', permissions: [], dataScope: 'own' } });
    expect(noAdmin.statusCode).toBe(403);
    await admin.delete(`/api/v1/api-keys/${created.json().id}`);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${key}` } });
    expect(revoked.statusCode).toBe(401);
  });

  it('rejects a forged key with the right prefix', async () => {
    const { admin, hq } = await newTenant(t);
    const role = (await admin.get('/api/v1/roles')).json().items[0];
    const key = (await admin.post('/api/v1/api-keys', { name: 'ERP', roleId: role.id, unitId: hq.id })).json().key as string;
    const forged = `${key.slice(0, 12)}${'A'.repeat(key.length - 12)}`;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers', headers: { authorization: `Bearer ${forged}` } });
    expect(res.statusCode).toBe(401);
  });
});

describe('platform basics', () => {
  it('answers health with the database kind', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(['embedded', 'server']).toContain(res.json().database);
  });

  it('publishes an OpenAPI 3 document with every route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/customers');
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
  });

  it('serves a readable API reference page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers 413 for a 2 MB body and 400 for malformed JSON', async () => {
    const { admin } = await newTenant(t);
    const big = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ kind: 'person', name: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { cookie: admin.cookie, 'content-type': 'application/json' }, payload: '{"kind":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('malformed_body');
  });

  it('keeps the audit trail append-only in the database', async () => {
    const { tenant } = await newTenant(t);
    await expect(t.deps.db.pool.query('UPDATE audit_log SET action = $1 WHERE tenant_id = $2', ['x', tenant.id])).rejects.toThrow(/append-only/);
    await expect(t.deps.db.pool.query('DELETE FROM audit_log WHERE tenant_id = $1', [tenant.id])).rejects.toThrow(/append-only/);
  });
});
