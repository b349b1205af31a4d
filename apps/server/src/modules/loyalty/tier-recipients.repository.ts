import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { tenants, users } from '../../platform/tenancy/tenancy.tables.ts';

/** Who hears of a member's change of tier, and the brand name that signs the member's text (LOY-5). */

export async function isActiveUser(db: DbOrTx, tenantId: string, userId: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.status, 'active')));
  return rows.length > 0;
}

/** Active users working in `unitId` whose roles grant `permission` (a store's managers: loyalty:adjust). */
export async function activeHoldersIn(db: DbOrTx, tenantId: string, unitId: string, permission: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.unitId, unitId),
        eq(users.status, 'active'),
        sql`EXISTS (SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = ${users.id} AND ${permission} = ANY (r.permissions))`,
      ),
    )
    .orderBy(asc(users.id));
  return rows.map((r) => r.id);
}

export async function tenantName(db: DbOrTx, tenantId: string): Promise<string> {
  const rows = await db.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  return rows[0]?.name ?? '';
}
