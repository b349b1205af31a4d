import { useCallback } from 'react';
import i18n from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api/client';
import { errorText } from '../../shared/api/errors';

/** Labels of the module's codes in the user's language: activities:<group>.<code>, outcomes per kind. */
export function useActivityLabels() {
  const { t } = useTranslation('activities');
  const label = useCallback(
    (group: 'kind' | 'channel' | 'visitType' | 'furniture' | 'ownership' | 'condition' | 'proposalStatus' | 'invitationStatus' | 'subjectType', code: string | null | undefined) =>
      code ? t(`${group}.${code}`, { defaultValue: code }) : '',
    [t],
  );
  const outcome = useCallback((kind: string, code: string | null | undefined) => (code ? t(`outcome.${kind}.${code}`, { defaultValue: code }) : ''), [t]);
  return { label, outcome };
}

/** Issue codes only this module's server answers; their wording comes from activities:issue. */
const CODES = ['in_future', 'before_occurred', 'too_far', 'in_past', 'not_allowed'];

/**
 * Put this module's wording on a 422's issues before a form shows them, and rethrow (FormModal places them on the
 * fields). A 409 answers the reason the server gave, in words.
 */
export function localiseIssues(err: unknown): never {
  if (isApiError(err)) {
    for (const issue of err.issues) {
      if (CODES.includes(issue.code)) issue.message = i18n.t(`activities:issue.${issue.code}`);
    }
  }
  throw err;
}

/** One sentence for a failed action: the conflict's reason when the server named one we know. */
export function actionErrorText(err: unknown): string {
  if (isApiError(err) && err.code === 'conflict') {
    const key = `activities:conflict.${String(err.params.reason ?? '')}`;
    if (i18n.exists(key)) return i18n.t(key);
  }
  return errorText(err);
}
