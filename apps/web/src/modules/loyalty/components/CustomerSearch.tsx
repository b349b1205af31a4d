import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { useDebounced } from '../../../shared/hooks/useDebounced';

export interface FoundCustomer {
  id: string;
  name?: string;
  code?: string;
  phones?: string[];
  storeId?: string | null;
  storeName?: string | null;
}

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** The whole customer once picked (the enrolment defaults the join store from it). */
  onPick?: (c: FoundCustomer | null) => void;
  id?: string;
}

/** Search the customers the user may see (name, phone digits, pinyin, code), each shown with its store. */
export function CustomerSearch({ value, onChange, onPick, id }: Props) {
  const { t } = useTranslation('loyalty');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useQuery({
    queryKey: ['customers', 'loyalty-picker', q],
    queryFn: ({ signal }) => api.get<Page<FoundCustomer>>('/customers', { q: q || undefined, limit: 15 }, signal),
  });
  const items = found.data?.items ?? [];
  return (
    <Select
      id={id}
      value={value}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={found.isFetching}
      placeholder={t('enrol.customerPlaceholder')}
      data-testid="enrol-customer"
      onChange={(v: string | undefined) => {
        onChange?.(v);
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
