import { useState } from 'react';
import { Button, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCan } from '../../../shared/auth/access';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { formatDateTime } from '../../../shared/format/date';
import { useCurrentUser } from '../../../shared/auth/me';
import { UserName } from '../../users';
import { type Adjustment, useAdjustmentList } from '../api';
import { type Decision, DecideModal } from './DecideModal';
import { AdjustmentStatusTag, SignedPoints } from './labels';

interface Props {
  status?: string;
  memberId?: string;
  /** Hide the member column (on the member's own page). */
  hideMember?: boolean;
  emptyText: string;
}

/** Manual adjustments, newest first, with 批准/驳回 on pending ones for approvers (not on their own requests). */
export function AdjustmentTable({ status, memberId, hideMember, emptyText }: Props) {
  const { t } = useTranslation('loyalty');
  const canApprove = useCan('loyalty:approve');
  const me = useCurrentUser();
  const [limit, setLimit] = useState(20);
  const cursors = useCursorStack(JSON.stringify([status, memberId, limit]));
  const { data, isFetching } = useAdjustmentList({ status, memberId, limit, cursor: cursors.cursor });
  const [decision, setDecision] = useState<Decision | null>(null);
  const columns: ColumnsType<Adjustment> = [
    ...(hideMember
      ? []
      : [{ title: t('field.member'), dataIndex: 'memberNumber', render: (v: string, a: Adjustment) => <Link to={`/loyalty/members/${a.memberId}`}>{v}</Link> }]),
    { title: t('field.points'), dataIndex: 'points', align: 'right', render: (v: number) => <SignedPoints points={v} /> },
    { title: t('field.reason'), dataIndex: 'reason' },
    { title: t('field.status'), dataIndex: 'status', render: (v: Adjustment['status']) => <AdjustmentStatusTag status={v} /> },
    { title: t('field.requestedBy'), dataIndex: 'requestedById', render: (v: string | null) => <UserName id={v} /> },
    { title: t('field.requestedAt'), dataIndex: 'requestedAt', render: formatDateTime },
    {
      title: t('field.decisionNote'),
      dataIndex: 'decisionNote',
      render: (v: string | null, a) => (a.decidedAt ? [formatDateTime(a.decidedAt), v].filter(Boolean).join(' · ') : ''),
    },
    ...(canApprove
      ? [
          {
            key: 'actions',
            render: (_: unknown, a: Adjustment) =>
              a.status === 'pending' && a.requestedById !== me?.user.id ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDecision({ adjustment: a, approve: true })} data-testid="adjustment-approve">
                    {t('approval.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setDecision({ adjustment: a, approve: false })} data-testid="adjustment-reject">
                    {t('approval.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<Adjustment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText }}
        data-testid="adjustment-table"
        scroll={{ x: 'max-content' }}
      />
      {cursors.hasPrev || data?.nextCursor ? (
        <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={setLimit} loading={isFetching} />
      ) : null}
      <DecideModal decision={decision} onClose={() => setDecision(null)} />
    </>
  );
}
