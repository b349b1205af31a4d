import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../platform/db/client.ts';
import type { Ctx } from '../platform/http/context.ts';
import { systemCtx } from '../platform/jobs/system-ctx.ts';
import { orgUnits, users } from '../platform/tenancy/tenancy.tables.ts';

/** The demo's stores and their salespeople, and contexts acting as one of them at a past time. */

export interface Seller {
  id: string;
  name: string;
  unitId: string;
  unitPath: string;
}

/** A context acting as a store's salesperson at a given time: what they create is theirs, audited under their name. */
export function as(db: Db, tenantId: string, u: Seller, t: number, source = 'demo-sales'): Ctx {
  const base = systemCtx(db, tenantId, () => new Date(t), source);
  return { ...base, actor: { kind: 'user', id: u.id, name: u.name, unitId: u.unitId, unitPath: u.unitPath } };
}

/** The tenant's stores (by code) and a function giving a store's salespeople. */
export async function storeStaff(db: Db, tenantId: string) {
  const stores = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path, parentId: orgUnits.parentId, provinceCode: orgUnits.provinceCode, cityCode: orgUnits.cityCode, storeKind: orgUnits.storeKind })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.kind, 'store')))
    .orderBy(asc(orgUnits.code));
  const staff = stores.length
    ? await db
        .select({ id: users.id, name: users.displayName, unitId: users.unitId, username: users.username })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.unitId, stores.map((s) => s.id))))
    : [];
  const sellersOf = (storeId: string): Seller[] =>
    staff.filter((u) => u.unitId === storeId && u.username.includes('_sales')).map((u) => ({ id: u.id, name: u.name ?? u.username, unitId: storeId, unitPath: stores.find((s) => s.id === storeId)!.path }));
  const managerOf = (storeId: string): Seller | null => {
    const u = staff.find((x) => x.unitId === storeId && x.username.endsWith('_mgr'));
    return u ? { id: u.id, name: u.name ?? u.username, unitId: storeId, unitPath: stores.find((s) => s.id === storeId)!.path } : null;
  };
  return { stores, sellersOf, managerOf };
}
