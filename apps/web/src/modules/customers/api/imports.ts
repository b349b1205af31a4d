import { useMutation } from '@tanstack/react-query';
import type { CustomerImportResultDto, CustomerImportUploadDto } from '@jiake/shared';
import { api, apiUrl } from '../../../shared/api/client';
import type { Job } from '../../../shared/api/jobs';

export type ImportUpload = CustomerImportUploadDto;
/** `updated` is not in the contract today; shown when a server sends it. */
export type ImportResult = CustomerImportResultDto & { updated?: number };

export function useUploadImport() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<ImportUpload>('/customer-imports', form);
    },
    meta: { silentError: true },
  });
}

export function useRunImport() {
  return useMutation({
    mutationFn: ({ id, mapping, dryRun }: { id: string; mapping: Record<string, string>; dryRun: boolean }) =>
      api.post<Job<ImportResult>>(`/customer-imports/${id}/run`, { mapping, dryRun }),
  });
}

export const importReportUrl = (id: string) => apiUrl(`/customer-imports/${id}/report.csv`);
