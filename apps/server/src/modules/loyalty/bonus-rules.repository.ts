import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { Ctx } from '../../platform/http/context.ts';
import { scopedWhere, type Fence } from '../../platform/db/scoped.ts';
import { createdBefore, createdSortKey, pageOf } from '../../platform/db/keyset.ts';
import { orgUnits } from '../../platform/tenancy/tenancy.tables.ts';
import { loyaltyBonusRules } from './bonus-rules.tables.ts';

/** Bonus rules (LOY-2): the only file that queries their table. */

export type BonusRuleRow = typeof loyaltyBonusRules.$inferSelect;

/** The rules are the tenant's programme (no store or owner): loyalty:view reads them all, loyalty:admin writes. */
export const bonusRuleFence: Fence = { table: loyaltyBonusRules, entity: 'loyaltyBonusRule' };

export async function findBonusRule(ctx: Ctx, db: DbOrTx, id: string): Promise<BonusRuleRow | null> {
  const rows = await db.select().from(loyaltyBonusRules).where(scopedWhere(ctx, bonusRuleFence, eq(loyaltyBonusRules.id, id)));
  return rows[0] ?? null;
}

export const bonusRuleListWhere = (ctx: Ctx, q: { active?: boolean }): SQL =>
  scopedWhere(ctx, bonusRuleFence, q.active === undefined ? undefined : eq(loyaltyBonusRules.active, q.active));

export async function bonusRulePage(db: DbOrTx, where: SQL, limit: number, cursor: [string, string] | null) {
  const after = createdBefore(loyaltyBonusRules.createdAt, loyaltyBonusRules.id, cursor);
  const rows = await db
    .select({ rule: loyaltyBonusRules, id: loyaltyBonusRules.id, sortKey: createdSortKey(loyaltyBonusRules.createdAt) })
    .from(loyaltyBonusRules)
    .where(after ? and(where, after) : where)
    .orderBy(desc(loyaltyBonusRules.createdAt), desc(loyaltyBonusRules.id))
    .limit(limit + 1);
  return pageOf(rows, limit);
}

/** Active rules whose window holds the Shanghai calendar day `day` (YYYY-MM-DD), oldest first. */
export async function rulesInForce(db: DbOrTx, tenantId: string, day: string): Promise<BonusRuleRow[]> {
  const r = loyaltyBonusRules;
  return db
    .select()
    .from(r)
    .where(and(eq(r.tenantId, tenantId), eq(r.active, true), or(isNull(r.validFrom), lte(r.validFrom, day)), or(isNull(r.validTo), gte(r.validTo, day))))
    .orderBy(asc(r.createdAt), asc(r.id));
}

/** A store's kind and place in the org tree (its path names every unit above it). */
export async function storeFacts(db: DbOrTx, tenantId: string, unitId: string): Promise<{ storeKind: string | null; path: string } | null> {
  const rows = await db
    .select({ storeKind: orgUnits.storeKind, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.id, unitId)));
  return rows[0] ?? null;
}

/** Which of these org units exist in the tenant. */
export async function existingUnitIds(db: DbOrTx, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, ids)));
  return new Set(rows.map((r) => r.id));
}
