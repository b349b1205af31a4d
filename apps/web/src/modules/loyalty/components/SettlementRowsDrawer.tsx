import { Button, Drawer, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { KeysetPager } from '../../../shared/components/CursorPager';
import { useCursorStack } from '../../../shared/hooks/useCursorStack';
import { formatDateTime } from '../../../shared/format/date';
import { formatMoney } from '../../../shared/format/money';
import { pairOf, type SettlementEntry, type SettlementPair, settlementCsvUrl, useSettlementRows } from '../settlement.api';
import { SignedPoints } from './labels';

const PAGE = 20;

/** The rows behind one store pair of the month (redemptions and their offsets), newest first, with their CSV. */
export function SettlementRowsDrawer({ month, pair, onClose }: { month: string; pair: SettlementPair | null; onClose: () => void }) {
  const { t } = useTranslation('loyalty');
  const filter = pair ? pairOf(pair) : {};
  const cursors = useCursorStack(JSON.stringify([month, filter]));
  const { data, isFetching } = useSettlementRows({ month, ...filter, limit: PAGE, cursor: cursors.cursor }, !!pair);
  const store = (name: string | null) => name ?? t('settlement.noStore');
  const columns: ColumnsType<SettlementEntry> = [
    { title: t('settlement.col.time'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('settlement.col.kind'), dataIndex: 'kind', render: (v: SettlementEntry['kind']) => t(`settlement.kind.${v}`) },
    { title: t('settlement.col.member'), dataIndex: 'memberNumber', render: (v: string, r) => <Link to={`/loyalty/members/${r.memberId}`}>{v}</Link> },
    { title: t('settlement.col.points'), dataIndex: 'points', align: 'right', render: (v: number) => <SignedPoints points={v} /> },
    { title: t('settlement.col.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatMoney(v) },
    { title: t('settlement.col.rate'), dataIndex: 'pointsPerYuan', render: (v: number) => t('settlement.col.rateValue', { rate: v }) },
  ];
  return (
    <Drawer
      open={!!pair}
      onClose={onClose}
      size={760}
      title={pair ? t('settlement.rowsTitle', { from: store(pair.fromStoreName), to: store(pair.toStoreName) }) : null}
      extra={
        pair ? (
          <a href={settlementCsvUrl({ month, ...filter })} download>
            <Button icon={<DownloadOutlined />} data-testid="settlement-pair-csv">
              {t('settlement.exportCsv')}
            </Button>
          </a>
        ) : null
      }
      destroyOnHidden
      data-testid="settlement-rows"
    >
      <Table<SettlementEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={isFetching}
        pagination={false}
        locale={{ emptyText: t('settlement.rowsEmpty') }}
        data-testid="settlement-rows-table"
      />
      <KeysetPager cursors={cursors} nextCursor={data?.nextCursor} loading={isFetching} />
    </Drawer>
  );
}
