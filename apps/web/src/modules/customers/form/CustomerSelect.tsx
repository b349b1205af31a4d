import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../../shared/api/client';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { useCan } from '../../../shared/auth/access';

/** A customer as the picker found it: enough to show it and to default a form's store from it. */
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
  /** The whole customer once picked (forms default the store from it). */
  onPick?: (c: PickedCustomer | null) => void;
  id?: string;
  placeholder: string;
  testId: string;
}

/**
 * Pick a customer for another record (an opportunity, a request, a membership): a search of the customers the user
 * may see (name, phone digits, pinyin, code), each shown with a phone, its code and its store.
 */
export function CustomerSelect({ value, onChange, onPick, id, placeholder, testId }: Props) {
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useQuery({
    queryKey: ['customers', 'picker', q],
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
      placeholder={placeholder}
      data-testid={testId}
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
