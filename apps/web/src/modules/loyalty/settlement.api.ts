import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MemberKpisDto, SettlementEntryDto, SettlementReportDto, TierMixDto } from '@jiake/shared';
import { api, apiUrl, isApiError, type Page } from '../../shared/api/client';

/** Settlement between stores, member KPIs and the tier mix (issue 5). */

export type SettlementReport = SettlementReportDto;
export type SettlementPair = SettlementReportDto['rows'][number];
export type SettlementEntry = SettlementEntryDto;
export type MemberKpis = MemberKpisDto;
export type TierMix = TierMixDto;

/** One store pair of the report as the rows' filter (`none`: points without a store). */
export interface PairFilter {
  fromStoreId?: string;
  toStoreId?: string;
}
export const pairOf = (p: SettlementPair): PairFilter => ({ fromStoreId: p.fromStoreId ?? 'none', toStoreId: p.toStoreId ?? 'none' });

const KEY = ['loyalty', 'settlement'];

export function useSettlementReport(month: string) {
  return useQuery({
    queryKey: [...KEY, 'report', month],
    queryFn: ({ signal }) => api.get<SettlementReport>('/loyalty/settlements/report', { month }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSettlementRows(params: PairFilter & { month: string; limit: number; cursor?: string }, enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'rows', params],
    queryFn: ({ signal }) => api.get<Page<SettlementEntry>>('/loyalty/settlements', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The month's rows (of one pair, when given) as a CSV download. */
export const settlementCsvUrl = (q: PairFilter & { month: string }) => apiUrl('/loyalty/settlements/export', { ...q });

export function useMemberKpis(q: { from: string; to: string; storeId?: string }) {
  return useQuery({
    queryKey: ['loyalty', 'kpis', q],
    queryFn: ({ signal }) => api.get<MemberKpis>('/loyalty/kpis', { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

/**
 * Members per tier (served by the tiers area). Answers null while the server does not offer it (404), so the KPI page
 * shows the rest without an error.
 */
export function useTierMix(storeId?: string) {
  return useQuery({
    queryKey: ['loyalty', 'tiers', 'mix', storeId ?? null],
    queryFn: async ({ signal }) => {
      try {
        return await api.get<TierMix>('/loyalty/tiers/mix', { storeId }, signal);
      } catch (e) {
        if (isApiError(e) && e.status === 404) return null;
        throw e;
      }
    },
    meta: { silentError: true },
    retry: false,
  });
}
