import i18n from 'i18next';
import { isApiError } from '../../shared/api/client';

/** Issue codes only this module's server answers; their messages come from the followups namespace. */
const CODES = ['in_past', 'too_far', 'not_eligible', 'none_enabled', 'required'];

/**
 * Put this module's wording on a 422's issues before the form shows them (the shared issue texts do not know them).
 * Rethrows the error so FormModal places the issues on their fields.
 */
export function localiseIssues(err: unknown): never {
  if (isApiError(err)) {
    for (const issue of err.issues) {
      const key = `followups:issue.${issue.code}`;
      if (CODES.includes(issue.code) && i18n.exists(key)) issue.message = i18n.t(key);
    }
  }
  throw err;
}
