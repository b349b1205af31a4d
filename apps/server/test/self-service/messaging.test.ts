import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { JobRunner } from '../../src/platform/jobs/runner.ts';
import { systemCtx } from '../../src/platform/jobs/system-ctx.ts';
import { registerMessagingJobs, sendMessage, type NewMessage } from '../../src/platform/messaging/messaging.service.ts';
import { webhookSmsProvider } from '../../src/platform/messaging/sms-providers.ts';
import { countRows, expectErrorBody, rowOf } from '../factories.ts';
import { makeStore, newTenant, type TestApp, testApp, uniq, userIn } from '../helpers.ts';
import { freePort } from '../global-setup.ts';

/**
 * The messaging interface: a message is recorded with the change that sends it, and a durable job sends it (SMS
 * through the configured provider, e-mail over real SMTP), retrying with back-off; the row tells what happened.
 */
let t: TestApp;
let bare: TestApp;
let smtp: SMTPServer;
const received: { to: string[]; raw: string }[] = [];
/** The SMTP relay refuses the next N recipients with a temporary error. */
let refuseNext = 0;

beforeAll(async () => {
  const port = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, cb) {
      if (refuseNext > 0) {
        refuseNext--;
        const err = new Error('mailbox busy, try later') as Error & { responseCode: number };
        err.responseCode = 451;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
  t = await testApp({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'crm@jiake.example.cn' });
  bare = await testApp();
});
afterAll(async () => {
  await t.app.close();
  await bare.app.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function queue(app: TestApp, tenantId: string, msg: NewMessage) {
  const ctx = systemCtx(app.deps.db.db, tenantId, app.clock.now, 'test');
  return app.deps.db.db.transaction((tx) => sendMessage(ctx, tx, msg));
}

const message = async (app: TestApp, id: string) => (await rowOf(app, 'outbound_messages', id)) as Record<string, unknown>;
const jobOf = async (app: TestApp, id: string) =>
  (await app.deps.db.pool.query("SELECT status, attempts, error FROM jobs WHERE dedupe_key = $1", [`message:${id}`])).rows[0] as { status: string; attempts: number; error: string | null };

describe('sending SMS', () => {
  it('records the message as queued with its job, and the job sends it through the outbox provider', async () => {
    const a = await newTenant(t);
    const { id } = await queue(t, a.tenant.id, { channel: 'sms', to: '+86 138-0013-8000', text: '您的订单已发货', purpose: 'order_update' });
    let m = await message(t, id);
    expect(m).toMatchObject({ channel: 'sms', recipient: '+8613800138000', status: 'queued', attempts: 0, provider_ref: null });
    expect((await jobOf(t, id)).status).toBe('queued');
    await t.deps.jobs.drain(a.tenant.id);
    m = await message(t, id);
    expect(m).toMatchObject({ status: 'sent', attempts: 1, provider: 'outbox', provider_ref: `outbox:${id}`, last_error: null });
    expect(m.sent_at).toBeTruthy();
    expect((await jobOf(t, id)).status).toBe('succeeded');
    const audit = await t.deps.db.pool.query("SELECT action, meta FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id", [a.tenant.id, id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['message.queued', 'message.sent']);
    expect(audit.rows[0].meta.to).toBe('138****8000');
  });

  it('sends nothing when the change that sent it rolls back', async () => {
    const a = await newTenant(t);
    const ctx = systemCtx(t.deps.db.db, a.tenant.id, t.clock.now, 'test');
    await expect(
      t.deps.db.db.transaction(async (tx) => {
        await sendMessage(ctx, tx, { channel: 'sms', to: '13800138000', text: 'x', purpose: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await countRows(t, 'outbound_messages', a.tenant.id)).toBe(0);
    expect(await countRows(t, 'jobs', a.tenant.id)).toBe(0);
  });

  it('refuses a recipient that is not a phone or an e-mail address', async () => {
    const a = await newTenant(t);
    await expect(queue(t, a.tenant.id, { channel: 'sms', to: '12345', text: 'x', purpose: 'test' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(queue(t, a.tenant.id, { channel: 'email', to: 'not-an-address', text: 'x', purpose: 'test' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await countRows(t, 'outbound_messages', a.tenant.id)).toBe(0);
  });

  it('retries a failed gateway call with back-off and records the attempts, then gives up as failed', async () => {
    const calls: { status: number; body: Record<string, unknown>; auth?: string }[] = [];
    let answers: number[] = [];
    const gateway = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const status = answers.shift() ?? 200;
        calls.push({ status, body: JSON.parse(body), auth: req.headers.authorization });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? JSON.stringify({ id: `gw-${calls.length}` }) : JSON.stringify({ error: 'busy' }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    try {
      const a = await newTenant(t);
      // A second worker with the webhook provider, for this tenant only (the app's own runner uses the outbox provider).
      const runner = new JobRunner(t.deps.db.db, t.clock.now, { onlyTenants: () => [a.tenant.id], scope: uniq('msg-') });
      registerMessagingJobs({ jobs: runner, mailer: t.deps.mailer }, webhookSmsProvider(url, 'gw-secret'));

      answers = [500, 200];
      const first = await queue(t, a.tenant.id, { channel: 'sms', to: '13900139000', text: '验证码 123456', purpose: 'verification_code', sensitive: true });
      await runner.drain(a.tenant.id);
      expect(await message(t, first.id)).toMatchObject({ status: 'queued', attempts: 1, provider: 'webhook' });
      expect(String((await message(t, first.id)).last_error)).toContain('answered 500');
      await runner.drain(a.tenant.id);
      expect(calls).toHaveLength(1); // not due before the back-off
      t.clock.advance(11_000);
      await runner.drain(a.tenant.id);
      expect(await message(t, first.id)).toMatchObject({ status: 'sent', attempts: 2, provider_ref: 'gw-2', last_error: null });
      expect(calls[1].body).toMatchObject({ messageId: first.id, tenantId: a.tenant.id, to: '+8613900139000', text: '验证码 123456' });
      expect(calls[1].auth).toBe('Bearer gw-secret');

      answers = [503, 503, 503, 503, 503];
      const second = await queue(t, a.tenant.id, { channel: 'sms', to: '13900139001', text: '您好', purpose: 'care' });
      for (let i = 0; i < 5; i++) {
        await runner.drain(a.tenant.id);
        t.clock.advance(3_600_000);
      }
      expect(await message(t, second.id)).toMatchObject({ status: 'failed', attempts: 5 });
      expect((await jobOf(t, second.id)).status).toBe('failed');
      const actions = (await t.deps.db.pool.query('SELECT action FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 ORDER BY id', [a.tenant.id, second.id])).rows.map((r) => r.action);
      expect(actions).toEqual(['message.queued', 'message.retrying', 'message.retrying', 'message.retrying', 'message.retrying', 'message.failed']);
    } finally {
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  });
});

describe('sending e-mail', () => {
  it('delivers over SMTP and keeps the relay’s message id', async () => {
    const a = await newTenant(t);
    const { id } = await queue(t, a.tenant.id, { channel: 'email', to: 'Kehu@Example.cn', subject: '请求已受理', text: '您好，您的请求已受理。', purpose: 'request_update' });
    await t.deps.jobs.drain(a.tenant.id);
    const m = await message(t, id);
    expect(m).toMatchObject({ status: 'sent', attempts: 1, provider: 'smtp', recipient: 'kehu@example.cn' });
    expect(String(m.provider_ref)).toMatch(/^<.+>$/);
    const mail = received.at(-1)!;
    expect(mail.to).toEqual(['kehu@example.cn']);
    expect(mail.raw).toContain('Subject: =?UTF-8?');
    expect(mail.raw).toContain(String(m.provider_ref));
  });

  it('retries after a temporary SMTP refusal', async () => {
    const a = await newTenant(t);
    refuseNext = 1;
    const before = received.length;
    const { id } = await queue(t, a.tenant.id, { channel: 'email', to: 'later@example.cn', subject: '通知', text: '稍后送达', purpose: 'request_update' });
    await t.deps.jobs.drain(a.tenant.id);
    expect(await message(t, id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(String((await message(t, id)).last_error)).toContain('451');
    expect(received.length).toBe(before);
    t.clock.advance(11_000);
    await t.deps.jobs.drain(a.tenant.id);
    expect(await message(t, id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(received.at(-1)!.to).toEqual(['later@example.cn']);
  });

  it('fails at once without SMTP settings (no retry can help)', async () => {
    const a = await newTenant(bare);
    const { id } = await queue(bare, a.tenant.id, { channel: 'email', to: 'x@example.cn', subject: 's', text: 't', purpose: 'test' });
    await bare.deps.jobs.drain(a.tenant.id);
    expect(await message(bare, id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(String((await message(bare, id)).last_error)).toContain('SMTP is not configured');
    expect((await jobOf(bare, id)).status).toBe('failed');
  });
});

describe('GET /messages', () => {
  it('lists the tenant’s messages newest first with masked recipients and without verification codes', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    await queue(t, a.tenant.id, { channel: 'sms', to: '13800138001', text: '您的验证码是 654321', purpose: 'verification_code', sensitive: true });
    t.clock.advance(1000);
    await queue(t, a.tenant.id, { channel: 'email', to: 'zhang@example.cn', subject: '回访', text: '感谢您的反馈', purpose: 'request_update' });
    await queue(t, b.tenant.id, { channel: 'sms', to: '13800138002', text: '乙品牌', purpose: 'care' });
    const res = await a.admin.get('/api/v1/messages?limit=1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ channel: 'email', to: 'z***@example.cn', text: '感谢您的反馈', status: 'queued' });
    const next = await a.admin.get(`/api/v1/messages?limit=1&cursor=${res.json().nextCursor}`);
    expect(next.json().items[0]).toMatchObject({ channel: 'sms', to: '138****8001', text: null, purpose: 'verification_code' });
    expect(next.json().nextCursor).toBeNull();
    expect(JSON.stringify(next.json())).not.toContain('654321');
    const filtered = await a.admin.get('/api/v1/messages?channel=sms&status=queued');
    expect(filtered.json().items).toHaveLength(1);
    expectErrorBody(await a.admin.get('/api/v1/messages?cursor=bogus'), 422, 'validation_failed');
    expectErrorBody(await a.admin.get('/api/v1/messages?channel=fax'), 422, 'validation_failed');
  });

  it('is for administrators (events:admin)', async () => {
    const a = await newTenant(t);
    const store = await makeStore(a.admin, a.hq.id);
    const { client } = await userIn(t, a.admin, a.code, store.id, '店长');
    expectErrorBody(await client.get('/api/v1/messages'), 403, 'forbidden');
  });
});
