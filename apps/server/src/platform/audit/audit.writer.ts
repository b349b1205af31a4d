import type { DbOrTx } from '../db/client.ts';
import { auditLog, type FieldChange } from './audit.tables.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: FieldChange[];
  meta?: Record<string, unknown>;
}

export interface AuditWriter {
  /** Write one audit row with the caller's transaction, so it commits or rolls back with the change. */
  record(tx: DbOrTx, entry: AuditEntry): Promise<void>;
  /** Many rows in one statement (bulk changes: one row per record, one round trip per batch). */
  recordMany(tx: DbOrTx, entries: AuditEntry[]): Promise<void>;
}

interface Who {
  tenantId: string;
  actorId: string | null;
  actorKind: 'user' | 'apiKey' | 'system';
  actorName: string;
  ip: string | null;
  requestId: string | null;
}

export function auditWriter(who: Who): AuditWriter {
  const row = (entry: AuditEntry) => ({
    tenantId: who.tenantId,
    actorId: who.actorId,
    actorKind: who.actorKind,
    actorName: who.actorName,
    ip: who.ip,
    requestId: who.requestId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes: entry.changes ?? [],
    meta: entry.meta ?? {},
  });
  return {
    async record(tx, entry) {
      await tx.insert(auditLog).values(row(entry));
    },
    async recordMany(tx, entries) {
      if (entries.length) await tx.insert(auditLog).values(entries.map(row));
    },
  };
}

const IGNORED = new Set(['updatedAt', 'createdAt', 'namePinyin', 'nameInitials', 'nameGrams', 'lastTouchedAt', 'passwordHash', 'keyHash', 'tokenHash', 'tenantId', 'id']);

const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));
const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

/** Field-level before/after of a change; secrets and derived search columns are left out. */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const k of keys) {
    if (IGNORED.has(k)) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (!same(b, a)) out.push({ field: k, before: norm(b) ?? null, after: norm(a) ?? null });
  }
  return out;
}
