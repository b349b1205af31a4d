import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createCustomer, expectErrorBody, issuePaths } from '../factories.ts';
import { newTenant, type TestApp, testApp } from '../helpers.ts';
import { freshIp, lastCode, mailText, publicCall, startSmtp, verifiedVisitor } from './helpers.ts';

/** SVC-6: a visitor of the public page verifies a phone or e-mail by a code and gets a short session of that tenant. */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp(smtp.env);
});
afterAll(async () => {
  await t.app.close();
  await smtp.close();
});

describe('the public address', () => {
  it('answers 404 for an unknown tenant code on every public route', async () => {
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/verification-codes', { channel: 'sms', to: '13800138000' }],
      ['POST', '/sessions', { channel: 'sms', to: '13800138000', code: '123456' }],
      ['GET', '/articles', undefined],
      ['GET', '/categories', undefined],
      ['GET', '/requests', undefined],
    ] as const) {
      expectErrorBody(await publicCall(t, method, 'no-such-brand', path, { body }), 404, 'not_found');
    }
  });

  it('names the brand of a known code', async () => {
    const a = await newTenant(t, '好梦家居');
    const res = await publicCall(t, 'GET', a.code, '');
    expect(res.json()).toEqual({ code: a.code, name: '好梦家居', channels: ['sms', 'email'] });
  });

  it('offers codes by phone only where no SMTP relay is set up', async () => {
    const bare = await testApp();
    try {
      const a = await newTenant(bare);
      expect((await publicCall(bare, 'GET', a.code, '')).json().channels).toEqual(['sms']);
      const res = await publicCall(bare, 'POST', a.code, '/verification-codes', { body: { channel: 'email', to: 'a@example.cn' }, ip: freshIp() });
      expectErrorBody(res, 422, 'validation_failed');
      expect(res.json().error.issues).toEqual([expect.objectContaining({ path: 'body.channel', code: 'channel_unavailable' })]);
      expect(await countRows(bare, 'outbound_messages', a.tenant.id)).toBe(0);
    } finally {
      await bare.app.close();
    }
  });
});

describe('verification codes', () => {
  it('sends a 6-digit code by SMS through the messaging outbox, stored only as a hash, and verifying it opens a session', async () => {
    const a = await newTenant(t, '好梦家居');
    const ip = freshIp();
    const asked = await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '+86 138-0013-8000' }, ip });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toEqual({ ok: true, channel: 'sms', to: '138****8000', expiresInSeconds: 600, resendAfterSeconds: 60 });
    const msg = (await t.deps.db.pool.query("SELECT * FROM outbound_messages WHERE tenant_id = $1", [a.tenant.id])).rows[0];
    expect(msg).toMatchObject({ channel: 'sms', recipient: '+8613800138000', purpose: 'verification_code', sensitive: true, status: 'queued' });
    expect(msg.body).toContain('【好梦家居】');
    const code = await lastCode(t, a.tenant.id, '+8613800138000');
    const stored = (await t.deps.db.pool.query('SELECT code_hash FROM self_service_codes WHERE tenant_id = $1', [a.tenant.id])).rows[0];
    expect(stored.code_hash).not.toContain(code);
    await t.deps.jobs.drain(a.tenant.id);
    expect((await t.deps.db.pool.query('SELECT status FROM outbound_messages WHERE id = $1', [msg.id])).rows[0].status).toBe('sent');

    // Any format of the same number verifies.
    const verified = await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '0086 138 0013 8000', code }, ip });
    expect(verified.statusCode, verified.body).toBe(201);
    expect(verified.json()).toMatchObject({ tenant: { code: a.code, name: '好梦家居' }, channel: 'sms', contact: '138****8000', known: false });
    const cookie = verified.cookies.find((c) => c.name === 'jk_self')!;
    expect(cookie).toMatchObject({ httpOnly: true, path: `/api/v1/public/${a.code}`, sameSite: 'Lax' });
    const session = (await t.deps.db.pool.query('SELECT token_hash, recipient, customer_id FROM self_service_sessions WHERE tenant_id = $1', [a.tenant.id])).rows[0];
    expect(session).toMatchObject({ recipient: '+8613800138000', customer_id: null });
    expect(session.token_hash).not.toBe(cookie.value);
    const me = await publicCall(t, 'GET', a.code, '/session', { headers: { cookie: `jk_self=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    // A code is good once.
    expectErrorBody(await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13800138000', code }, ip }), 422, 'validation_failed');
    const actions = (await t.deps.db.pool.query('SELECT action, actor_kind, actor_name, ip FROM audit_log WHERE tenant_id = $1 ORDER BY id', [a.tenant.id])).rows;
    expect(actions.filter((r) => r.action.startsWith('selfService.')).map((r) => r.action)).toEqual(['selfService.codeSent', 'selfService.verified']);
    expect(actions.find((r) => r.action === 'selfService.verified')).toMatchObject({ actor_kind: 'system', actor_name: 'self-service 138****8000', ip });
  });

  it('answers the same whether or not a customer has the phone, and links the session to the customer who has it', async () => {
    const a = await newTenant(t);
    await createCustomer(a.admin, { name: '王芳', phones: ['13900139000'] });
    const known = await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13900139000' }, ip: freshIp() });
    const unknown = await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13900139001' }, ip: freshIp() });
    expect(known.statusCode).toBe(unknown.statusCode);
    expect({ ...known.json(), to: '' }).toEqual({ ...unknown.json(), to: '' });
    expect(await countRows(t, 'outbound_messages', a.tenant.id)).toBe(2);
    t.clock.advance(61_000);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13900139000', '+8613900139000');
    expect((await v.get('/session')).json()).toMatchObject({ known: true, contact: '139****9000' });
  });

  it('verifies an e-mail address, case-insensitively, and finds its customer', async () => {
    const a = await newTenant(t);
    await createCustomer(a.admin, { name: '李雷', email: 'LiLei@Example.cn' });
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'email', ' lilei@example.CN ', 'lilei@example.cn');
    expect((await v.get('/session')).json()).toMatchObject({ channel: 'email', contact: 'l***@example.cn', known: true });
    // The code went out over SMTP.
    await t.deps.jobs.drain(a.tenant.id);
    const mail = smtp.received.find((m) => m.to.includes('lilei@example.cn'))!;
    expect(mailText(mail.raw)).toContain(`您的验证码是 ${await lastCode(t, a.tenant.id, 'lilei@example.cn')}`);
  });

  it('burns a code after five wrong tries, telling how many tries are left', async () => {
    const a = await newTenant(t);
    const ip = freshIp();
    await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13700137000' }, ip });
    const code = await lastCode(t, a.tenant.id, '+8613700137000');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 1; left--) {
      const res = await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13700137000', code: wrong }, ip });
      const err = expectErrorBody(res, 422, 'validation_failed');
      expect(err.issues).toEqual([{ path: 'body.code', code: 'invalid_code', message: 'wrong code' }]);
      expect(err.params).toEqual({ attemptsLeft: left });
    }
    const fifth = expectErrorBody(await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13700137000', code: wrong }, ip }), 422, 'validation_failed');
    expect(fifth.issues?.[0].code).toBe('code_expired');
    // The right code no longer opens anything.
    const late = expectErrorBody(await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13700137000', code }, ip }), 422, 'validation_failed');
    expect(late.issues?.[0].code).toBe('code_expired');
    expect(await countRows(t, 'self_service_sessions', a.tenant.id)).toBe(0);
    const row = (await t.deps.db.pool.query('SELECT status, attempts FROM self_service_codes WHERE tenant_id = $1', [a.tenant.id])).rows[0];
    expect(row).toEqual({ status: 'burned', attempts: 5 });
  });

  it('expires a code after 10 minutes (injected clock), and a newer code replaces the older one', async () => {
    const a = await newTenant(t);
    const ip = freshIp();
    await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13600136000' }, ip });
    const first = await lastCode(t, a.tenant.id, '+8613600136000');
    t.clock.advance(10 * 60_000 + 1000);
    const expired = expectErrorBody(await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13600136000', code: first }, ip }), 422, 'validation_failed');
    expect(expired.issues?.[0].code).toBe('code_expired');

    await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13600136000' }, ip });
    const second = await lastCode(t, a.tenant.id, '+8613600136000');
    t.clock.advance(61_000);
    await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13600136000' }, ip });
    const third = await lastCode(t, a.tenant.id, '+8613600136000');
    if (second !== third) expectErrorBody(await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13600136000', code: second }, ip }), 422, 'validation_failed');
    expect((await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13600136000', code: third }, ip })).statusCode).toBe(201);
  });

  it('refuses bad input with field paths', async () => {
    const a = await newTenant(t);
    const ip = freshIp();
    const cases: [unknown, string[]][] = [
      [{ channel: 'fax', to: '13800138000' }, ['body.channel']],
      [{ channel: 'sms', to: '12345' }, ['body.to']],
      [{ channel: 'sms', to: '1380013800\u202e0' }, ['body.to']],
      [{ channel: 'email', to: 'not-an-address' }, ['body.to']],
      [{ channel: 'sms' }, ['body.to']],
    ];
    for (const [body, paths] of cases) {
      const res = await publicCall(t, 'POST', a.code, '/verification-codes', { body, ip });
      expectErrorBody(res, 422, 'validation_failed');
      expect(issuePaths(res)).toEqual(paths);
    }
    const badCode = await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13800138000', code: '12ab56' }, ip });
    expect(issuePaths(badCode)).toEqual(['body.code']);
    expectErrorBody(await publicCall(t, 'GET', 'bad code!', ''), 422, 'validation_failed');
    expect(await countRows(t, 'outbound_messages', a.tenant.id)).toBe(0);
  });
});

describe('abuse limits (429 with Retry-After)', () => {
  it('sends one code a minute and five an hour to a recipient', async () => {
    const a = await newTenant(t);
    const ask = () => publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13500135000' }, ip: freshIp() });
    expect((await ask()).statusCode).toBe(202);
    t.clock.advance(20_000);
    const soon = await ask();
    expectErrorBody(soon, 429, 'rate_limited');
    expect(soon.headers['retry-after']).toBe('40');
    for (let i = 0; i < 4; i++) {
      t.clock.advance(61_000);
      expect((await ask()).statusCode).toBe(202);
    }
    t.clock.advance(61_000);
    const hourly = await ask();
    expectErrorBody(hourly, 429, 'rate_limited');
    expect(Number(hourly.headers['retry-after'])).toBeGreaterThan(60);
    expect(await countRows(t, 'outbound_messages', a.tenant.id)).toBe(5);
    t.clock.advance(3600_000);
    expect((await ask()).statusCode).toBe(202);
  });

  it('limits the codes one client address asks for, over every recipient and tenant', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const res = await publicCall(t, 'POST', i % 2 ? a.code : b.code, '/verification-codes', { body: { channel: 'sms', to: `1330013${String(i).padStart(4, '0')}` }, ip });
      expect(res.statusCode, res.body).toBe(202);
    }
    const res = await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13300139999' }, ip });
    expectErrorBody(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(3000);
    expect((await publicCall(t, 'POST', a.code, '/verification-codes', { body: { channel: 'sms', to: '13300139999' }, ip: freshIp() })).statusCode).toBe(202);
  });

  it('slows a client address that guesses codes across many recipients', async () => {
    const a = await newTenant(t);
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const res = await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: `1320013${String(i).padStart(4, '0')}`, code: '123456' }, ip });
      expect(res.statusCode).toBe(422);
    }
    const blocked = await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13200139999', code: '123456' }, ip });
    expectErrorBody(blocked, 429, 'rate_limited');
    expect(blocked.headers['retry-after']).toBe('900');
    t.clock.advance(15 * 60_000 + 1000);
    expect((await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13200139999', code: '123456' }, ip })).statusCode).toBe(422);
  });
});

describe('sessions', () => {
  it('belong to one tenant: another tenant’s page does not accept them (cookie or bearer)', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13800138111', '+8613800138111');
    expect((await publicCall(t, 'GET', a.code, '/session', { headers: { authorization: `Bearer ${v.token}` } })).statusCode).toBe(200);
    expectErrorBody(await publicCall(t, 'GET', b.code, '/session', { headers: v.headers }), 401, 'unauthenticated');
    expectErrorBody(await publicCall(t, 'GET', b.code, '/requests', { headers: { authorization: `Bearer ${v.token}` } }), 401, 'unauthenticated');
    expectErrorBody(await publicCall(t, 'POST', b.code, '/requests', { headers: v.headers, body: { type: 'consultation', subject: '问', description: '问题', name: '张三' } }), 401, 'unauthenticated');
    expectErrorBody(await publicCall(t, 'GET', a.code, '/requests'), 401, 'unauthenticated');
    expectErrorBody(await publicCall(t, 'GET', a.code, '/requests', { headers: { cookie: 'jk_self=forged' } }), 401, 'unauthenticated');
  });

  it('expire 30 minutes after the last use, slide with use, and end at logout', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13800138222', '+8613800138222');
    t.clock.advance(25 * 60_000);
    expect((await v.get('/session')).statusCode).toBe(200);
    t.clock.advance(25 * 60_000);
    expect((await v.get('/session')).statusCode).toBe(200);
    t.clock.advance(31 * 60_000);
    expectErrorBody(await v.get('/session'), 401, 'unauthenticated');

    const w = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13800138223', '+8613800138223');
    const out = await publicCall(t, 'DELETE', a.code, '/session', { headers: w.headers });
    expect(out.statusCode).toBe(200);
    expectErrorBody(await w.get('/session'), 401, 'unauthenticated');
  });

  it('last at most four hours however busy', async () => {
    const a = await newTenant(t);
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13800138333', '+8613800138333');
    for (let i = 0; i < 9; i++) {
      t.clock.advance(25 * 60_000);
      expect((await v.get('/session')).statusCode).toBe(200);
    }
    // 3 h 45 min of steady use; the next call comes after the four hours.
    t.clock.advance(25 * 60_000);
    expectErrorBody(await v.get('/session'), 401, 'unauthenticated');
  });
});

describe('housekeeping', () => {
  it('forgets old codes, wrong tries and ended sessions every night (the requests stay)', async () => {
    const a = await newTenant(t);
    await t.deps.jobs.tickCron();
    const v = await verifiedVisitor(t, a.code, a.tenant.id, 'sms', '13800138444', '+8613800138444');
    await publicCall(t, 'POST', a.code, '/sessions', { body: { channel: 'sms', to: '13800138445', code: '123456' }, ip: v.ip });
    expect((await v.post('/requests', { ...{ type: 'consultation', subject: '问', description: '问题' }, name: '老客' })).statusCode).toBe(201);
    for (const table of ['self_service_codes', 'self_service_sessions', 'self_service_failures', 'self_service_submissions']) expect(await countRows(t, table, a.tenant.id), table).toBe(1);
    t.clock.advance(24 * 3600_000);
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(a.tenant.id);
    expect(await countRows(t, 'self_service_codes', a.tenant.id)).toBe(1);
    t.clock.advance(2 * 24 * 3600_000);
    await t.deps.jobs.tickCron();
    await t.deps.jobs.drain(a.tenant.id);
    for (const table of ['self_service_codes', 'self_service_sessions', 'self_service_failures', 'self_service_submissions']) expect(await countRows(t, table, a.tenant.id), table).toBe(0);
    expect(await countRows(t, 'service_requests', a.tenant.id)).toBe(1);
    expect(await countRows(t, 'outbound_messages', a.tenant.id)).toBe(1);
    const msg = (await t.deps.db.pool.query('SELECT body, status FROM outbound_messages WHERE tenant_id = $1', [a.tenant.id])).rows[0];
    expect(msg.body).toBe('[redacted]');
  });
});
