import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, expectErrorBody, issuePaths } from '../factories.ts';
import { type TestApp, testApp } from '../helpers.ts';
import { auditOf, freshPhone, leadsWorld, notificationsOf, ok, rule, type LeadsWorld } from './leads-world.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const SECOND = 1000;

async function newForm(w: LeadsWorld, body: Record<string, unknown> = {}) {
  return ok<{ id: string; key: string; name: string }>(await w.admin.post('/api/v1/lead-forms', { name: '官网预约量尺', defaultStoreId: w.shanghai.id, campaign: '双11家装节', ...body }), 201);
}

let ipSeq = 0;
const freshIp = () => `10.${(process.pid >> 8) % 250}.${process.pid % 250}.${ipSeq++ % 250}`;

function post(code: string, key: string, body: unknown, opts: { ip?: string; origin?: string; raw?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/public/${code}/lead-forms/${key}`,
    remoteAddress: opts.ip ?? '10.0.0.1',
    headers: { 'content-type': 'application/json', ...(opts.origin ? { origin: opts.origin } : {}) },
    payload: opts.raw ?? JSON.stringify(body),
  });
}

const visitor = (extra: Record<string, unknown> = {}) => ({ name: '访客陈女士', phone: freshPhone(), message: '想看看新中式的沙发', ...extra });

describe('public web form (LEAD-1)', () => {
  it('turns a post into a lead through the capture path: form source, campaign and store, the rules, the assignee’s inbox, a trail naming the form', async () => {
    const w = await leadsWorld(t);
    const g = await w.user(w.shanghai.id, '导购');
    await rule(w.admin, { strategy: 'round_robin', userIds: [g.user.id], sources: ['website'] });
    const form = await newForm(w);
    expect(form.key).toMatch(/^[A-Za-z0-9_-]{22}$/);

    const res = await post(w.code, form.key, visitor({ rooms: 'livingRoom,bedroom', styles: ['newChinese'], budgetBand: '50kTo100k', areaSqm: '96', products: ['沙发'] }), { ip: freshIp() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ok: true, receivedAt: t.clock.now().toISOString() });
    expect(res.headers['access-control-allow-origin']).toBe('*');

    const [lead] = ok(await w.admin.get('/api/v1/leads')).items;
    expect(lead).toMatchObject({
      name: '访客陈女士', source: 'website', storeId: w.shanghai.id, assigneeId: g.user.id, notes: '想看看新中式的沙发',
      sourceDetail: { formId: form.id, formName: '官网预约量尺', campaign: '双11家装节' },
      needs: { rooms: ['livingRoom', 'bedroom'], styles: ['newChinese'], budgetBand: '50kTo100k', areaSqm: 96, productTags: ['沙发'] },
    });
    expect((await notificationsOf(t, lead.id)).map((n) => [n.user_id, n.kind])).toEqual([[g.user.id, 'lead.assigned']]);
    const audit = await auditOf(t, lead.id);
    expect(audit.map((r) => [r.action, r.actor_kind, r.actor_name])).toEqual([
      ['lead.created', 'system', 'web form 官网预约量尺'],
      ['lead.assigned', 'system', 'web form 官网预约量尺'],
    ]);
    expect(ok(await w.admin.get('/api/v1/lead-forms')).items[0]).toMatchObject({ id: form.id, submissions: 1, lastSubmissionAt: t.clock.now().toISOString() });
  });

  it('limits posts per client address and form: five a minute, thirty an hour, 429 with Retry-After', async () => {
    const w = await leadsWorld(t);
    const form = await newForm(w);
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await post(w.code, form.key, visitor(), { ip })).statusCode).toBe(201);
    t.clock.advance(20 * SECOND);
    const limited = await post(w.code, form.key, visitor(), { ip });
    const err = expectErrorBody(limited, 429, 'rate_limited');
    expect(limited.headers['retry-after']).toBe('40');
    expect(err.params).toEqual({ retryAfter: 40 });
    // Another address is not held back, nor is this one at another form.
    expect((await post(w.code, form.key, visitor(), { ip: freshIp() })).statusCode).toBe(201);
    expect((await post(w.code, (await newForm(w, { name: '活动页' })).key, visitor(), { ip })).statusCode).toBe(201);
    // A bad post counts too (a bot cannot probe for free).
    expectErrorBody(await post(w.code, form.key, { name: '' }, { ip }), 429, 'rate_limited');

    // The minute passes; the hour fills up (the honeypot posts count as posts).
    t.clock.advance(41 * SECOND);
    const start = t.clock.now().getTime();
    for (let n = 5; n < 30; n += 5) {
      for (let i = 0; i < 5; i++) expect((await post(w.code, form.key, visitor({ homepage: 'http://spam.example' }), { ip })).statusCode).toBe(201);
      t.clock.advance(61 * SECOND);
    }
    const hour = await post(w.code, form.key, visitor(), { ip });
    expectErrorBody(hour, 429, 'rate_limited');
    // The first posts (61 s before the burst started) leave the hour first.
    const firstAt = start - 61 * SECOND;
    expect(Number(hour.headers['retry-after'])).toBe(Math.ceil((firstAt + 3_600_000 - t.clock.now().getTime()) / 1000));
    expect(await countRows(t, 'leads', w.tenant.id)).toBe(7);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const w = await leadsWorld(t);
    const form = await newForm(w);
    const res = await post(w.code, form.key, visitor({ homepage: 'https://cheap-pills.example' }), { ip: freshIp() });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ ok: true, receivedAt: t.clock.now().toISOString() });
    // Even with the other fields missing: a bot learns nothing from a validation error.
    expect((await post(w.code, form.key, { homepage: 'x' }, { ip: freshIp() })).statusCode).toBe(201);
    expect(await countRows(t, 'leads', w.tenant.id)).toBe(0);
    const posts = await t.deps.db.pool.query('SELECT outcome, lead_id FROM lead_form_submissions WHERE form_id = $1', [form.id]);
    expect(posts.rows).toEqual([
      { outcome: 'honeypot', lead_id: null },
      { outcome: 'honeypot', lead_id: null },
    ]);
  });

  it('refuses oversized bodies (413), missing or bad fields (422 with issues) and broken JSON (400)', async () => {
    const w = await leadsWorld(t);
    const form = await newForm(w);
    const big = await post(w.code, form.key, visitor({ message: '很'.repeat(10_000) }), { ip: freshIp() });
    expectErrorBody(big, 413, 'payload_too_large');
    const long = await post(w.code, form.key, visitor({ message: '长'.repeat(2001) }), { ip: freshIp() });
    expect(issuePaths(long)).toEqual(['body.message']);
    const missing = await post(w.code, form.key, { message: '只有留言' }, { ip: freshIp() });
    expectErrorBody(missing, 422, 'validation_failed');
    expect(issuePaths(missing).sort()).toEqual(['body.name', 'body.phone']);
    const phone = await post(w.code, form.key, visitor({ phone: '12345' }), { ip: freshIp() });
    expect(issuePaths(phone)).toEqual(['body.phone']);
    const enums = await post(w.code, form.key, visitor({ rooms: ['garage'], budgetBand: 'unlimited' }), { ip: freshIp() });
    expect(issuePaths(enums).sort()).toEqual(['body.budgetBand', 'body.rooms.0']);
    expectErrorBody(await post(w.code, form.key, null, { ip: freshIp(), raw: '{"name": "半截' }), 400, 'malformed_body');
    expect(await countRows(t, 'leads', w.tenant.id)).toBe(0);
  });

  it('answers 404 for an unknown tenant or key, a disabled form, another tenant’s key, and an old key after rotation', async () => {
    const w = await leadsWorld(t);
    const other = await leadsWorld(t);
    const form = await newForm(w);
    const theirs = await newForm(other);
    const ip = freshIp();
    expectErrorBody(await post('no-such-brand', form.key, visitor(), { ip }), 404, 'not_found');
    expectErrorBody(await post(w.code, 'no-such-key', visitor(), { ip }), 404, 'not_found');
    expectErrorBody(await post(w.code, theirs.key, visitor(), { ip }), 404, 'not_found');
    ok(await w.admin.patch(`/api/v1/lead-forms/${form.id}`, { enabled: false }));
    expectErrorBody(await post(w.code, form.key, visitor(), { ip }), 404, 'not_found');
    ok(await w.admin.patch(`/api/v1/lead-forms/${form.id}`, { enabled: true }));
    const rotated = ok(await w.admin.post(`/api/v1/lead-forms/${form.id}/rotate-key`));
    expect(rotated.key).not.toBe(form.key);
    expectErrorBody(await post(w.code, form.key, visitor(), { ip }), 404, 'not_found');
    expect((await post(w.code.toUpperCase(), rotated.key, visitor(), { ip })).statusCode).toBe(201);
    expect(await countRows(t, 'leads', other.tenant.id)).toBe(0);
  });

  it('accepts browsers only from the form’s allowed sites, with CORS headers and a preflight', async () => {
    const w = await leadsWorld(t);
    const form = await newForm(w, { allowedOrigins: ['https://www.brand.example'] });
    const ip = freshIp();
    expectErrorBody(await post(w.code, form.key, visitor(), { ip, origin: 'https://evil.example' }), 403, 'forbidden');
    const okRes = await post(w.code, form.key, visitor(), { ip, origin: 'https://www.brand.example' });
    expect(okRes.statusCode).toBe(201);
    expect(okRes.headers['access-control-allow-origin']).toBe('https://www.brand.example');
    // A server posting for the site sends no Origin.
    expect((await post(w.code, form.key, visitor(), { ip })).statusCode).toBe(201);
    const pre = await t.app.inject({
      method: 'OPTIONS',
      url: `/api/v1/public/${w.code}/lead-forms/${form.key}`,
      headers: { origin: 'https://www.brand.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers).toMatchObject({ 'access-control-allow-origin': 'https://www.brand.example', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': 'content-type' });
  });
});

describe('keeping posts', () => {
  it('forgets posts after 30 days every night; the leads stay', async () => {
    const w = await leadsWorld(t);
    await t.deps.jobs.tickCron();
    const form = await newForm(w);
    expect((await post(w.code, form.key, visitor(), { ip: freshIp() })).statusCode).toBe(201);
    t.clock.advance(29 * 86_400_000);
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.tenant.id);
    expect(await countRows(t, 'lead_form_submissions', w.tenant.id)).toBe(1);
    t.clock.advance(2 * 86_400_000);
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(w.tenant.id);
    expect(await countRows(t, 'lead_form_submissions', w.tenant.id)).toBe(0);
    expect(await countRows(t, 'leads', w.tenant.id)).toBe(1);
  });
});

describe('web form settings (leads:admin)', () => {
  it('validates forms (422), keeps them per tenant (404) and needs leads:admin (403); changes are audited', async () => {
    const w = await leadsWorld(t);
    const other = await leadsWorld(t);
    const bad = await w.admin.post('/api/v1/lead-forms', { name: '', allowedOrigins: ['www.brand.example/path'], source: 'tv', defaultStoreId: other.shanghai.id });
    expectErrorBody(bad, 422, 'validation_failed');
    expect(issuePaths(bad).sort()).toEqual(['body.allowedOrigins.0', 'body.name', 'body.source']);
    expect(issuePaths(await w.admin.post('/api/v1/lead-forms', { name: '表单', defaultStoreId: other.shanghai.id }))).toEqual(['body.defaultStoreId']);
    const form = await newForm(w);
    expectErrorBody(await other.admin.patch(`/api/v1/lead-forms/${form.id}`, { enabled: false }), 404, 'not_found');
    expectErrorBody(await other.admin.post(`/api/v1/lead-forms/${form.id}/rotate-key`), 404, 'not_found');
    const manager = await w.user(w.shanghai.id, '店长');
    expectErrorBody(await manager.client.get('/api/v1/lead-forms'), 403, 'forbidden');
    ok(await w.admin.post(`/api/v1/lead-forms/${form.id}/rotate-key`));
    const audit = await t.deps.db.pool.query("SELECT action FROM audit_log WHERE entity_type = 'leadForm' AND entity_id = $1 ORDER BY id", [form.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['leadForm.created', 'leadForm.keyRotated']);
    ok(await w.admin.delete(`/api/v1/lead-forms/${form.id}`));
    expect(ok(await w.admin.get('/api/v1/lead-forms')).items).toEqual([]);
  });
});
