import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { formatDateTime } from '../../../shared/format/date';
import { type Member, type MemberFilters, useMemberList } from '../api';
import { MemberStatusTag } from './labels';

/** The members of the caller's stores, newest first, one keyset page at a time. */
export function MemberTable({ filters, limit, onLimit }: { filters: MemberFilters; limit: number; onLimit: (n: number) => void }) {
  const { t } = useTranslation('loyalty');
  const cursors = useCursorStack(JSON.stringify([filters, limit]));
  const { data, isFetching } = useMemberList({ ...filters, limit, cursor: cursors.cursor });
  const columns: ColumnsType<Member> = [
    { title: t('field.number'), dataIndex: 'number', render: (v: string, m) => <Link to={`/loyalty/members/${m.id}`} data-testid="member-link">{v}</Link> },
    { title: t('field.customer'), dataIndex: 'customerName', render: (v: string | null, m) => <Link to={`/customers/${m.customerId}`}>{v ?? '—'}</Link> },
    { title: t('field.joinStore'), dataIndex: 'joinStoreName', render: (v: string | null) => v ?? '' },
    { title: t('field.status'), dataIndex: 'status', render: (v: Member['status']) => <MemberStatusTag status={v} /> },
    { title: t('field.balance'), dataIndex: 'balance', align: 'right', render: (v: number) => v.toLocaleString() },
    { title: t('field.enrolledAt'), dataIndex: 'enrolledAt', render: formatDateTime },
  ];
  return (
    <>
      <Table<Member>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('list.empty') }}
        data-testid="member-table"
        scroll={{ x: 'max-content' }}
      />
      <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} pageSize={limit} onPageSizeChange={onLimit} loading={isFetching} />
    </>
  );
}
