import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { readConfig } from '../../src/platform/config.ts';
import { createMailer } from '../../src/platform/mail/mailer.ts';
import { freePort } from '../global-setup.ts';

/** E-mail goes out over a real SMTP conversation (an in-process SMTP server stands in for the relay). */
let server: SMTPServer;
let port: number;
const received: { from: string; to: string[]; raw: string; user?: string }[] = [];

beforeAll(async () => {
  port = await freePort();
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      if (auth.username === 'jiake' && auth.password === 'secret') cb(null, { user: auth.username });
      else cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('mailer', () => {
  it('delivers a Chinese message with authentication over SMTP', async () => {
    const config = readConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_USER: 'jiake', SMTP_PASS: 'secret', SMTP_FROM: 'crm@jiake.example.cn' });
    const mailer = createMailer(config);
    expect(mailer.configured).toBe(true);
    const res = await mailer.send({ to: 'kehu@example.cn', subject: '订单确认', text: '您好，您的订单已确认。' });
    expect(res.messageId).toBeTruthy();
    const msg = received.at(-1)!;
    expect(msg.from).toBe('crm@jiake.example.cn');
    expect(msg.to).toEqual(['kehu@example.cn']);
    expect(msg.user).toBe('jiake');
    expect(msg.raw).toContain('Subject: =?UTF-8?');
  });

  it('fails clearly when the relay refuses the credentials', async () => {
    const mailer = createMailer(readConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_USER: 'jiake', SMTP_PASS: 'wrong' }));
    await expect(mailer.send({ to: 'a@example.cn', subject: 'x', text: 'y' })).rejects.toThrow();
  });

  it('says SMTP is not configured when it is not', async () => {
    const mailer = createMailer(readConfig({}));
    expect(mailer.configured).toBe(false);
    await expect(mailer.send({ to: 'a@example.cn', subject: 'x', text: 'y' })).rejects.toThrow(/SMTP is not configured/);
  });
});
