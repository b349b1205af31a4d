import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { formatDate } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { useDebounced } from '../../../shared/hooks/useDebounced';

interface FoundOrder {
  id: string;
  orderNo: string;
  customerName: string;
  totalFen: number;
  createdAt?: string;
  orderedAt?: string;
}

/**
 * The order a request is about: the chosen customer's orders, or any order the user may see found by number, customer
 * name or phone (GET /orders). A request linked to an order takes the order's customer and store.
 */
export function OrderPicker({ value, onChange, customerId, id }: { value?: string | null; onChange?: (v: string | null) => void; customerId?: string | null; id?: string }) {
  const { t } = useTranslation('requests');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useQuery({
    queryKey: ['orders', 'request-picker', customerId ?? null, q],
    queryFn: ({ signal }) => api.get<Page<FoundOrder>>('/orders', { customerId: customerId ?? undefined, q: q || undefined, limit: 20 }, signal),
  });
  const options = (found.data?.items ?? []).map((o) => ({
    value: o.id,
    label: [o.orderNo, o.customerName, formatMoney(o.totalFen), formatDate(o.orderedAt ?? o.createdAt)].filter(Boolean).join(' · '),
  }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={options}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={found.isFetching}
      placeholder={t('form.orderPlaceholder')}
      data-testid="request-order"
    />
  );
}
