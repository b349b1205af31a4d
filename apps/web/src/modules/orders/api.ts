import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuditRowDto, ChangeRequestDto, OrderDto, OrderReturnDto, OrderStatus, OrderSummaryDto, PaymentKind, PaymentMethod } from '@jiake/shared';
import { api, type Page } from '../../shared/api/client';

export type Order = OrderDto;
export type OrderSummary = OrderSummaryDto;
export type ChangeRequest = ChangeRequestDto;
export type OrderReturn = OrderReturnDto;
export type { OrderStatus, PaymentKind, PaymentMethod };

export const ORDERS_KEY = ['orders'];

export interface OrderFilters {
  q?: string;
  status?: OrderStatus;
  storeId?: string;
  customerId?: string;
  from?: string;
  to?: string;
}

export function useOrders(params: OrderFilters & { limit: number; cursor?: string; withTotal?: 'true' }, enabled = true) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<OrderSummary>>('/orders', { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Order>(`/orders/${id}`, undefined, signal),
    enabled: !!id,
    meta: { silentError: true },
    retry: false,
  });
}

export function useOrderHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'history', id],
    queryFn: ({ signal }) => api.get<{ items: AuditRowDto[] }>(`/orders/${id}/history`, undefined, signal).then((r) => r.items),
    enabled,
  });
}

export function useCustomerOrderStats(customerId: string) {
  return useQuery({
    queryKey: [...ORDERS_KEY, 'customer-stats', customerId],
    queryFn: ({ signal }) =>
      api.get<{ orderCount: number; totalSpentFen: number; lastOrderAt: string | null }>('/orders/customer-stats', { customerId }, signal),
  });
}

/** A write to orders; every order query (lists, the order, its history) is refreshed afterwards. */
function useOrderMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, meta: { silentError: true }, onSuccess: () => qc.invalidateQueries({ queryKey: ORDERS_KEY }) });
}

export interface LineBody {
  id?: string;
  productId: string;
  quantity: number;
  unitPriceFen?: number;
  discountFen: number;
  notes?: string | null;
}
export interface OrderBody {
  customerId?: string;
  storeId?: string;
  salespersonId?: string | null;
  designerId?: string | null;
  campaignId?: string | null;
  leadId?: string | null;
  opportunityId?: string | null;
  lines?: LineBody[];
  deliveryAddress?: string | null;
  deliveryDate?: string | null;
  notes?: string | null;
}

export const useSaveOrder = () =>
  useOrderMutation(({ id, body }: { id?: string; body: OrderBody }) => (id ? api.patch<Order>(`/orders/${id}`, body) : api.post<Order>('/orders', body)));

export type OrderAction = 'confirm' | 'deliver' | 'complete' | 'cancel' | 'schedule-delivery';
export const useOrderAction = (id: string) =>
  useOrderMutation(({ action, body }: { action: OrderAction; body?: Record<string, unknown> }) => api.post<Order>(`/orders/${id}/${action}`, body ?? {}));

export interface PaymentBody {
  kind: PaymentKind;
  method: PaymentMethod;
  amountFen: number;
  paidAt?: string;
  reference?: string | null;
  notes?: string | null;
}
export const useAddPayment = (id: string) => useOrderMutation((body: PaymentBody) => api.post<Order>(`/orders/${id}/payments`, body));

export interface ChangeBody {
  lines?: LineBody[];
  deliveryAddress?: string;
  deliveryDate?: string;
  reason: string;
}
export const useRequestChange = (id: string) => useOrderMutation((body: ChangeBody) => api.post<ChangeRequest>(`/orders/${id}/changes`, body));
export const useDecideChange = (id: string) =>
  useOrderMutation(({ changeId, decision, reason }: { changeId: string; decision: 'approve' | 'refuse'; reason?: string | null }) =>
    api.post<ChangeRequest>(`/orders/${id}/changes/${changeId}/${decision}`, { reason }),
  );

export interface ReturnBody {
  lines: { lineId: string; quantity: number }[];
  refundFen?: number;
  refundMethod?: PaymentMethod;
  reason: string;
}
export const useCreateReturn = (id: string) => useOrderMutation((body: ReturnBody) => api.post<OrderReturn>(`/orders/${id}/returns`, body));
