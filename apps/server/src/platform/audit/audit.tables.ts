import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tenantColumn, ts } from '../db/columns.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The audit trail (留痕, PLAT-6). Append-only: a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: tenantColumn(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind', { enum: ['user', 'apiKey', 'system'] }).notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    changes: jsonb('changes').$type<FieldChange[]>().notNull().default([]),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_entity').on(t.tenantId, t.entityType, t.entityId, t.id),
    index('audit_tenant_id').on(t.tenantId, t.id),
  ],
);
