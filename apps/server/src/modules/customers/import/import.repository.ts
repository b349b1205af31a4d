import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { insertJsonRows } from '../../../platform/db/bulk-insert.ts';
import type { Ctx } from '../../../platform/http/context.ts';
import { insertScoped, scopedWhere, unitInSubtree, type Fence } from '../../../platform/db/scoped.ts';
import { orgUnits } from '../../../platform/tenancy/tenancy.tables.ts';
import { customerPhones, customers, importedRows, importMappings } from '../customers.tables.ts';
import type { UnitRef } from './store-lookup.ts';
import { customerImports } from './import.tables.ts';

/** An uploaded file is seen only by the user who uploaded it. */
export const importFence: Fence = { table: customerImports, owner: customerImports.createdBy, entity: 'customerImport' };
export type ImportRow = typeof customerImports.$inferSelect;

export function insertImport(ctx: Ctx, tx: DbOrTx, values: Omit<typeof customerImports.$inferInsert, 'tenantId'>) {
  return insertScoped<ImportRow>(ctx, tx, importFence, values, { action: 'customer.import_uploaded' });
}

export async function findOwnImport(ctx: Ctx, id: string): Promise<ImportRow | null> {
  const [row] = await ctx.db.select().from(customerImports).where(scopedWhere(ctx, importFence, eq(customerImports.id, id), eq(customerImports.createdBy, ctx.actor.id)));
  return row ?? null;
}

// ---------- remembered mappings ----------

export async function rememberedMapping(ctx: Ctx, signature: string): Promise<Record<string, string> | null> {
  const [row] = await ctx.db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.tenantId, ctx.tenantId), eq(importMappings.object, 'customer'), eq(importMappings.signature, signature)));
  return row?.mapping ?? null;
}

export async function rememberMapping(ctx: Ctx, signature: string, mapping: Record<string, string>) {
  const now = ctx.now();
  await ctx.db
    .insert(importMappings)
    .values({ tenantId: ctx.tenantId, object: 'customer', signature, mapping, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: [importMappings.tenantId, importMappings.object, importMappings.signature], set: { mapping, updatedAt: now } });
}

// ---------- stores the importer may assign ----------

/** Units within the caller's scope (tenant: all; subtree: its part of the tree; unit/own: its own unit). */
export async function unitsInScope(ctx: Ctx): Promise<UnitRef[]> {
  const s = ctx.scope;
  const within = s.kind === 'tenant' ? undefined : s.kind === 'subtree' ? unitInSubtree(ctx, orgUnits.id, s.unitPath) : eq(orgUnits.id, s.unitId);
  return ctx.db
    .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name, status: orgUnits.status })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, ctx.tenantId), within));
}

// ---------- idempotent batch writes ----------

/** Row keys of this file already imported by an earlier run. */
export async function importedKeys(db: DbOrTx, tenantId: string, fileHash: string, rowKeys: string[]): Promise<Set<string>> {
  if (!rowKeys.length) return new Set();
  const rows = await db
    .select({ rowKey: importedRows.rowKey })
    .from(importedRows)
    .where(and(eq(importedRows.tenantId, tenantId), eq(importedRows.fileHash, fileHash), inArray(importedRows.rowKey, rowKeys)));
  return new Set(rows.map((r) => r.rowKey));
}

/**
 * Claim rows of a file for new customers; answers the keys this transaction won. A key claimed before (an earlier
 * run, or a concurrent one that committed first) is left out, so no row is ever created twice.
 */
export async function claimRows(tx: DbOrTx, tenantId: string, fileHash: string, claims: { rowKey: string; customerId: string }[], now: Date): Promise<Set<string>> {
  if (!claims.length) return new Set();
  const won = await tx
    .insert(importedRows)
    .values(claims.map((c) => ({ tenantId, fileHash, rowKey: c.rowKey, customerId: c.customerId, createdAt: now })))
    .onConflictDoNothing()
    .returning({ rowKey: importedRows.rowKey });
  return new Set(won.map((r) => r.rowKey));
}

type NewCustomer = typeof customers.$inferInsert;
type NewPhone = typeof customerPhones.$inferInsert;

/** Multi-row inserts, chunked below PostgreSQL's 65,535 parameters per statement. */
/** A batch of new customers and their phone rows (ids made by the caller), each table in one JSON statement. */
export async function insertCustomers(tx: DbOrTx, rows: NewCustomer[], phones: NewPhone[]) {
  await insertJsonRows(tx, customers, rows);
  await insertJsonRows(tx, customerPhones, phones);
}
