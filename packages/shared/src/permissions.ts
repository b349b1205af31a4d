/**
 * Permission keys: `<module>:<action>`. Roles grant a list of these (PLAT-4).
 * The web app builds its menu from them; every server route declares one.
 */
export const PERMISSIONS = {
  customers: ['view', 'create', 'edit', 'delete', 'export', 'import', 'reveal', 'merge', 'transfer', 'pool'],
  org: ['view', 'admin'],
  users: ['view', 'admin'],
  roles: ['view', 'admin'],
  customFields: ['admin'],
  apiKeys: ['admin'],
  audit: ['view'],
  attachments: ['view', 'create', 'delete'],
  jobs: ['view'],
  events: ['admin'],
  catalogue: ['view', 'admin'],
  orders: ['view', 'create', 'edit', 'approve', 'cancel'],
  followups: ['view', 'edit', 'admin'],
  requests: ['view', 'create', 'edit', 'review', 'admin'],
  knowledge: ['view', 'edit'],
  callerLookup: ['view'],
  leads: ['view', 'create', 'edit', 'assign', 'convert', 'admin'],
  activities: ['view', 'edit'],
  opportunities: ['view', 'edit', 'admin'],
  targets: ['view', 'edit'],
  loyalty: ['view', 'enrol', 'adjust', 'approve', 'admin'],
} as const;

type Perms = typeof PERMISSIONS;
export type PermissionKey = {
  [M in keyof Perms]: `${M & string}:${Perms[M][number]}`;
}[keyof Perms];

export const ALL_PERMISSIONS: PermissionKey[] = Object.entries(PERMISSIONS).flatMap(([m, actions]) =>
  (actions as readonly string[]).map((a) => `${m}:${a}` as PermissionKey),
);

export function isPermissionKey(v: string): v is PermissionKey {
  return (ALL_PERMISSIONS as string[]).includes(v);
}

/** Data scope of a role: which records of the tenant its users can see. */
export const DATA_SCOPES = ['own', 'unit', 'subtree', 'tenant'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

/** Field rule per role and field: hidden on every path, read-only, or editable (default). */
export const FIELD_ACCESS = ['hidden', 'readonly', 'editable'] as const;
export type FieldAccess = (typeof FIELD_ACCESS)[number];
