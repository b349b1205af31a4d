import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api/client';
import type { FieldChange } from './components/AuditChanges';

export interface AuditRow {
  id: number;
  at: string;
  actorId: string | null;
  actorKind: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  changes: FieldChange[];
  meta: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

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
