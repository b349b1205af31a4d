import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../helpers.ts';

/** A client address of its own per test: the per-address limits count over all tenants (and test files share the database). */
export const freshIp = () => `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${1 + Math.floor(Math.random() * 250)}`;

export interface Visitor {
  headers: Record<string, string>;
  token: string;
  ip: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

/** A public call to `/api/v1/public/{code}{path}` from an address, with optional headers. */
export function publicCall(t: TestApp, method: 'GET' | 'POST' | 'DELETE', code: string, path: string, opts: { body?: unknown; ip?: string; headers?: Record<string, string> } = {}) {
  return t.app.inject({
    method,
    url: `/api/v1/public/${code}${path}`,
    remoteAddress: opts.ip ?? '10.0.0.1',
    headers: opts.headers ?? {},
    ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
}

/** The latest code sent to a recipient, read from the outbox (as a developer, or the browser journey, would). */
export async function lastCode(t: TestApp, tenantId: string, recipient: string): Promise<string> {
  const r = await t.deps.db.pool.query(
    "SELECT body FROM outbound_messages WHERE tenant_id = $1 AND recipient = $2 AND purpose = 'verification_code' ORDER BY created_at DESC, id DESC LIMIT 1",
    [tenantId, recipient],
  );
  const m = /\d{6}/.exec(r.rows[0]?.body ?? '');
  if (!m) throw new Error(`no code sent to ${recipient}`);
  return m[0];
}

/** Ask for a code and verify it: a visitor with a session cookie. `recipient` is how the outbox stores `to`. */
export async function verifiedVisitor(t: TestApp, code: string, tenantId: string, channel: 'sms' | 'email', to: string, recipient: string, ip = freshIp()): Promise<Visitor> {
  const asked = await publicCall(t, 'POST', code, '/verification-codes', { body: { channel, to }, ip });
  if (asked.statusCode !== 202) throw new Error(`code request failed: ${asked.statusCode} ${asked.body}`);
  const verified = await publicCall(t, 'POST', code, '/sessions', { body: { channel, to, code: await lastCode(t, tenantId, recipient) }, ip });
  if (verified.statusCode !== 201) throw new Error(`verify failed: ${verified.statusCode} ${verified.body}`);
  const cookie = verified.cookies.find((c) => c.name === 'jk_self')!;
  const headers = { cookie: `jk_self=${cookie.value}` };
  return {
    headers,
    token: verified.json().token,
    ip,
    get: (url) => publicCall(t, 'GET', code, url, { ip, headers }),
    post: (url, body) => publicCall(t, 'POST', code, url, { ip, headers, body: body ?? {} }),
  };
}

/** A real SMTP server in this process (the relay of the e-mail channel), collecting what it receives. */
export async function startSmtp() {
  const { SMTPServer } = await import('smtp-server');
  const { freePort } = await import('../global-setup.ts');
  const port = await freePort();
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_FROM: 'service@jiake.example.cn' },
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The text of a single-part message as received over SMTP (base64 or quoted-printable decoded). */
export function mailText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
