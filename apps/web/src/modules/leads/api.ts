import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AssignLead, CapturedLead, ChangeLeadStatus, ConvertedLead, ConvertLead, CreateLead, CreateLeadAssignmentRule, CreateLeadForm, Lead, LeadAssignee,
  LeadAssignmentRule, LeadDetail, LeadForm, UpdateLead, UpdateLeadAssignmentRule, UpdateLeadForm,
} from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';
import { useCan } from '../../shared/auth/access';
import type { AuditRow } from '../audit';

export type LeadRow = z.infer<typeof Lead>;
export type LeadFull = z.infer<typeof LeadDetail>;
export type Captured = z.infer<typeof CapturedLead>;
export type Converted = z.infer<typeof ConvertedLead>;
export type Assignee = z.infer<typeof LeadAssignee>;
export type AssignmentRule = z.infer<typeof LeadAssignmentRule>;
export type WebForm = z.infer<typeof LeadForm>;

export interface LeadFilters {
  status?: string;
  source?: string;
  storeId?: string;
  assigneeId?: string;
  queue?: 'mine' | 'unassigned';
  createdFrom?: string;
  createdTo?: string;
  q?: string;
}

const KEY = ['leads'];

export function useLeadList(params: LeadFilters & { limit: number; cursor?: string; withTotal?: 'true' }) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<LeadRow>>('/leads', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLead(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => api.get<LeadFull>(`/leads/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

export function useLeadHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'history', id],
    queryFn: ({ signal }) => api.get<{ items: AuditRow[] }>(`/leads/${id}/history`, undefined, signal).then((r) => r.items),
    enabled,
  });
}

export function useLeadAssignees(id: string, storeId: string | null | undefined, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'assignees', id, storeId ?? null],
    queryFn: ({ signal }) => api.get<{ items: Assignee[] }>(`/leads/${id}/assignees`, { storeId: storeId ?? undefined }, signal).then((r) => r.items),
    enabled,
  });
}

export function useCreateLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateLead>) => api.post<Captured>('/leads', body),
    meta: { silentError: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Every action on one lead answers the lead; the cache takes it as is. */
function useLeadAction<B>(path: (id: string) => string, method: 'post' | 'patch' = 'post') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => (method === 'post' ? api.post<LeadFull>(path(id), body) : api.patch<LeadFull>(path(id), body)),
    meta: { silentError: true },
    onSuccess: (lead) => {
      qc.setQueryData([...KEY, 'one', lead.id], lead);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...KEY, 'history', lead.id] });
    },
  });
}

export const useUpdateLead = () => useLeadAction<z.input<typeof UpdateLead>>((id) => `/leads/${id}`, 'patch');
export const useAssignLead = () => useLeadAction<z.input<typeof AssignLead>>((id) => `/leads/${id}/assign`);
export const useLeadStatus = () => useLeadAction<z.input<typeof ChangeLeadStatus>>((id) => `/leads/${id}/status`);

export function useConvertLead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: z.input<typeof ConvertLead> }) => api.post<Converted>(`/leads/${id}/convert`, body),
    meta: { silentError: true },
    onSuccess: (out) => {
      qc.setQueryData([...KEY, 'one', out.lead.id], out.lead);
      void qc.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void qc.invalidateQueries({ queryKey: [...KEY, 'history', out.lead.id] });
      void qc.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

// ---------- settings ----------

function useCollection<T, C, U>(path: string, name: string) {
  const qc = useQueryClient();
  const key = [...KEY, name];
  const done = () => qc.invalidateQueries({ queryKey: key });
  return {
    query: useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ items: T[] }>(path, undefined, signal) }),
    create: useMutation({ mutationFn: (body: C) => api.post<T>(path, body), meta: { silentError: true }, onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: U }) => api.patch<T>(`${path}/${id}`, body), meta: { silentError: true }, onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`${path}/${id}`), onSuccess: done }),
    done,
  };
}

export function useAssignmentRules() {
  const c = useCollection<AssignmentRule, z.input<typeof CreateLeadAssignmentRule>, z.input<typeof UpdateLeadAssignmentRule>>('/lead-assignment-rules', 'rules');
  const reorder = useMutation({ mutationFn: (ids: string[]) => api.post<{ items: AssignmentRule[] }>('/lead-assignment-rules/reorder', { ids }), onSuccess: c.done });
  return { ...c, reorder };
}

export function useLeadForms() {
  const c = useCollection<WebForm, z.input<typeof CreateLeadForm>, z.input<typeof UpdateLeadForm>>('/lead-forms', 'forms');
  const rotate = useMutation({ mutationFn: (id: string) => api.post<WebForm>(`/lead-forms/${id}/rotate-key`), onSuccess: c.done });
  return { ...c, rotate };
}

// ---------- what the forms pick from other modules (their public HTTP API) ----------

export interface CategoryOption {
  id: string;
  name: string;
  parentId: string | null;
}

/** The catalogue's product categories, for the needs profile. */
export function useCategories(enabled = true) {
  const can = useCan('catalogue:view');
  return useQuery({
    queryKey: ['catalogue', 'categories'],
    queryFn: ({ signal }) => api.get<{ items: CategoryOption[] }>('/catalogue/categories', undefined, signal).then((r) => r.items),
    enabled: enabled && can,
    staleTime: 60_000,
  });
}

export interface CustomerHit {
  id: string;
  name?: string;
  code?: string;
  phones?: string[];
  storeName?: string | null;
}

/** Customers the user may see matching a name, phone digits or code (the convert dialog's picker). */
export function useCustomerSearch(q: string, enabled: boolean) {
  const can = useCan('customers:view');
  return useQuery({
    queryKey: ['customers', 'lead-convert-picker', q],
    queryFn: ({ signal }) => api.get<Page<CustomerHit>>('/customers', { q: q || undefined, limit: 15 }, signal).then((r) => r.items),
    enabled: enabled && can,
  });
}
