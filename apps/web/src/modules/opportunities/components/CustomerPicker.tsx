import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../../shared/api/client';
import { useDebounced } from '../../../shared/hooks/useDebounced';

interface Found {
  id: string;
  name: string;
  code?: string;
  phones?: string[];
  storeId?: string | null;
  storeName?: string | null;
}

/** The customer of an opportunity: a search of the customers the user may see (name, phone digits, pinyin, code). */
export function CustomerPicker({ value, onChange, id }: { value?: string; onChange?: (id: string | undefined) => void; id?: string }) {
  const { t } = useTranslation('opportunities');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const found = useQuery({
    queryKey: ['customers', 'opportunity-picker', q],
    queryFn: ({ signal }) => api.get<Page<Found>>('/customers', { q: q || undefined, limit: 15 }, signal),
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTerm }}
      loading={found.isFetching}
      placeholder={t('form.customerPlaceholder')}
      data-testid="opportunity-customer"
      options={(found.data?.items ?? []).map((c) => ({
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
