import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/client';
import type { Contact, ContactBody } from '../types';
import { CUSTOMERS_KEY } from './customers';

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
}

export function useAddContact(customerId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: ContactBody) => api.post<Contact>(`/customers/${customerId}/contacts`, body),
    meta: { silentError: true },
    onSuccess: invalidate,
  });
}

export function useUpdateContact(customerId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<ContactBody> }) => api.patch<Contact>(`/customers/${customerId}/contacts/${id}`, body),
    meta: { silentError: true },
    onSuccess: invalidate,
  });
}

export function useRemoveContact(customerId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/customers/${customerId}/contacts/${id}`),
    onSuccess: invalidate,
  });
}
