import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachmentDto } from '@jiake/shared';
import { api, apiUrl } from '../../../shared/api/client';

const key = (entityId: string) => ['attachments', 'customer', entityId];

export function useAttachments(entityId: string, enabled = true) {
  return useQuery({
    queryKey: key(entityId),
    queryFn: ({ signal }) => api.get<{ items: AttachmentDto[] }>('/attachments', { entityType: 'customer', entityId }, signal).then((r) => r.items),
    enabled,
  });
}

export function useUploadAttachment(entityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      // Fields before the file, so the server knows the record before the bytes arrive.
      form.append('entityType', 'customer');
      form.append('entityId', entityId);
      form.append('file', file);
      return api.upload<AttachmentDto>('/attachments', form);
    },
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: key(entityId) }),
  });
}

export function useDeleteAttachment(entityId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/attachments/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key(entityId) }),
  });
}

export const attachmentDownloadUrl = (id: string) => apiUrl(`/attachments/${id}/download`);
