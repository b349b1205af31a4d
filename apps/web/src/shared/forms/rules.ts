import { useMemo } from 'react';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { isMaskedPhone, isValidPhone } from './phone';

/** Client-side validation rules with messages in the user's language. */
export function useRules() {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      required: (label: string): FormRule => ({ required: true, whitespace: true, message: t('common:validation.required', { label }) }),
      requiredSelect: (label: string): FormRule => ({ required: true, message: t('common:validation.requiredSelect', { label }) }),
      email: { type: 'email', message: t('common:validation.email') } as FormRule,
      max: (max: number): FormRule => ({ max, message: t('common:validation.maxLength', { max }) }),
      qq: { pattern: /^\d{5,12}$/, message: t('common:validation.qq') } as FormRule,
      code: { pattern: /^[A-Za-z0-9_-]+$/, message: t('common:validation.code') } as FormRule,
      password: { min: 8, message: t('common:validation.password') } as FormRule,
      /** A phone number; masked numbers the server sent are accepted when `allowMasked`. */
      phone: (allowMasked = false): FormRule => ({
        validator: async (_rule, value: unknown) => {
          if (value === undefined || value === null || value === '') return;
          const s = String(value).trim();
          if (allowMasked && isMaskedPhone(s)) return;
          if (!isValidPhone(s)) throw new Error(t('common:validation.phone'));
        },
      }),
    }),
    [t],
  );
}
