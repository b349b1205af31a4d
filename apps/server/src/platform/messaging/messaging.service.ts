import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.ts';
import type { Ctx } from '../http/context.ts';
import { AppError, invalid, issue } from '../http/errors.ts';
import type { JobHandler, JobRunner } from '../jobs/runner.ts';
import { enqueueJob } from '../jobs/runner.ts';
import type { Mailer } from '../mail/mailer.ts';
import { maskPhone, normalisePhone } from '../phone.ts';
import { outboundMessages } from './messaging.tables.ts';
import { smsProviderFromEnv, type SmsProvider } from './sms-providers.ts';

export type MessageChannel = 'sms' | 'email';
export type MessageRow = typeof outboundMessages.$inferSelect;

export interface NewMessage {
  channel: MessageChannel;
  /** A phone in any common format (sms) or an e-mail address. */
  to: string;
  /** E-mail subject; SMS ignore it. */
  subject?: string;
  text: string;
  customerId?: string | null;
  /** Why it is sent: verification_code, request_update, care … */
  purpose: string;
  /** The text holds a secret (a verification code): message lists never show it. */
  sensitive?: boolean;
  /** Issue path for a bad recipient (the caller's input field). */
  toPath?: string;
}

export const MESSAGE_JOB = 'messaging.send';
const MAX_ATTEMPTS = 5;
const Email = z.email().max(200);

/** The recipient as the channel stores it: E.164 for SMS, a lower-case address for e-mail; null when invalid. */
export function normaliseRecipient(channel: MessageChannel, to: string): string | null {
  if (channel === 'sms') return normalisePhone(to)?.e164 ?? null;
  const email = to.trim().toLowerCase();
  return Email.safeParse(email).success ? email : null;
}

/** 138****5678 for phones, z***@example.cn for e-mail. */
export function maskRecipient(channel: MessageChannel, recipient: string): string {
  if (channel === 'sms') return maskPhone(recipient);
  const at = recipient.lastIndexOf('@');
  if (at < 1) return '***';
  return `${recipient[0]}***${recipient.slice(at)}`;
}

/**
 * Record a message and queue its sending, in the caller's transaction: if the change that sends it rolls back,
 * nothing is sent. A durable job sends it (retried with back-off up to 5 attempts); the row tells queued → sent or
 * failed, the attempts and the provider's reference.
 */
export async function sendMessage(ctx: Ctx, tx: DbOrTx, msg: NewMessage): Promise<{ id: string; status: 'queued' }> {
  const recipient = normaliseRecipient(msg.channel, msg.to);
  if (!recipient) {
    throw invalid([issue(msg.toPath ?? 'body.to', msg.channel === 'sms' ? 'invalid_phone' : 'invalid_email', `not a valid ${msg.channel === 'sms' ? 'phone number' : 'e-mail address'}`)]);
  }
  if (!msg.text.trim()) throw invalid([issue('body.text', 'required', 'a message needs a text')]);
  const now = ctx.now();
  const [row] = await tx
    .insert(outboundMessages)
    .values({
      tenantId: ctx.tenantId,
      channel: msg.channel,
      recipient,
      subject: msg.channel === 'email' ? (msg.subject ?? '') : null,
      body: msg.text,
      purpose: msg.purpose,
      sensitive: msg.sensitive ?? false,
      customerId: msg.customerId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: outboundMessages.id });
  await enqueueJob(tx, ctx.tenantId, MESSAGE_JOB, { messageId: row.id }, { maxAttempts: MAX_ATTEMPTS, dedupeKey: `message:${row.id}` }, null, now);
  await ctx.audit.record(tx, {
    action: 'message.queued',
    entityType: 'outboundMessage',
    entityId: row.id,
    meta: { channel: msg.channel, purpose: msg.purpose, to: maskRecipient(msg.channel, recipient), customerId: msg.customerId ?? null },
  });
  return { id: row.id, status: 'queued' };
}

export interface MessagingDeps {
  mailer: Mailer;
  sms: SmsProvider;
}

/**
 * The job that sends one message. Safe to run again: a message already sent is not sent twice by a later run (a
 * crash between the provider's acceptance and the row's update can still send it twice: at-least-once). The last
 * allowed attempt marks the message failed; an e-mail without SMTP settings fails at once.
 */
export function deliverMessage(deps: MessagingDeps): JobHandler {
  return async (ctx, job) => {
    const messageId = String(job.input.messageId ?? '');
    const [m] = await ctx.db
      .select()
      .from(outboundMessages)
      .where(and(eq(outboundMessages.tenantId, job.tenantId), eq(outboundMessages.id, messageId)));
    if (!m) throw new AppError('not_found', `message ${messageId} not found`);
    if (m.status === 'sent') return { messageId, alreadySent: true };
    const provider = m.channel === 'sms' ? deps.sms.name : 'smtp';
    const done = async (values: Partial<MessageRow>, action: string, meta: Record<string, unknown>) =>
      ctx.db.transaction(async (tx) => {
        await tx
          .update(outboundMessages)
          .set({ ...values, provider, attempts: sql`${outboundMessages.attempts} + 1`, updatedAt: ctx.now() })
          .where(eq(outboundMessages.id, m.id));
        await ctx.audit.record(tx, { action, entityType: 'outboundMessage', entityId: m.id, meta: { channel: m.channel, purpose: m.purpose, attempt: job.attempts, ...meta } });
      });
    try {
      if (m.channel === 'email' && !deps.mailer.configured) throw new AppError('conflict', 'SMTP is not configured (set SMTP_HOST, SMTP_PORT, SMTP_FROM)');
      const providerRef =
        m.channel === 'sms'
          ? (await deps.sms.send({ to: m.recipient, text: m.body, messageId: m.id, tenantId: m.tenantId })).providerRef
          : (await deps.mailer.send({ to: m.recipient, subject: m.subject ?? '', text: m.body })).messageId;
      await done({ status: 'sent', providerRef, sentAt: ctx.now(), lastError: null }, 'message.sent', { providerRef });
      return { messageId, providerRef };
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      const final = err instanceof AppError || job.attempts >= job.maxAttempts;
      await done({ status: final ? 'failed' : 'queued', lastError: message }, final ? 'message.failed' : 'message.retrying', { error: message });
      throw err;
    }
  };
}

/** Register the sending job (called from a module's register…Jobs; the SMS provider comes from SMS_PROVIDER). */
export function registerMessagingJobs(deps: { jobs: JobRunner; mailer: Mailer }, sms: SmsProvider = smsProviderFromEnv()) {
  deps.jobs.register(MESSAGE_JOB, deliverMessage({ mailer: deps.mailer, sms }));
}

/** Blank the texts of sensitive messages (verification codes) older than `before`: the record stays, the secret goes. */
export async function redactSensitive(db: DbOrTx, tenantId: string, before: Date): Promise<number> {
  const rows = await db
    .update(outboundMessages)
    .set({ body: '[redacted]' })
    .where(and(eq(outboundMessages.tenantId, tenantId), eq(outboundMessages.sensitive, true), sql`${outboundMessages.createdAt} < ${before}`, sql`${outboundMessages.body} <> '[redacted]'`))
    .returning({ id: outboundMessages.id });
  return rows.length;
}

// ---------- the admin list ----------

export interface MessageListQuery {
  channel?: MessageChannel;
  status?: 'queued' | 'sent' | 'failed';
  purpose?: string;
  customerId?: string;
  limit: number;
  cursor?: string;
}

export const toMessageDto = (m: MessageRow) => ({
  id: m.id,
  channel: m.channel,
  to: maskRecipient(m.channel, m.recipient),
  subject: m.subject,
  text: m.sensitive ? null : m.body,
  purpose: m.purpose,
  customerId: m.customerId,
  status: m.status,
  attempts: m.attempts,
  provider: m.provider,
  providerRef: m.providerRef,
  lastError: m.lastError,
  createdAt: m.createdAt.toISOString(),
  sentAt: m.sentAt?.toISOString() ?? null,
});

function decodeCursor(c: string): [string, string] | null {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v[0]) && z.uuid().safeParse(v[1]).success) return [v[0], v[1]];
  } catch {}
  return null;
}

/** Messages of the tenant, newest first, keyset-paged; recipients masked, sensitive texts left out. */
export async function listMessages(ctx: Ctx, q: MessageListQuery) {
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  if (q.cursor && !cursor) throw invalid([issue('query.cursor', 'invalid_cursor', 'invalid cursor')]);
  const conds: (SQL | undefined)[] = [
    eq(outboundMessages.tenantId, ctx.tenantId),
    q.channel ? eq(outboundMessages.channel, q.channel) : undefined,
    q.status ? eq(outboundMessages.status, q.status) : undefined,
    q.purpose ? eq(outboundMessages.purpose, q.purpose) : undefined,
    q.customerId ? eq(outboundMessages.customerId, q.customerId) : undefined,
    cursor ? sql`(${outboundMessages.createdAt}, ${outboundMessages.id}) < (${cursor[0]}::timestamptz, ${cursor[1]}::uuid)` : undefined,
  ];
  const rows = await ctx.db
    .select({ m: outboundMessages, sortKey: sql<string>`to_char(${outboundMessages.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(outboundMessages)
    .where(and(...conds))
    .orderBy(desc(outboundMessages.createdAt), desc(outboundMessages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toMessageDto(r.m)),
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify([last.sortKey, last.m.id])).toString('base64url') : null,
  };
}
