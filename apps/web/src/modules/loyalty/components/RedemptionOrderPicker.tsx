import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { formatMoney } from '../../../shared/format/money';
import { useDebounced } from '../../../shared/hooks/useDebounced';

interface FoundOrder {
  id: string;
  orderNo: string;
  customerName: string | null;
  totalFen: number;
}

/** The order a redemption goes with (optional): an order the counter may see, found by number, customer name or phone. */
export function RedemptionOrderPicker({ value, onChange, id }: { value?: string | null; onChange?: (v: string | null) => void; id?: string }) {
  const { t } = useTranslation('loyalty');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useQuery({
    queryKey: ['orders', 'redemption-picker', q],
    queryFn: ({ signal }) => api.get<Page<FoundOrder>>('/orders', { q, limit: 20 }, signal),
    enabled: q.length > 0,
  });
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={(found.data?.items ?? []).map((o) => ({ value: o.id, label: [o.orderNo, o.customerName, formatMoney(o.totalFen)].filter(Boolean).join(' · ') }))}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={found.isFetching}
      notFoundContent={null}
      placeholder={t('counter.redeem.orderPlaceholder')}
      data-testid="redeem-order"
    />
  );
}
