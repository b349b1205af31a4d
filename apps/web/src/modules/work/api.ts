import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationDto, UnreadCountDto, WorkTodayDto } from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

export const INBOX_KEY = ['inbox'];
export const WORK_KEY = ['work', 'today'];

/** How often the bell asks for the unread count (and again whenever the window gets focus). */
const BELL_POLL_MS = 30_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: [...INBOX_KEY, 'unread-count'],
    queryFn: ({ signal }) => api.get<UnreadCountDto>('/notifications/unread-count', undefined, signal),
    refetchInterval: BELL_POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
    meta: { silentError: true },
  });
}

export function useNotifications(params: { unread?: 'true'; limit: number; cursor?: string }, enabled = true) {
  return useQuery({
    queryKey: [...INBOX_KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<NotificationDto>>('/notifications', { ...params }, signal),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
    enabled,
  });
}

/** Reading marks change the badge, the dropdown and the inbox page alike. */
export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<NotificationDto>(`/notifications/${id}/read`),
    onSuccess: () => qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ updated: number }>('/notifications/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: INBOX_KEY }),
  });
}

export function useWorkToday() {
  return useQuery({
    queryKey: WORK_KEY,
    queryFn: ({ signal }) => api.get<WorkTodayDto>('/work/today', undefined, signal),
    refetchOnWindowFocus: true,
    refetchInterval: 5 * 60_000,
  });
}
