import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from './client';
import { type ApplyOptions, applyIssuesToForm, errorText } from './errors';

/**
 * Report a failed form submission: 422 issues go onto the fields they name (in the user's
 * language); anything else becomes one message.
 */
export function useFormErrors() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (form: FormInstance, err: unknown, opts?: ApplyOptions) => {
      const unmatched = applyIssuesToForm(form, err, opts);
      if (isApiError(err) && err.issues.length && !unmatched.length) message.error(t('common:error.checkFields'));
      else message.error(errorText(err));
    },
    [message, t],
  );
}
