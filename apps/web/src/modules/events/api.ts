import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api/client';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';
export interface Delivery {
  id: string;
  subscriber: string;
  status: DeliveryStatus;
  attempts: number;
  availableAt: string;
  lastError: string | null;
  deliveredAt: string | null;
}
export interface EventRow {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
  deliveries: Delivery[];
}

const PAGE = 50;

/** Events newest first, paged by "before the oldest one shown". */
export function useEvents(filter: { type?: string; status?: DeliveryStatus }) {
  return useInfiniteQuery({
    queryKey: ['events', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => api.get<{ items: EventRow[] }>('/events', { ...filter, before: pageParam, limit: PAGE }, signal),
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items[last.items.length - 1].occurredAt : undefined),
  });
}

export function useRetryDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ retried: number }>(`/event-deliveries/${id}/retry`),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['events'] }),
  });
}
