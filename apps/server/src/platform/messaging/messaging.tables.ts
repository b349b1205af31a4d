import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantColumn, timestamps, ts } from '../db/columns.ts';

/**
 * Every SMS and e-mail the product sends (the messaging interface's record and the development "outbox"): queued
 * with the change that caused it, sent by a durable job with retries. `recipient` is kept as sent (E.164 or
 * e-mail) because the job needs it; lists show it masked. `sensitive` bodies (verification codes) are never listed.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** Why it was sent (verification_code, request_update, care …): for lists, reports and rate limits. */
    purpose: text('purpose').notNull(),
    sensitive: boolean('sensitive').notNull().default(false),
    customerId: uuid('customer_id'),
    status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    provider: text('provider'),
    providerRef: text('provider_ref'),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    ...timestamps(),
  },
  (t) => [
    index('outbound_messages_tenant_created').on(t.tenantId, t.createdAt, t.id),
    index('outbound_messages_recipient').on(t.tenantId, t.recipient, t.createdAt),
    index('outbound_messages_customer').on(t.tenantId, t.customerId, t.createdAt),
  ],
);
