import { sql } from 'drizzle-orm';
import type { DataScope, FieldAccess } from '@jiake/shared';
import { executePrepared, type Db } from '../db/client.ts';
import { sha256 } from './password.ts';

/** Who is calling, with the union of their roles' rights. */
export interface Principal {
  kind: 'user' | 'apiKey';
  id: string;
  name: string;
  username: string;
  tenantId: string;
  tenantCode: string;
  tenantName: string;
  unitId: string;
  unitPath: string;
  unitName: string;
  unitKind: string;
  storeKind: string | null;
  locale: string;
  permissions: string[];
  dataScope: DataScope;
  fieldRules: Record<string, FieldAccess>;
  sessionId?: string;
}

const SCOPE_RANK: Record<DataScope, number> = { own: 0, unit: 1, subtree: 2, tenant: 3 };
const FIELD_RANK: Record<FieldAccess, number> = { hidden: 0, readonly: 1, editable: 2 };

interface RoleRow {
  permissions: string[];
  data_scope: DataScope;
  field_rules: Record<string, FieldAccess>;
}

/** Several roles combine to the widest: union of permissions, widest scope, most open field rule. */
export function combineRoles(roles: RoleRow[]) {
  const permissions = new Set<string>();
  let dataScope: DataScope = 'own';
  const rules: Record<string, FieldAccess> = {};
  const seen: Record<string, number> = {};
  for (const r of roles) {
    for (const p of r.permissions) permissions.add(p);
    if (SCOPE_RANK[r.data_scope] > SCOPE_RANK[dataScope]) dataScope = r.data_scope;
    for (const [k, v] of Object.entries(r.field_rules ?? {})) {
      seen[k] = (seen[k] ?? 0) + 1;
      if (!(k in rules) || FIELD_RANK[v] > FIELD_RANK[rules[k]]) rules[k] = v;
    }
  }
  // A rule restricts only if every role restricts it; a role without the rule leaves the field editable.
  for (const k of Object.keys(rules)) if (seen[k] < roles.length) delete rules[k];
  return { permissions: [...permissions].sort(), dataScope, fieldRules: rules };
}

type Rights = ReturnType<typeof combineRoles>;
const RIGHTS_CACHE_MAX = 1000;
const rightsByRoles = new Map<string, Readonly<Rights>>();

/**
 * The combined rights of the roles in the identity query's JSON text. Every request needs them and a tenant has few
 * distinct role sets, so each text is parsed and combined once (a bounded cache); the answer is shared, hence frozen.
 * A changed role changes the text, so a change applies to the next request.
 */
export function rightsOf(rolesJson: string): Readonly<Rights> {
  let r = rightsByRoles.get(rolesJson);
  if (!r) {
    const combined = combineRoles(JSON.parse(rolesJson) as RoleRow[]);
    r = Object.freeze({ permissions: Object.freeze(combined.permissions) as string[], dataScope: combined.dataScope, fieldRules: Object.freeze(combined.fieldRules) });
    if (rightsByRoles.size >= RIGHTS_CACHE_MAX) rightsByRoles.clear();
    rightsByRoles.set(rolesJson, r);
  }
  return r;
}

const PRINCIPAL_SQL = (where: ReturnType<typeof sql>) => sql`
  SELECT u.id, u.display_name AS name, u.username, u.tenant_id, t.code AS tenant_code, t.name AS tenant_name,
         u.unit_id, ou.path AS unit_path, ou.name AS unit_name, ou.kind AS unit_kind, ou.store_kind, u.locale,
         COALESCE(json_agg(json_build_object('permissions', r.permissions, 'data_scope', r.data_scope, 'field_rules', r.field_rules))
           FILTER (WHERE r.id IS NOT NULL), '[]')::text AS roles
    FROM users u
    JOIN tenants t ON t.id = u.tenant_id
    JOIN org_units ou ON ou.id = u.unit_id
    LEFT JOIN user_roles ur ON ur.user_id = u.id
    LEFT JOIN roles r ON r.id = ur.role_id
   WHERE ${where}
   GROUP BY u.id, t.id, ou.id`;

type Row = {
  id: string; name: string; username: string; tenant_id: string; tenant_code: string; tenant_name: string; unit_id: string;
  unit_path: string; unit_name: string; unit_kind: string; store_kind: string | null; locale: string; roles: string;
};

function toPrincipal(row: Row, kind: 'user' | 'apiKey'): Principal {
  return {
    kind,
    id: row.id,
    name: row.name,
    username: row.username,
    tenantId: row.tenant_id,
    tenantCode: row.tenant_code,
    tenantName: row.tenant_name,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    unitName: row.unit_name,
    unitKind: row.unit_kind,
    storeKind: row.store_kind,
    locale: row.locale,
    ...rightsOf(row.roles),
  };
}

/** One round trip: the session, its active user, the unit and the roles. Touches the session at most once a minute. */
export async function principalFromSession(db: Db, token: string, now: Date): Promise<Principal | null> {
  const hash = sha256(token);
  // Every request runs this: prepared once per connection, it is not planned again (planning was most of its cost).
  const rows = await executePrepared<Row & { session_id: string; last_seen_at: Date }>(db, 'jiake_principal_session', sql`
    WITH s AS (SELECT id AS session_id, user_id, last_seen_at FROM sessions WHERE token_hash = ${hash} AND expires_at > ${now})
    SELECT p.*, s.session_id, s.last_seen_at FROM s JOIN LATERAL (${PRINCIPAL_SQL(sql`u.id = s.user_id AND u.status = 'active'`)}) p ON true`);
  const row = rows[0];
  if (!row) return null;
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.execute(sql`UPDATE sessions SET last_seen_at = ${now} WHERE id = ${row.session_id}`);
  }
  return { ...toPrincipal(row, 'user'), sessionId: row.session_id };
}

export async function principalForUser(db: Db, userId: string): Promise<Principal | null> {
  const res = await db.execute<Row>(PRINCIPAL_SQL(sql`u.id = ${userId}`));
  return res.rows[0] ? toPrincipal(res.rows[0], 'user') : null;
}

/** API key `jk_<prefix>_<secret>`: a service account with the key's role, in the key's unit. */
export async function principalFromApiKey(db: Db, key: string, now: Date): Promise<Principal | null> {
  const m = /^jk_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(key);
  if (!m) return null;
  const rows = await executePrepared<Row & { key_hash: string; key_id: string }>(db, 'jiake_principal_api_key', sql`
    SELECT k.id, k.id AS key_id, k.key_hash, k.name, k.name AS username, k.tenant_id, t.code AS tenant_code, t.name AS tenant_name,
           k.unit_id, ou.path AS unit_path, ou.name AS unit_name, ou.kind AS unit_kind, ou.store_kind, 'zh-CN' AS locale,
           json_build_array(json_build_object('permissions', r.permissions, 'data_scope', r.data_scope, 'field_rules', r.field_rules))::text AS roles
      FROM api_keys k JOIN tenants t ON t.id = k.tenant_id JOIN org_units ou ON ou.id = k.unit_id JOIN roles r ON r.id = k.role_id
     WHERE k.prefix = ${m[1]} AND k.revoked_at IS NULL`);
  const row = rows[0];
  if (!row || row.key_hash !== sha256(key)) return null;
  await db.execute(sql`UPDATE api_keys SET last_used_at = ${now} WHERE id = ${row.key_id} AND (last_used_at IS NULL OR last_used_at < ${new Date(now.getTime() - 60_000)})`);
  return toPrincipal(row, 'apiKey');
}
