import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<{ messageId: string }>;
  readonly configured: boolean;
}

/** E-mail over real SMTP (nodemailer). Without SMTP settings, sending fails with a clear error. */
export function createMailer(config: Config): Mailer {
  if (!config.smtp) {
    return {
      configured: false,
      async send() {
        throw new Error('SMTP is not configured (set SMTP_HOST, SMTP_PORT, SMTP_FROM)');
      },
    };
  }
  const smtp = config.smtp;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.pass } : undefined,
    tls: { rejectUnauthorized: process.env.SMTP_TLS_REJECT_UNAUTHORIZED !== 'false' },
  });
  return {
    configured: true,
    async send(msg) {
      const info = await transport.sendMail({ from: smtp.from, ...msg });
      return { messageId: info.messageId };
    },
  };
}
