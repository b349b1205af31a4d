import { useMutation, useQuery } from '@tanstack/react-query';
import type { CustomerExportResult } from '@jiake/shared';
import type { z } from 'zod';
import { api, apiUrl } from '../../../shared/api/client';
import type { Job } from '../../../shared/api/jobs';
import type { CustomerFilters } from '../types';

export type ExportResult = z.infer<typeof CustomerExportResult>;

/** Column keys the export knows (code, name, phones, store, cf_<key> …). */
export function useExportColumns(enabled: boolean) {
  return useQuery({
    queryKey: ['customer-exports', 'columns'],
    queryFn: ({ signal }) => api.get<{ columns: { key: string; label: string }[] }>('/customer-exports/columns', undefined, signal),
    select: (r) => r.columns.map((c) => c.key),
    enabled,
    staleTime: 5 * 60_000,
    meta: { silentError: true },
    retry: false,
  });
}

export function useStartExport() {
  return useMutation({
    mutationFn: (body: { format: 'xlsx' | 'csv'; filter: CustomerFilters; columns?: string[] }) =>
      api.post<Job<ExportResult>>('/customer-exports', body),
  });
}

export const exportDownloadUrl = (jobId: string) => apiUrl(`/customer-exports/${jobId}/download`);
