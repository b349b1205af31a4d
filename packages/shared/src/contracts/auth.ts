import { z } from 'zod';
import { DATA_SCOPES } from '../permissions.ts';

export const LoginBody = z.object({
  tenant: z.string().trim().min(1).max(64),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const MeResponse = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), locale: z.string() }),
  tenant: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string(), kind: z.string(), storeKind: z.string().nullable() }),
  permissions: z.array(z.string()),
  dataScope: z.enum(DATA_SCOPES),
  fieldRules: z.record(z.string(), z.enum(['hidden', 'readonly', 'editable'])),
});
export type Me = z.infer<typeof MeResponse>;
