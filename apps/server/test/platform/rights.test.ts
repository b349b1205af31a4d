import { describe, expect, it } from 'vitest';
import { rightsOf } from '../../src/platform/auth/principal.ts';

describe('the rights of a role set, as every request reads them', () => {
  const roles = (perms: string[]) => JSON.stringify([{ permissions: perms, data_scope: 'unit', field_rules: { 'customer.phones': 'readonly' } }, { permissions: ['customers:view'], data_scope: 'own', field_rules: {} }]);

  it('combines the roles once per distinct set and shares the answer, frozen', () => {
    const text = roles(['customers:edit', 'customers:view']);
    const a = rightsOf(text);
    expect(a).toEqual({ permissions: ['customers:edit', 'customers:view'], dataScope: 'unit', fieldRules: {} });
    expect(rightsOf(text)).toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.permissions) && Object.isFrozen(a.fieldRules)).toBe(true);
    expect(() => (a.permissions as string[]).push('x')).toThrow();
  });

  it('answers a changed role set with its own rights', () => {
    expect(rightsOf(roles(['orders:view'])).permissions).toEqual(['customers:view', 'orders:view']);
    expect(rightsOf(JSON.stringify([])).permissions).toEqual([]);
  });
});
