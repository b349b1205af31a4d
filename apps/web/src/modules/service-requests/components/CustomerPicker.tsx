import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useCan } from '../../../shared/auth/access';

export interface PickedCustomer {
  id: string;
  name?: string;
  code?: string;
  phones?: string[];
  storeId?: string | null;
  storeName?: string | null;
}

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The whole customer once picked (the form defaults the store from it). */
  onPick?: (c: PickedCustomer | null) => void;
  id?: string;
}

/**
 * The customer a request is about: search the customers the user may see (name, phone digits, pinyin, code) and show
 * each with its store, since the request goes to that store's queue by default.
 */
export function CustomerPicker({ value, onChange, onPick, id }: Props) {
  const { t } = useTranslation('requests');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useQuery({
    queryKey: ['customers', 'request-picker', q],
    queryFn: ({ signal }) => api.get<Page<PickedCustomer>>('/customers', { q: q || undefined, limit: 15 }, signal),
    enabled: useCan('customers:view'),
  });
  const items = found.data?.items ?? [];
  return (
    <Select
      id={id}
      value={value ?? undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={found.isFetching}
      placeholder={t('form.customerPlaceholder')}
      data-testid="request-customer"
      onChange={(v: string | undefined) => {
        onChange?.(v ?? null);
        onPick?.(items.find((c) => c.id === v) ?? null);
      }}
      options={items.map((c) => ({
        value: c.id,
        label: (
          <Space size={6}>
            <span>{c.name}</span>
            <Typography.Text type="secondary">{[c.phones?.[0], c.code, c.storeName].filter(Boolean).join(' · ')}</Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
