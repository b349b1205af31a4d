import { useCallback } from 'react';
import type { FieldAccess, PermissionKey } from '@jiake/shared';
import { useCurrentUser } from './me';

/** A checker for any permission key; `undefined` means "no permission needed". */
export function usePermissionCheck(): (permission?: PermissionKey) => boolean {
  const me = useCurrentUser();
  return useCallback((permission?: PermissionKey) => !permission || !!me?.permissions.includes(permission), [me]);
}

/** Whether the signed-in user holds one permission key, e.g. useCan('customers:reveal'). */
export function useCan(permission: PermissionKey): boolean {
  return usePermissionCheck()(permission);
}

/** The role's rule for one field of an object: hidden, readonly or editable (the default). */
export function useFieldAccess(object: string): (field: string) => FieldAccess {
  const me = useCurrentUser();
  return useCallback((field: string) => me?.fieldRules[`${object}.${field}`] ?? 'editable', [me, object]);
}
