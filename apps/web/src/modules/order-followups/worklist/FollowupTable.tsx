import { Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnType } from 'antd';
import type { FollowupStepDto, FollowupView } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { type StepFilters, useFollowupSteps } from '../api/steps';
import { StepActions } from '../components/StepActions';
import { StepDue } from '../components/StepDue';
import { StepMessage } from '../components/StepMessage';
import { StepStatusTag } from '../components/StepStatusTag';
import { formatShanghai } from '../format';

interface Props {
  view: FollowupView;
  filters: StepFilters;
  limit: number;
  onLimit: (limit: number) => void;
}

/** One tab of the work list in keyset pages. */
export function FollowupTable({ view, filters, limit, onLimit }: Props) {
  const { t } = useTranslation('followups');
  const pager = useCursorStack(JSON.stringify({ view, filters, limit }));
  const { data, isFetching } = useFollowupSteps({ ...filters, view, limit, cursor: pager.cursor });
  const closed = view === 'closed';
  const columns: TableColumnType<FollowupStepDto>[] = [
    {
      key: 'due',
      title: closed ? t('column.closedAt') : t('column.due'),
      width: 150,
      render: (_, s) => (closed ? formatShanghai(s.doneAt ?? s.skippedAt) : <StepDue step={s} />),
    },
    {
      key: 'step',
      title: t('column.step'),
      render: (_, s) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>{s.stepName}</Typography.Text>
          <StepStatusTag step={s} />
        </Flex>
      ),
    },
    {
      key: 'customer',
      title: t('column.customerOrder'),
      render: (_, s) => (
        <Flex vertical>
          <Link to={`/customers/${s.customerId}`}>{s.customerName ?? t('column.unknownCustomer')}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.storeName} · <Link to={`/orders/${s.orderId}`}>{s.orderNo}</Link>
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'owner', title: t('column.owner'), render: (_, s) => s.ownerName ?? <Typography.Text type="secondary">{t('timeline.noOwner')}</Typography.Text> },
    closed
      ? {
          key: 'result',
          title: t('column.result'),
          render: (_, s) =>
            s.status === 'done'
              ? [s.satisfaction ? t('timeline.score', { score: s.satisfaction }) : null, s.outcome].filter(Boolean).join(' · ')
              : s.skipReason,
        }
      : { key: 'message', title: t('column.message'), width: 320, render: (_, s) => <StepMessage message={s.message} compact /> },
    { key: 'actions', title: t('column.actions'), fixed: 'right', render: (_, s) => <StepActions step={s} /> },
  ];
  return (
    <>
      <div data-testid="followup-table">
        <Table<FollowupStepDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t(`worklist.empty.${view}`)} /> }}
        />
      </div>
      <KeysetPager cursors={pager} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={isFetching} sizes={[20, 50, 100]} />
    </>
  );
}
