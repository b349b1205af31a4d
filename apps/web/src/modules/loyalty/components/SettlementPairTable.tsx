import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { SettlementPair, SettlementReport } from '../settlement.api';
import { SettlementPartyLabel, SettlementStore } from './SettlementParty';

/** 门店对汇总: one row per store pair of the month; 明细 opens the rows behind a pair. */
export function SettlementPairTable({ report, loading, onOpen }: { report: SettlementReport | undefined; loading: boolean; onOpen: (pair: SettlementPair) => void }) {
  const { t } = useTranslation('loyalty');
  const columns: ColumnsType<SettlementPair> = [
    { title: t('settlement.col.fromParty'), key: 'fromParty', render: (_, r) => <SettlementPartyLabel party={r.fromParty} /> },
    { title: t('settlement.col.fromStore'), key: 'fromStore', render: (_, r) => <SettlementStore name={r.fromStoreName} /> },
    { title: t('settlement.col.toParty'), key: 'toParty', render: (_, r) => <SettlementPartyLabel party={r.toParty} /> },
    { title: t('settlement.col.toStore'), key: 'toStore', render: (_, r) => <SettlementStore name={r.toStoreName} /> },
    { title: t('settlement.col.points'), dataIndex: 'points', align: 'right', render: (v: number) => v.toLocaleString() },
    { title: t('settlement.col.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Typography.Text strong>{formatMoney(v)}</Typography.Text> },
    { title: t('settlement.col.redemptions'), dataIndex: 'redemptions', align: 'right' },
    { title: t('settlement.col.cancellations'), dataIndex: 'cancellations', align: 'right' },
    {
      title: '',
      key: 'open',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => onOpen(r)} data-testid="settlement-pair-open">
          {t('settlement.detail')}
        </Button>
      ),
    },
  ];
  return (
    <Table<SettlementPair>
      rowKey={(r) => `${r.fromStoreId ?? 'none'}|${r.toStoreId ?? 'none'}|${r.fromParty.id ?? 'hq'}|${r.toParty.id ?? 'hq'}`}
      size="small"
      columns={columns}
      dataSource={report?.rows ?? []}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('settlement.empty') }}
      scroll={{ x: 'max-content' }}
      data-testid="settlement-pairs"
      summary={() =>
        report && report.rows.length ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={9}>
              <Typography.Text type="secondary" data-testid="settlement-totals">
                {t('settlement.totals', {
                  points: report.totals.points.toLocaleString(),
                  amount: formatMoney(report.totals.amountFen),
                  redemptions: report.totals.redemptions,
                  cancellations: report.totals.cancellations,
                })}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}
