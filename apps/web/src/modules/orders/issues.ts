import i18n from 'i18next';
import { isApiError } from '../../shared/api/client';

/**
 * Field issues of the orders API whose codes the common locale does not know (exceeds_balance, exceeds_returnable …)
 * get their text from this module's locale, so the shared form error display shows them in the user's language.
 */
export function localizeIssues(err: unknown): unknown {
  if (!isApiError(err)) return err;
  for (const issue of err.issues) {
    if (!i18n.exists(`common:issue.${issue.code}`)) issue.message = i18n.t(`orders:issue.${issue.code}`, { defaultValue: issue.message });
  }
  return err;
}
