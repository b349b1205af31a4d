import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { AuditRowDto, HistoryEntityType } from '@jiake/shared';

/** One row of the audit trail (the shared contract). */
export type AuditRow = AuditRowDto;

export interface AuditQuery {
  action?: string;
  entityType?: string;
  actorId?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api.get<{ items: AuditRow[]; nextCursor: string | null }>('/audit', { ...query }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The history of one org unit, user, role, custom field or API key, newest first (fetched while `enabled`). */
export function useRecordHistory(entityType: HistoryEntityType, id: string, enabled = true) {
  return useQuery({
    queryKey: ['history', entityType, id],
    queryFn: ({ signal }) => api.get<{ items: AuditRow[] }>(`/history/${entityType}/${id}`, undefined, signal).then((r) => r.items),
    enabled,
  });
}
