import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateOpportunity, CreateOpportunityLossReason, CreateOpportunityStage, Forecast, ForecastQuery, Funnel, FunnelQuery, MoveOpportunityStage,
  Opportunity, OpportunityBoard, OpportunityDetail, OpportunityLossReason, OpportunityOwnerCandidate, OpportunitySettings, OpportunityStage,
  UpdateOpportunity, UpdateOpportunityLossReason, UpdateOpportunitySettings, UpdateOpportunityStage,
} from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

export type OpportunityRow = z.infer<typeof Opportunity>;
export type OpportunityFull = z.infer<typeof OpportunityDetail>;
export type Stage = z.infer<typeof OpportunityStage>;
export type LossReason = z.infer<typeof OpportunityLossReason>;
export type Owner = z.infer<typeof OpportunityOwnerCandidate>;
export type Board = z.infer<typeof OpportunityBoard>;
export type FunnelData = z.infer<typeof Funnel>;
export type ForecastData = z.infer<typeof Forecast>;
export type FunnelParams = Omit<z.input<typeof FunnelQuery>, 'stalledDays'> & { stalledDays?: number };
export type ForecastParams = z.input<typeof ForecastQuery>;

/** Filters shared by the board, the list and the reports. */
export interface PipelineFilters {
  ownerId?: string;
  storeId?: string;
  regionId?: string;
  expectedFrom?: string;
  expectedTo?: string;
  stalled?: string;
  q?: string;
}

const KEY = ['opportunities'];

// ---------- configuration ----------

export function useStages() {
  return useQuery({
    queryKey: [...KEY, 'stages'],
    queryFn: ({ signal }) => api.get<{ items: Stage[] }>('/opportunity-stages', undefined, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useLossReasons() {
  return useQuery({
    queryKey: [...KEY, 'loss-reasons'],
    queryFn: ({ signal }) => api.get<{ items: LossReason[] }>('/opportunity-loss-reasons', undefined, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useOpportunitySettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api.get<z.infer<typeof OpportunitySettings>>('/opportunity-settings', undefined, signal),
    staleTime: 60_000,
  });
}

export function useUpdateOpportunitySettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof UpdateOpportunitySettings>) => api.patch<z.infer<typeof OpportunitySettings>>('/opportunity-settings', body),
    meta: { silentError: true },
    onSuccess: (s) => qc.setQueryData([...KEY, 'settings'], s),
  });
}

/** Create, change, delete (and reorder) one configuration list; every change refreshes the module's data. */
function useConfig<T, C, U>(path: string) {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    create: useMutation({ mutationFn: (body: C) => api.post<T>(path, body), meta: { silentError: true }, onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: U }) => api.patch<T>(`${path}/${id}`, body), meta: { silentError: true }, onSuccess: done }),
    remove: useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`${path}/${id}`), meta: { silentError: true }, onSuccess: done }),
    reorder: useMutation({ mutationFn: (ids: string[]) => api.post<{ items: T[] }>(`${path}/reorder`, { ids }), meta: { silentError: true }, onSuccess: done }),
  };
}
export const useStageConfig = () => useConfig<Stage, z.input<typeof CreateOpportunityStage>, z.input<typeof UpdateOpportunityStage>>('/opportunity-stages');
export const useLossReasonConfig = () =>
  useConfig<LossReason, z.input<typeof CreateOpportunityLossReason>, z.input<typeof UpdateOpportunityLossReason>>('/opportunity-loss-reasons');

/** Who may own opportunities (of a store, or of the caller's part of the organisation). */
export function useOwners(storeId?: string | null) {
  return useQuery({
    queryKey: [...KEY, 'owners', storeId ?? null],
    queryFn: ({ signal }) => api.get<{ items: Owner[] }>('/opportunity-owners', { storeId: storeId ?? undefined }, signal).then((r) => r.items),
    staleTime: 60_000,
  });
}

// ---------- opportunities ----------

export function useBoard(filters: PipelineFilters, limit = 20) {
  return useQuery({
    queryKey: [...KEY, 'board', filters, limit],
    queryFn: ({ signal }) => api.get<Board>('/opportunities/board', { ...filters, limit }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOpportunityList(params: PipelineFilters & { stageKey?: string; status?: string; sort?: string; limit: number; cursor?: string; withTotal?: 'true' }, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<OpportunityRow>>('/opportunities', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOpportunity(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => api.get<OpportunityFull>(`/opportunities/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

/** Every write answers the opportunity in full; the cache takes it, and boards, lists and reports refresh. */
function useWrite<V>(call: (v: V) => Promise<OpportunityFull>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    meta: { silentError: true },
    onSuccess: (o) => {
      qc.setQueryData([...KEY, 'one', o.id], o);
      void qc.invalidateQueries({ queryKey: KEY, predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

export const useCreateOpportunity = () => useWrite((body: z.input<typeof CreateOpportunity>) => api.post<OpportunityFull>('/opportunities', body));
export const useUpdateOpportunity = () =>
  useWrite(({ id, body }: { id: string; body: z.input<typeof UpdateOpportunity> }) => api.patch<OpportunityFull>(`/opportunities/${id}`, body));
export const useMoveStage = () =>
  useWrite(({ id, body }: { id: string; body: z.input<typeof MoveOpportunityStage> }) => api.post<OpportunityFull>(`/opportunities/${id}/stage`, body));

export function useDeleteOpportunity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/opportunities/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

// ---------- reports ----------

export function useFunnel(q: FunnelParams) {
  return useQuery({
    queryKey: [...KEY, 'funnel', q],
    queryFn: ({ signal }) => api.get<FunnelData>('/pipeline/funnel', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useForecast(q: ForecastParams) {
  return useQuery({
    queryKey: [...KEY, 'forecast', q],
    queryFn: ({ signal }) => api.get<ForecastData>('/pipeline/forecast', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}
