import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';
import type { AuditRow } from '../../audit';
import { CUSTOMERS_KEY } from './customers';

/** The audit trail of one customer and its contacts, newest first. */
export function useCustomerHistory(id: string) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'history', id],
    queryFn: ({ signal }) => api.get<{ items: AuditRow[] }>(`/customers/${id}/history`, undefined, signal).then((r) => r.items),
  });
}
