import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActivitySubjectType, AttachmentDto, CreateActivityInput, NextStepCountsDto, NextStepItemDto, NextStepView, SalesActivityDto, SalesTimelineEntryDto,
  UpdateActivityInput,
} from '@jiake/shared';
import { api, apiUrl, type Page } from '../../shared/api/client';

/** Every query of the module starts with this key: any change refreshes timelines, the plan and its counts. */
export const ACTIVITIES_KEY = ['activities'];
const PAGE = 20;

export interface ActivitySubject {
  kind: ActivitySubjectType;
  id: string;
}

/** A subject's timeline, newest first, a page at a time ("加载更多"). */
export function useActivities(subject: ActivitySubject) {
  return useInfiniteQuery({
    queryKey: [...ACTIVITIES_KEY, 'timeline', subject.kind, subject.id],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<SalesActivityDto>>('/activities', { subjectType: subject.kind, subjectId: subject.id, limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The customer 360 sales timeline: activities, leads and opportunities merged. */
export function useSalesTimeline(customerId: string) {
  return useInfiniteQuery({
    queryKey: [...ACTIVITIES_KEY, 'customer', customerId],
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: SalesTimelineEntryDto[]; nextCursor: string | null }>(`/customers/${customerId}/sales-timeline`, { limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export interface PlanFilters {
  /** me (default), all, or a user id. */
  owner?: string;
  storeId?: string;
}

export function useNextSteps(params: PlanFilters & { view: NextStepView; limit: number; cursor?: string }) {
  return useQuery({
    queryKey: [...ACTIVITIES_KEY, 'plan', params],
    queryFn: ({ signal }) => api.get<Page<NextStepItemDto>>('/activities/next-steps', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useNextStepCounts(filters: PlanFilters) {
  return useQuery({
    queryKey: [...ACTIVITIES_KEY, 'counts', filters],
    queryFn: ({ signal }) => api.get<NextStepCountsDto>('/activities/next-steps/counts', { ...filters }, signal),
  });
}

/** Upload files to an activity (`salesActivity`) or a proposal version (`proposalVersion`); answers the ones that failed. */
export async function uploadFiles(entityType: 'salesActivity' | 'proposalVersion', entityId: string, files: File[]): Promise<{ file: File; error: unknown }[]> {
  const failed: { file: File; error: unknown }[] = [];
  for (const file of files) {
    const form = new FormData();
    // Fields before the file, so the server knows the record before the bytes arrive.
    form.append('entityType', entityType);
    form.append('entityId', entityId);
    form.append('file', file);
    try {
      await api.upload<AttachmentDto>('/attachments', form);
    } catch (error) {
      failed.push({ file, error });
    }
  }
  return failed;
}

export const attachmentUrl = (id: string) => apiUrl(`/attachments/${id}/download`);

/** Refresh everything of the module after a change. */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ACTIVITIES_KEY });
}

export function useCreateActivity() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CreateActivityInput) => api.post<SalesActivityDto>('/activities', body),
    meta: { silentError: true },
    onSuccess: refresh,
  });
}

export function useUpdateActivity() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateActivityInput }) => api.patch<SalesActivityDto>(`/activities/${id}`, body),
    meta: { silentError: true },
    onSuccess: refresh,
  });
}

/** The actions on an activity, by their path under /activities/:id/. */
export type ActivityAction =
  | 'next-step/done'
  | 'next-step/reschedule'
  | 'proposal/versions'
  | 'proposal/present'
  | 'proposal/accept'
  | 'proposal/reject'
  | 'invitation/arrived'
  | 'invitation/no-show'
  | 'invitation/cancel';

export function useActivityAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: ActivityAction; body?: unknown }) => api.post<SalesActivityDto>(`/activities/${id}/${action}`, body ?? {}),
    meta: { silentError: true },
    onSuccess: refresh,
  });
}

/** Refresh after uploads made outside a mutation. */
export const useRefreshActivities = useRefresh;
