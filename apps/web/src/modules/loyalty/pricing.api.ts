import { useQuery } from '@tanstack/react-query';
import type { MemberPricingDto } from '@jiake/shared';
import { api } from '../../shared/api/client';

/** A customer's member price (tier or discount card, the larger), for the order form. */
export function useMemberPricing(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['loyalty', 'pricing', customerId],
    queryFn: ({ signal }) => api.get<MemberPricingDto>(`/loyalty/customers/${customerId}/pricing`, undefined, signal),
    enabled: enabled && !!customerId,
    meta: { silentError: true },
    retry: false,
  });
}
