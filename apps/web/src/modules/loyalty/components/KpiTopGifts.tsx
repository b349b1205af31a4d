import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { MemberKpis } from '../settlement.api';

type Row = MemberKpis['topGifts'][number];

/** 热门礼品: the gifts redeemed most in the period (cancelled redemptions left out). */
export function KpiTopGifts({ gifts }: { gifts: MemberKpis['topGifts'] }) {
  const { t } = useTranslation('loyalty');
  const columns: ColumnsType<Row> = [
    { title: t('settlement.kpi.gift'), dataIndex: 'giftName' },
    { title: t('settlement.kpi.quantity'), dataIndex: 'quantity', align: 'right' },
    { title: t('settlement.kpi.redemptions'), dataIndex: 'redemptions', align: 'right' },
    { title: t('settlement.kpi.redeemedPoints'), dataIndex: 'points', align: 'right', render: (v: number) => v.toLocaleString() },
  ];
  return (
    <Card size="small" title={t('settlement.kpi.topGifts')} data-testid="kpi-top-gifts">
      <Table<Row> rowKey="giftId" size="small" columns={columns} dataSource={gifts} pagination={false} locale={{ emptyText: t('settlement.kpi.noGifts') }} />
    </Card>
  );
}
