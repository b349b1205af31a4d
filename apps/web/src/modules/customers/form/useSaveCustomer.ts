import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api/client';
import { useCan, useFieldAccess } from '../../../shared/auth/access';
import { sameValue } from '../../../shared/forms/diff';
import { isMaskedPhone } from '../../../shared/forms/phone';
import type { CustomFieldDef } from '../../custom-fields';
import { useCreateCustomer, useRevealPhones, useUpdateCustomer } from '../api/customers';
import type { CreateCustomerBody, Customer } from '../types';
import type { DuplicateHit } from './DuplicateModal';
import { type CustomerFormValues, customerToForm, formToBody } from './formValues';

/** kind and name are always writable; everything else follows the role's field rules. */
const ALWAYS = new Set(['kind', 'name']);

export type SaveOutcome = { ok: true; customer: Customer } | { ok: false; duplicates: DuplicateHit[] } | { ok: false; maskedPhones: number[] };

/**
 * Create or update a customer from the form.
 * - Only fields the role may edit are sent; an update sends only what changed.
 * - Masked phones (138****1234) are never sent back: unchanged phones are left out, and when the list
 *   changed the masked ones are replaced with the full numbers (reveal right) or must be retyped.
 * - A 409 duplicate_suspected comes back as `duplicates` for the warning dialog.
 */
export function useSaveCustomer(defs: CustomFieldDef[]) {
  const { t } = useTranslation('customers');
  const access = useFieldAccess('customer');
  const canReveal = useCan('customers:reveal');
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const reveal = useRevealPhones();

  const writable = useCallback(
    (body: Record<string, unknown>) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body)) {
        if (!ALWAYS.has(k) && access(k) !== 'editable') continue;
        if (k === 'customFields') {
          out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([key]) => access(`customFields.${key}`) === 'editable'));
        } else out[k] = v;
      }
      return out;
    },
    [access],
  );

  const save = useCallback(
    async (values: CustomerFormValues, existing: Customer | null, opts: { ignoreDuplicates?: boolean } = {}): Promise<SaveOutcome> => {
      const body = writable(formToBody(values, defs));
      if (!existing) {
        // Leave out what was not filled in, so the server's defaults apply (owner = me, store = my store).
        for (const [k, v] of Object.entries(body)) if (v === null || (Array.isArray(v) && !v.length)) delete body[k];
        const cf = Object.entries((body.customFields ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null);
        if (cf.length) body.customFields = Object.fromEntries(cf);
        else delete body.customFields;
        try {
          const customer = await create.mutateAsync({ ...body, ignoreDuplicates: !!opts.ignoreDuplicates } as unknown as CreateCustomerBody);
          return { ok: true, customer };
        } catch (e) {
          if (isApiError(e) && e.code === 'duplicate_suspected') {
            return { ok: false, duplicates: (e.params.duplicates as DuplicateHit[] | undefined) ?? [] };
          }
          throw e;
        }
      }
      const before = writable(formToBody(customerToForm(existing, defs), defs));
      const patch: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body)) {
        if (k === 'customFields') {
          const b = (before.customFields ?? {}) as Record<string, unknown>;
          const changed = Object.entries(v as Record<string, unknown>).filter(([key, val]) => !sameValue(b[key], val));
          if (changed.length) patch.customFields = Object.fromEntries(changed);
        } else if (!sameValue(before[k], v)) patch[k] = v;
      }
      if (Array.isArray(patch.phones)) {
        const phones = patch.phones as string[];
        if (phones.some(isMaskedPhone)) {
          const masked = (values.phones ?? []).map((p, i) => (p && isMaskedPhone(p) ? i : -1)).filter((i) => i >= 0);
          if (!canReveal) return { ok: false, maskedPhones: masked };
          const full = (await reveal.mutateAsync(existing.id)).phones;
          const original = existing.phones ?? [];
          patch.phones = phones.map((p) => (isMaskedPhone(p) && original.indexOf(p) >= 0 ? (full[original.indexOf(p)] ?? p) : p));
        }
      }
      if (!Object.keys(patch).length) return { ok: true, customer: existing };
      const customer = await update.mutateAsync({ id: existing.id, body: patch as never });
      return { ok: true, customer };
    },
    [writable, defs, create, update, reveal, canReveal],
  );

  /** Mark masked phone inputs that must be retyped. */
  const flagMasked = useCallback(
    (form: FormInstance, indexes: number[]) =>
      form.setFields(indexes.map((i) => ({ name: ['phones', i], errors: [t('common:validation.maskedPhone')] }))),
    [t],
  );

  return { save, flagMasked, saving: create.isPending || update.isPending || reveal.isPending };
}
