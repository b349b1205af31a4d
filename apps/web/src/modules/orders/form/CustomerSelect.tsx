import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { useDebounced } from '../../../shared/hooks/useDebounced';

interface Found {
  id: string;
  name?: string;
  code?: string;
  phones?: string[];
}

/** Pick a customer the user may see by typing part of the name, a phone number or the code (GET /customers?q=). */
export function CustomerSelect({ value, onChange, initialLabel, id }: { value?: string; onChange?: (v: string | undefined) => void; initialLabel?: string; id?: string }) {
  const { t } = useTranslation('orders');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const { data, isFetching } = useQuery({
    queryKey: ['customers', 'pick', q],
    queryFn: ({ signal }) => api.get<Page<Found>>('/customers', { q: q || undefined, limit: 20 }, signal),
  });
  const listed = !!value && (data?.items ?? []).some((c) => c.id === value);
  // A customer chosen elsewhere (the order being edited, ?customerId=) is looked up once for its name.
  const { data: chosen } = useQuery({
    queryKey: ['customers', 'one', value],
    queryFn: ({ signal }) => api.get<Found>(`/customers/${value}`, undefined, signal),
    enabled: !!value && !listed && !initialLabel,
    meta: { silentError: true },
    retry: false,
  });
  const label = (c: Found) => [c.name, c.phones?.[0], c.code].filter(Boolean).join(' · ');
  const options = useMemo(() => {
    const list = (data?.items ?? []).map((c) => ({ value: c.id, label: label(c) }));
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: initialLabel ?? (chosen ? label(chosen) : value) });
    return list;
  }, [data, value, initialLabel, chosen]);
  return (
    <Select
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={isFetching}
      placeholder={t('form.customerPlaceholder')}
      data-testid="order-customer"
    />
  );
}
