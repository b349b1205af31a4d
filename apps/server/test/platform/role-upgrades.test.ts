import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_PERMISSION_VERSION, upgradeBuiltinRoles } from '../../src/platform/tenancy/role-upgrades.ts';
import { newTenant, type TestApp, testApp } from '../helpers.ts';

/** A tenant made before orders and requests existed gets their permissions on its built-in roles at start-up. */

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.app.close();
});

const perms = async (tenantId: string, name: string) =>
  (await t.deps.db.pool.query('SELECT permissions FROM roles WHERE tenant_id = $1 AND name = $2', [tenantId, name])).rows[0].permissions as string[];

describe('built-in role upgrades', () => {
  it('adds the newer permissions the built-in definition grants, once, and keeps what an administrator removed removed', async () => {
    const { tenant } = await newTenant(t);
    expect(await perms(tenant.id, '店长')).toContain('orders:approve');
    // Make it look like a tenant of version 1 whose administrator took customers:export away from 店长.
    await t.deps.db.pool.query(
      `UPDATE roles SET permissions = array(SELECT p FROM unnest(permissions) p WHERE p NOT LIKE 'orders:%' AND p NOT LIKE 'requests:%' AND p <> 'customers:export')
        WHERE tenant_id = $1 AND name = '店长'`,
      [tenant.id],
    );
    await t.deps.db.pool.query("UPDATE tenants SET settings = settings - 'permissionsVersion' WHERE id = $1", [tenant.id]);

    expect(await upgradeBuiltinRoles(t.deps.db.db)).toBeGreaterThanOrEqual(1);
    const after = await perms(tenant.id, '店长');
    expect(after).toEqual(expect.arrayContaining(['orders:view', 'orders:approve', 'requests:review']));
    expect(after).not.toContain('customers:export');
    expect(after).not.toContain('requests:admin'); // not in the 店长 definition
    expect(new Set(after).size).toBe(after.length);
    const v = (await t.deps.db.pool.query("SELECT settings->>'permissionsVersion' AS v FROM tenants WHERE id = $1", [tenant.id])).rows[0].v;
    expect(Number(v)).toBe(CURRENT_PERMISSION_VERSION);

    // Once upgraded, a removal sticks.
    await t.deps.db.pool.query("UPDATE roles SET permissions = array_remove(permissions, 'orders:approve') WHERE tenant_id = $1 AND name = '店长'", [tenant.id]);
    await upgradeBuiltinRoles(t.deps.db.db);
    expect(await perms(tenant.id, '店长')).not.toContain('orders:approve');
  });
});
