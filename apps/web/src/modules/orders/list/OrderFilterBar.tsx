import { useEffect, useState } from 'react';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { ORDER_STATUSES } from '@jiake/shared';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { StoreSelect } from '../../org';
import type { OrderFilters } from '../api';

/** Search (order no., customer name, phone), status, store and order date range; every change lands in the URL. */
export function OrderFilterBar({ filters, update, clear }: { filters: OrderFilters; update: (p: Partial<OrderFilters>) => void; clear: () => void }) {
  const { t } = useTranslation('orders');
  const [q, setQ] = useState(filters.q ?? '');
  const dq = useDebounced(q.trim(), 400);
  // Typing drives the search; a reset or a link changes filters.q itself and must not be undone here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    if (dq !== (filters.q ?? '')) update({ q: dq || undefined });
  }, [dq]);
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
      <Input
        allowClear
        prefix={<SearchOutlined style={{ color: '#999' }} />}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onPressEnter={() => update({ q: q.trim() || undefined })}
        placeholder={t('list.search')}
        style={{ width: 280 }}
        data-testid="order-search"
      />
      <Select
        allowClear
        value={filters.status}
        onChange={(v) => update({ status: v })}
        placeholder={t('list.statusPlaceholder')}
        options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        style={{ width: 130 }}
        data-testid="order-status-filter"
      />
      <StoreSelect value={filters.storeId} onChange={(v) => update({ storeId: v })} style={{ width: 180 }} testId="order-store-filter" />
      <DatePicker.RangePicker
        value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
        onChange={(r) => update({ from: r?.[0]?.format(DATE_FORMAT), to: r?.[1]?.format(DATE_FORMAT) })}
        placeholder={[t('list.dateFrom'), t('list.dateTo')]}
        allowEmpty={[true, true]}
      />
      <Button
        onClick={() => {
          setQ('');
          clear();
        }}
      >
        {t('common:action.reset')}
      </Button>
    </Flex>
  );
}
