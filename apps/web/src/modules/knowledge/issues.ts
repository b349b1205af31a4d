import type { TFunction } from 'i18next';
import { ApiError, isApiError } from '../../shared/api/client';

/**
 * Issue codes only this module's server uses, put into words from a module namespace (`<ns>:issue.<code>`), so the
 * shared form error display shows them in the user's language. Other errors pass through unchanged.
 */
export function localIssues(err: unknown, t: TFunction, ns: string): unknown {
  if (!isApiError(err) || !err.issues.some((i) => t(`${ns}:issue.${i.code}`, { defaultValue: '' }))) return err;
  return new ApiError({
    status: err.status,
    code: err.code,
    message: err.message,
    params: err.params,
    requestId: err.requestId,
    retryAfter: err.retryAfter,
    issues: err.issues.map((i) => {
      const text = t(`${ns}:issue.${i.code}`, { defaultValue: '' });
      return text ? { ...i, code: `${ns}.${i.code}`, message: text } : i;
    }),
  });
}
