import type { TFunction } from 'i18next';
import { isApiError } from '../../shared/api/client';
import { errorText, issueText } from '../../shared/api/errors';

/** Seconds to wait from a 429 (params.retryAfter or the Retry-After header). */
export function waitSeconds(e: unknown): number | null {
  if (!isApiError(e) || e.status !== 429) return null;
  const s = Number(e.params.retryAfter ?? e.retryAfter);
  return Number.isFinite(s) && s > 0 ? s : 60;
}

/** One field issue in the visitor's language: this page's own codes first, then the shared ones. */
export function fieldIssueText(t: TFunction, i: { code: string; message: string }): string {
  return t(`selfService:issue.${i.code}`, { defaultValue: '' }) || issueText(i as never);
}

/** Any failure as one sentence (rate limits say how long to wait). */
export function failureText(t: TFunction, e: unknown): string {
  const wait = waitSeconds(e);
  if (wait) return t('selfService:verify.wait', { seconds: wait });
  if (isApiError(e) && e.issues.length) return e.issues.map((i) => fieldIssueText(t, i)).join(t('common:listSeparator'));
  return errorText(e);
}
