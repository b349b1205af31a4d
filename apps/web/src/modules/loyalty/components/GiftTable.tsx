import { useState } from 'react';
import { App, Button, Image, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { errorText } from '../../../shared/api/errors';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { formatDateTime } from '../../../shared/format/date';
import { type Gift, type GiftFilters, useGiftList, useSaveGift } from '../counter.api';
import { GiftFormModal } from './GiftFormModal';
import { GiftStockModal } from './GiftStockModal';

/** A gift's stock in words: a number, 不限量, or 已无库存 in red. */
export function GiftStock({ stock }: { stock: number | null }) {
  const { t } = useTranslation('loyalty');
  if (stock === null) return <Typography.Text type="secondary">{t('counter.redeem.unlimited')}</Typography.Text>;
  if (stock <= 0) return <Typography.Text type="danger">{t('counter.redeem.outOfStock')}</Typography.Text>;
  return <>{stock.toLocaleString()}</>;
}

/** A small picture of the gift when it has one. */
export function GiftThumb({ url }: { url: string | null }) {
  return url ? <Image src={url} width={40} height={40} style={{ objectFit: 'cover' }} /> : null;
}

/**
 * 礼品目录: the catalogue, newest first, one keyset page at a time. Programme administrators (loyalty:admin) edit a
 * gift, put it on offer or withdraw it, and set its stock after a stocktake.
 */
export function GiftTable({ filters, limit, onLimit, editing, onEdit }: { filters: GiftFilters; limit: number; onLimit: (n: number) => void; editing: Gift | null | undefined; onEdit: (g: Gift | null | undefined) => void }) {
  const { t } = useTranslation('loyalty');
  const { message } = App.useApp();
  const canAdmin = useCan('loyalty:admin');
  const cursors = useCursorStack(JSON.stringify([filters, limit]));
  const { data, isFetching } = useGiftList({ ...filters, limit, cursor: cursors.cursor });
  const save = useSaveGift();
  const [stocking, setStocking] = useState<Gift | null>(null);
  const toggle = async (g: Gift) => {
    try {
      await save.mutateAsync({ id: g.id, body: { active: !g.active } });
      message.success(g.active ? t('counter.gifts.deactivated') : t('counter.gifts.activated'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const columns: ColumnsType<Gift> = [
    {
      title: t('counter.gifts.name'),
      dataIndex: 'name',
      render: (v: string, g) => (
        <Space>
          <GiftThumb url={g.imageUrl} />
          <span data-testid="gift-row-name">{v}</span>
        </Space>
      ),
    },
    { title: t('counter.gifts.pointsPrice'), dataIndex: 'pointsPrice', align: 'right', render: (v: number) => v.toLocaleString() },
    { title: t('counter.gifts.stock'), dataIndex: 'stock', align: 'right', render: (v: number | null) => <span data-testid="gift-row-stock"><GiftStock stock={v} /></span> },
    {
      title: t('counter.gifts.active'),
      dataIndex: 'active',
      render: (v: boolean) => <Tag color={v ? 'green' : 'default'} data-testid="gift-row-active">{v ? t('counter.gifts.activeOn') : t('counter.gifts.activeOff')}</Tag>,
    },
    { title: t('counter.gifts.description'), dataIndex: 'description', ellipsis: true, render: (v: string | null) => v ?? '' },
    { title: t('counter.gifts.updatedAt'), dataIndex: 'updatedAt', render: formatDateTime },
    ...(canAdmin
      ? [
          {
            key: 'actions',
            render: (_: unknown, g: Gift) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => onEdit(g)} data-testid="gift-edit">
                  {t('common:action.edit')}
                </Button>
                <Button size="small" type="link" onClick={() => setStocking(g)} data-testid="gift-stock-change">
                  {t('counter.gifts.stockChange')}
                </Button>
                <Button size="small" type="link" danger={g.active} loading={save.isPending && save.variables?.id === g.id} onClick={() => toggle(g)} data-testid="gift-toggle-active">
                  {g.active ? t('counter.gifts.deactivate') : t('counter.gifts.activate')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<Gift>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('counter.gifts.empty') }}
        onRow={() => ({ 'data-testid': 'gift-row' }) as React.HTMLAttributes<HTMLElement>}
        data-testid="gift-table"
        scroll={{ x: 'max-content' }}
      />
      <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={isFetching} />
      <GiftFormModal open={editing !== undefined} gift={editing ?? null} onClose={() => onEdit(undefined)} />
      <GiftStockModal gift={stocking} onClose={() => setStocking(null)} />
    </>
  );
}
