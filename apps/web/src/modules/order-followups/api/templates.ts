import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FollowupTemplateInputValue, FollowupTemplateListDto } from '@jiake/shared';
import { api } from '../../../shared/api/client';
import { FOLLOWUPS_KEY } from './steps';

const TEMPLATES_KEY = [...FOLLOWUPS_KEY, 'templates'];

export function useFollowupTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: ({ signal }) => api.get<FollowupTemplateListDto>('/followup-templates', undefined, signal),
  });
}

export function useSaveTemplates() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: FollowupTemplateInputValue[]) => api.put<FollowupTemplateListDto>('/followup-templates', { items }),
    meta: { silentError: true },
    onSuccess: (data) => qc.setQueryData(TEMPLATES_KEY, data),
  });
}

export function useResetTemplates() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<FollowupTemplateListDto>('/followup-templates/reset'),
    onSuccess: (data) => qc.setQueryData(TEMPLATES_KEY, data),
  });
}
