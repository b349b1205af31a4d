import { and, eq, lt, sql } from 'drizzle-orm';
import type { PermissionKey } from '@jiake/shared';
import type { Db } from '../db/client.ts';
import { roles, tenants } from './tenancy.tables.ts';
import { BUILTIN_ROLES } from './builtin-roles.ts';

/**
 * Permissions added to the product after tenants were created, by version. At start-up each tenant below the
 * current version gets, on each built-in role (matched by name), the permissions of the newer versions that the
 * role's current definition in BUILTIN_ROLES grants. A permission an administrator removed earlier stays removed:
 * only keys introduced by a newer version are added, once.
 */
export const PERMISSION_VERSIONS: { version: number; added: PermissionKey[] }[] = [
  {
    version: 2,
    added: [
      'events:admin', 'catalogue:view', 'catalogue:admin', 'orders:view', 'orders:create', 'orders:edit', 'orders:approve', 'orders:cancel',
      'followups:view', 'followups:edit', 'followups:admin', 'requests:view', 'requests:create', 'requests:edit', 'requests:review',
      'requests:admin', 'knowledge:view', 'knowledge:edit', 'callerLookup:view',
    ],
  },
  {
    version: 3,
    added: [
      'leads:view', 'leads:create', 'leads:edit', 'leads:assign', 'leads:convert', 'leads:admin', 'activities:view', 'activities:edit',
      'opportunities:view', 'opportunities:edit', 'opportunities:admin', 'targets:view', 'targets:edit',
    ],
  },
  { version: 4, added: ['loyalty:view', 'loyalty:enrol', 'loyalty:adjust', 'loyalty:approve', 'loyalty:admin'] },
];
export const CURRENT_PERMISSION_VERSION = PERMISSION_VERSIONS.at(-1)?.version ?? 1;

const versionOf = sql<number>`coalesce((${tenants.settings}->>'permissionsVersion')::int, 1)`;

/** Bring every tenant's built-in roles up to the current permission version. Answers the tenants upgraded. */
export async function upgradeBuiltinRoles(db: Db): Promise<number> {
  const stale = await db
    .select({ id: tenants.id, version: versionOf })
    .from(tenants)
    .where(lt(versionOf, CURRENT_PERMISSION_VERSION));
  for (const t of stale) {
    await db.transaction(async (tx) => {
      const added = new Set(PERMISSION_VERSIONS.filter((v) => v.version > t.version).flatMap((v) => v.added));
      for (const def of BUILTIN_ROLES) {
        const grant = def.permissions.filter((p) => added.has(p));
        if (!grant.length) continue;
        await tx
          .update(roles)
          .set({ permissions: sql`(SELECT array_agg(DISTINCT p ORDER BY p) FROM unnest(${roles.permissions} || ARRAY[${sql.join(grant.map((g) => sql`${g}`), sql`, `)}]::text[]) AS p)` })
          .where(and(eq(roles.tenantId, t.id), eq(roles.name, def.name), eq(roles.builtin, true)));
      }
      await tx
        .update(tenants)
        .set({ settings: sql`${tenants.settings} || ${JSON.stringify({ permissionsVersion: CURRENT_PERMISSION_VERSION })}::jsonb` })
        .where(eq(tenants.id, t.id));
    });
  }
  return stale.length;
}
