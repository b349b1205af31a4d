import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddRequestActivity, AssignRequest, ChangeRequestStatus, ConfirmRequest, CreateRequest, CreateRoutingRule, CreateSlaPolicy, ReopenRequest,
  RequestAssignee, RequestOrder, RequestReview, RequestReviewQuery, RequestSettings, ResolveRequest, RoutingRule, ServiceRequest,
  ServiceRequestDetail, SlaDefaults, SlaPolicy, UpdateRequest, UpdateRequestSettings, UpdateRoutingRule, UpdateSlaPolicy,
} from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

export type Request = z.infer<typeof ServiceRequest>;
export type RequestDetail = z.infer<typeof ServiceRequestDetail>;
export type Assignee = z.infer<typeof RequestAssignee>;
export type LinkedOrder = z.infer<typeof RequestOrder>;
export type Rule = z.infer<typeof RoutingRule>;
export type Policy = z.infer<typeof SlaPolicy>;
export type Settings = z.infer<typeof RequestSettings>;
export type Review = z.infer<typeof RequestReview>;
export type ReviewQuery = z.infer<typeof RequestReviewQuery>;

export interface RequestFilters {
  status?: string;
  type?: string;
  priority?: string;
  channel?: string;
  storeId?: string;
  assigneeId?: string;
  customerId?: string;
  breached?: 'true' | 'false';
  queue?: 'mine' | 'store' | 'escalated';
  q?: string;
}

const KEY = ['requests'];

export function useRequestList(params: RequestFilters & { limit: number; cursor?: string; withTotal?: 'true' }) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Request>>('/requests', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => api.get<RequestDetail>(`/requests/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

export function useAssignees(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'assignees', id],
    queryFn: ({ signal }) => api.get<{ items: Assignee[] }>(`/requests/${id}/assignees`, undefined, signal).then((r) => r.items),
    enabled: !!id && enabled,
  });
}

export function useLinkedOrder(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'order', id],
    queryFn: ({ signal }) => api.get<LinkedOrder>(`/requests/${id}/order`, undefined, signal),
    enabled: !!id && enabled,
    meta: { silentError: true },
    retry: false,
  });
}

export function useCreateRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateRequest>) => api.post<Request>('/requests', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Every action on one request answers the request with its timeline; the cache takes it as is. */
function useRequestAction<B>(path: (id: string) => string, method: 'post' | 'patch' = 'post') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => (method === 'post' ? api.post<RequestDetail>(path(id), body) : api.patch<RequestDetail>(path(id), body)),
    meta: { silentError: true },
    onSuccess: (detail) => {
      qc.setQueryData([...KEY, 'one', detail.id], detail);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...KEY, 'order', detail.id] });
    },
  });
}

export const useUpdateRequest = () => useRequestAction<z.input<typeof UpdateRequest>>((id) => `/requests/${id}`, 'patch');
export const useAssign = () => useRequestAction<z.input<typeof AssignRequest>>((id) => `/requests/${id}/assign`);
export const useAddActivity = () => useRequestAction<z.input<typeof AddRequestActivity>>((id) => `/requests/${id}/activities`);
export const useChangeStatus = () => useRequestAction<z.input<typeof ChangeRequestStatus>>((id) => `/requests/${id}/status`);
export const useResolve = () => useRequestAction<z.input<typeof ResolveRequest>>((id) => `/requests/${id}/resolve`);
export const useConfirm = () => useRequestAction<z.input<typeof ConfirmRequest>>((id) => `/requests/${id}/confirm`);
export const useReopen = () => useRequestAction<z.input<typeof ReopenRequest>>((id) => `/requests/${id}/reopen`);

// ---------- settings ----------

export function useRequestSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api.get<Settings>('/request-settings', undefined, signal),
    staleTime: 60_000,
  });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateRequestSettings>) => api.patch<Settings>('/request-settings', body),
    meta: { silentError: true },
    onSuccess: (s) => qc.setQueryData([...KEY, 'settings'], s),
  });
}

/** List + create + update + delete of one settings collection (routing rules, SLA policies). */
function useCollection<T, C, U, L = { items: T[] }>(path: string, name: string) {
  const qc = useQueryClient();
  const key = [...KEY, name];
  const done = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<L>(path, undefined, signal) }),
    create: useMutation({ mutationFn: (body: C) => api.post<T>(path, body), meta: { silentError: true }, onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: U }) => api.patch<T>(`${path}/${id}`, body), meta: { silentError: true }, onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`${path}/${id}`), onSuccess: done }),
  };
}

export const useRoutingRules = () => useCollection<Rule, z.input<typeof CreateRoutingRule>, z.input<typeof UpdateRoutingRule>>('/request-routing-rules', 'rules');
export const useSlaPolicies = () =>
  useCollection<Policy, z.input<typeof CreateSlaPolicy>, z.input<typeof UpdateSlaPolicy>, { items: Policy[]; defaults: z.infer<typeof SlaDefaults> }>(
    '/request-sla-policies',
    'policies',
  );

// ---------- review ----------

export function useReview(q: ReviewQuery | null) {
  return useQuery({
    queryKey: [...KEY, 'review', q],
    queryFn: ({ signal }) => api.get<Review>('/request-review', { ...q }, signal),
    enabled: !!q,
    placeholderData: keepPreviousData,
  });
}
