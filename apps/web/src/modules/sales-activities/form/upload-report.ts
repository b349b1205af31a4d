import i18n from 'i18next';
import { isApiError } from '../../../shared/api/client';

/** One sentence per upload that failed after the record was saved (too large, a type not accepted). */
export function uploadFailures(failed: { file: File; error: unknown }[]): string[] {
  return failed.map(({ file, error }) => {
    if (isApiError(error) && error.status === 413) return `${file.name}: ${i18n.t('activities:upload.tooLarge')}`;
    if (isApiError(error) && error.code === 'unsupported_file') return i18n.t('activities:upload.badType', { name: file.name });
    return i18n.t('activities:upload.failed', { name: file.name });
  });
}
