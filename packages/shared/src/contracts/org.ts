import { z } from 'zod';
import { DATA_SCOPES, FIELD_ACCESS } from '../permissions.ts';
import { STORE_KINDS, UNIT_KINDS } from '../enums.ts';
import { CleanText, NameText } from './common.ts';

export const OrgUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  storeKind: z.enum(STORE_KINDS).nullable(),
  code: z.string(),
  name: z.string(),
  status: z.enum(['active', 'closed']),
  provinceCode: z.string().nullable(),
  cityCode: z.string().nullable(),
});
export const CreateOrgUnit = z
  .object({
    parentId: z.uuid(),
    kind: z.enum(['region', 'store']),
    storeKind: z.enum(STORE_KINDS).nullable().optional(),
    code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/),
    name: NameText(100),
    provinceCode: z.string().regex(/^\d{6}$/).nullable().optional(),
    cityCode: z.string().regex(/^\d{6}$/).nullable().optional(),
  })
  .refine((u) => u.kind !== 'store' || !!u.storeKind, { path: ['storeKind'], message: 'a store needs a store kind' });
export const UpdateOrgUnit = z.object({
  name: NameText(100).optional(),
  parentId: z.uuid().optional(),
  status: z.enum(['active', 'closed']).optional(),
  storeKind: z.enum(STORE_KINDS).optional(),
});

export const FieldRules = z.record(z.string().regex(/^[a-z]+\.[A-Za-z0-9_.]+$/), z.enum(FIELD_ACCESS));
export const Role = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.string()),
  dataScope: z.enum(DATA_SCOPES),
  fieldRules: FieldRules,
  builtin: z.boolean(),
});
export const CreateRole = z.object({
  name: NameText(64),
  description: CleanText(500).nullable().optional(),
  permissions: z.array(z.string()).max(200),
  dataScope: z.enum(DATA_SCOPES),
  fieldRules: FieldRules.default({}),
});
/** Every field optional and without its create-time default, so a PATCH that leaves fieldRules out keeps them. */
export const UpdateRole = z.object({
  name: CreateRole.shape.name.optional(),
  description: CreateRole.shape.description,
  permissions: CreateRole.shape.permissions.optional(),
  dataScope: CreateRole.shape.dataScope.optional(),
  fieldRules: FieldRules.optional(),
});

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  roleIds: z.array(z.string()),
  status: z.enum(['active', 'disabled']),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  supervisorId: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
});
export const CreateUser = z.object({
  username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.-]+$/),
  displayName: NameText(64),
  password: z.string().min(8).max(200),
  unitId: z.uuid(),
  roleIds: z.array(z.uuid()).min(1).max(20),
  phone: z.string().max(40).nullable().optional(),
  email: z.email().nullable().optional(),
  supervisorId: z.uuid().nullable().optional(),
});
export const UpdateUser = z.object({
  displayName: NameText(64).optional(),
  password: z.string().min(8).max(200).optional(),
  unitId: z.uuid().optional(),
  roleIds: z.array(z.uuid()).min(1).max(20).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  phone: z.string().max(40).nullable().optional(),
  email: z.email().nullable().optional(),
  supervisorId: z.uuid().nullable().optional(),
});

export const ApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  roleId: z.string(),
  unitId: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateApiKey = z.object({ name: NameText(64), roleId: z.uuid(), unitId: z.uuid() });
