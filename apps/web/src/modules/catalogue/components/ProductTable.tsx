import { useEffect, useState } from 'react';
import { Button, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { formatMoney } from '../../../shared/format/money';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { useDebounced } from '../../../shared/hooks/useDebounced';
import { type Product, type ProductFilters, useProducts } from '../api';
import { ProductFormModal } from './ProductFormModal';
import { SeriesSelect } from './SeriesSelect';

/** Products of a category (and its subcategories) by SKU, with search, series and status filters; admins create and edit. */
export function ProductTable({ categoryId, editable }: { categoryId?: string; editable: boolean }) {
  const { t } = useTranslation('catalogue');
  const [term, setTerm] = useState('');
  const q = useDebounced(term.trim(), 300);
  const [seriesId, setSeriesId] = useState<string | undefined>();
  const [status, setStatus] = useState<ProductFilters['status']>();
  const [limit, setLimit] = useState(20);
  const filters: ProductFilters = { q: q || undefined, categoryId, seriesId, status };
  const pager = useCursorStack(JSON.stringify({ filters, limit }));
  const { data, isFetching } = useProducts({ ...filters, limit, cursor: pager.cursor });
  const [editing, setEditing] = useState<Product | null | undefined>(undefined);
  useEffect(() => setTerm(''), [categoryId]);
  const filtered = !!(q || categoryId || seriesId || status);

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input allowClear prefix={<SearchOutlined />} value={term} onChange={(e) => setTerm(e.target.value)} placeholder={t('products.search')} style={{ width: 260 }} data-testid="product-search" />
        <SeriesSelect value={seriesId} onChange={(v) => setSeriesId(v ?? undefined)} style={{ width: 180 }} />
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('field.status')}
          options={(['active', 'discontinued'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          style={{ width: 120 }}
        />
        {editable ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} style={{ marginLeft: 'auto' }} data-testid="product-create">
            {t('products.create')}
          </Button>
        ) : null}
      </Flex>
      <Table<Product>
        rowKey="id"
        data-testid="product-table"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={filtered ? t('products.empty') : t('products.emptyCreate')} /> }}
        onRow={(p) => (editable ? { onClick: () => setEditing(p), style: { cursor: 'pointer' } } : {})}
        columns={[
          { key: 'sku', title: t('field.sku'), dataIndex: 'sku', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { key: 'name', title: t('field.name'), dataIndex: 'name' },
          { key: 'category', title: t('field.category'), dataIndex: 'categoryName' },
          { key: 'series', title: t('field.series'), dataIndex: 'seriesName' },
          { key: 'price', title: t('field.price'), align: 'right', render: (_, p) => `${formatMoney(p.priceFen)} / ${p.unit}` },
          {
            key: 'maintenance',
            title: t('field.maintenanceIntervalDays'),
            render: (_, p) => (p.maintenanceIntervalDays ? t('products.maintenanceEvery', { days: p.maintenanceIntervalDays }) : ''),
          },
          { key: 'status', title: t('field.status'), render: (_, p) => <Tag color={p.status === 'active' ? 'green' : 'default'}>{t(`status.${p.status}`)}</Tag> },
        ]}
      />
      <KeysetPager cursors={pager} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={setLimit} loading={isFetching} />
      <ProductFormModal open={editing !== undefined} product={editing ?? null} categoryId={categoryId} onClose={() => setEditing(undefined)} />
    </>
  );
}
