import type { DataScope, FieldAccess } from '@jiake/shared';
import type { Db } from '../db/client.ts';
import type { AuditWriter } from '../audit/audit.writer.ts';

export interface Actor {
  kind: 'user' | 'apiKey' | 'system';
  id: string;
  name: string;
  unitId: string;
  /** Materialised path of the actor's unit ('/<root>/<region>/<store>/'). */
  unitPath: string;
}

export interface Scope {
  kind: DataScope;
  userId: string;
  unitId: string;
  unitPath: string;
}

/** The one request context every service function receives: `(ctx, input)`. */
export interface Ctx {
  tenantId: string;
  actor: Actor;
  permissions: ReadonlySet<string>;
  scope: Scope;
  fieldRules: Readonly<Record<string, FieldAccess>>;
  db: Db;
  audit: AuditWriter;
  requestId: string;
  ip: string | null;
  locale: string;
  now: () => Date;
}

export function can(ctx: Ctx, permission: string) {
  return ctx.permissions.has(permission);
}

export function fieldAccess(ctx: Ctx, object: string, field: string): FieldAccess {
  return ctx.fieldRules[`${object}.${field}`] ?? 'editable';
}
