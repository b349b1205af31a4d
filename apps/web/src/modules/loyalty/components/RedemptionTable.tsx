import { useMemo, useState } from 'react';
import { Button, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { formatDateTime } from '../../../shared/format/date';
import { useOrgUnits } from '../../org';
import { UserName } from '../../users';
import { type Redemption, type RedemptionFilters, useRedemptionList } from '../counter.api';
import { RedemptionCancelModal } from './RedemptionCancelModal';
import { RedemptionItem, RedemptionStatusTag } from './RedemptionItem';
import { SignedPoints } from './labels';

interface Props {
  filters: RedemptionFilters;
  limit: number;
  onLimit: (n: number) => void;
  /** Hide the member column (the counter shows one member's redemptions). */
  hideMember?: boolean;
}

/**
 * Redemptions of the caller's stores (where they happened), newest first, one keyset page at a time; holders of
 * loyalty:adjust cancel one (with a reason) while it stands.
 */
export function RedemptionTable({ filters, limit, onLimit, hideMember }: Props) {
  const { t } = useTranslation('loyalty');
  const canCancel = useCan('loyalty:adjust');
  const cursors = useCursorStack(JSON.stringify([filters, limit]));
  const { data, isFetching } = useRedemptionList({ ...filters, limit, cursor: cursors.cursor });
  const units = useOrgUnits(useCan('org:view'));
  const storeName = useMemo(() => {
    const names = new Map((units.data ?? []).map((u) => [u.id, u.name]));
    return (id: string | null) => (id ? (names.get(id) ?? '') : '');
  }, [units.data]);
  const [cancelling, setCancelling] = useState<Redemption | null>(null);
  const columns: ColumnsType<Redemption> = [
    { title: t('counter.redemption.time'), dataIndex: 'redeemedAt', render: formatDateTime },
    ...(hideMember
      ? []
      : [{ title: t('counter.redemption.member'), dataIndex: 'memberNumber', render: (v: string, r: Redemption) => <Link to={`/loyalty/members/${r.memberId}`}>{v}</Link> }]),
    { title: t('counter.redemption.item'), key: 'item', render: (_: unknown, r) => <RedemptionItem redemption={r} /> },
    { title: t('counter.redemption.points'), dataIndex: 'points', align: 'right', render: (v: number) => <SignedPoints points={-v} testId="redemption-points" /> },
    { title: t('counter.redemption.store'), dataIndex: 'storeId', render: storeName },
    {
      title: t('counter.redemption.status'),
      dataIndex: 'status',
      render: (v: Redemption['status'], r) =>
        r.cancelledAt ? (
          <Tooltip title={t('counter.redemption.cancelledAt', { time: formatDateTime(r.cancelledAt), reason: r.cancelReason ?? '' })}>
            <span>
              <RedemptionStatusTag status={v} />
            </span>
          </Tooltip>
        ) : (
          <RedemptionStatusTag status={v} />
        ),
    },
    { title: t('counter.redemption.by'), dataIndex: 'redeemedById', render: (v: string | null) => <UserName id={v} /> },
    { title: t('counter.redemption.order'), dataIndex: 'orderId', render: (v: string | null) => (v ? <Link to={`/orders/${v}`}>{t('counter.redemption.order')}</Link> : '') },
    { title: t('counter.redemption.note'), dataIndex: 'note', render: (v: string | null) => v ?? '' },
    ...(canCancel
      ? [
          {
            key: 'actions',
            render: (_: unknown, r: Redemption) =>
              r.status === 'redeemed' ? (
                <Button size="small" danger onClick={() => setCancelling(r)} data-testid="redemption-cancel">
                  {t('counter.redemption.cancel')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<Redemption>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('counter.redemption.empty') }}
        onRow={() => ({ 'data-testid': 'redemption-row' }) as React.HTMLAttributes<HTMLElement>}
        data-testid="redemption-table"
        scroll={{ x: 'max-content' }}
      />
      {cursors.hasPrev || data?.nextCursor ? (
        <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={isFetching} />
      ) : null}
      <RedemptionCancelModal redemption={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}
