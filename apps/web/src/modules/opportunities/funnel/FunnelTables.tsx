import { Card, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../../shared/format/money';
import { formatDate } from '../../../shared/format/date';
import type { FunnelData } from '../api';
import { percent } from '../labels';

type StageRow = FunnelData['stages'][number];
type GroupRow = FunnelData['byOwner'][number];

/** Per stage: reached, amount, conversion to the next stage and from the first, average days in the stage. */
export function StageConversionTable({ funnel }: { funnel: FunnelData }) {
  const { t } = useTranslation('opportunities');
  return (
    <Card size="small" title={t('funnel.table')}>
      <Table<StageRow>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={funnel.stages}
        data-testid="funnel-stage-table"
        onRow={(s) => ({ 'data-testid': `funnel-stage-${s.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'name', title: t('funnel.stage'), render: (_, s) => (s.kind === 'open' ? s.name : <Tag color={s.kind === 'won' ? 'success' : 'default'}>{s.name}</Tag>) },
          { key: 'count', title: t('funnel.count'), align: 'right', render: (_, s) => <span data-testid={`funnel-count-${s.key}`}>{s.count}</span> },
          { key: 'amount', title: t('funnel.amount'), align: 'right', render: (_, s) => <span data-testid={`funnel-amount-${s.key}`}>{formatMoney(s.amountFen)}</span> },
          { key: 'conversion', title: t('funnel.conversion'), align: 'right', render: (_, s) => <span data-testid={`funnel-conversion-${s.key}`}>{s.kind === 'open' ? percent(s.conversionToNext) : ''}</span> },
          { key: 'fromFirst', title: t('funnel.fromFirst'), align: 'right', render: (_, s) => (s.kind === 'lost' ? '' : percent(s.conversionFromFirst)) },
          { key: 'avgDays', title: t('funnel.avgDays'), align: 'right', render: (_, s) => <span data-testid={`funnel-days-${s.key}`}>{s.avgDays ?? ''}</span> },
        ]}
      />
    </Card>
  );
}

/** The manager table: the same totals per owner and per store. */
export function GroupTables({ funnel }: { funnel: FunnelData }) {
  const { t } = useTranslation('opportunities');
  const table = (rows: GroupRow[], testId: string) => (
    <Table<GroupRow>
      rowKey={(r) => r.id ?? 'none'}
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 900 }}
      data-testid={testId}
      columns={[
        { key: 'name', title: t('funnel.group'), render: (_, r) => r.name ?? (testId.endsWith('owner') ? t('common.unassigned') : t('common.headOffice')) },
        { key: 'count', title: t('funnel.total'), align: 'right', dataIndex: 'count' },
        { key: 'amount', title: t('funnel.totalAmount'), align: 'right', render: (_, r) => formatMoney(r.amountFen) },
        { key: 'open', title: t('funnel.open'), align: 'right', render: (_, r) => `${r.openCount} · ${formatMoney(r.openFen)}` },
        { key: 'weighted', title: t('funnel.weighted'), align: 'right', render: (_, r) => formatMoney(r.weightedFen) },
        { key: 'won', title: t('funnel.won'), align: 'right', render: (_, r) => `${r.wonCount} · ${formatMoney(r.wonFen)}` },
        { key: 'lost', title: t('funnel.lost'), align: 'right', dataIndex: 'lostCount' },
        { key: 'winRate', title: t('funnel.winRate'), align: 'right', render: (_, r) => percent(r.winRate) },
        { key: 'stalled', title: t('funnel.stalled'), align: 'right', dataIndex: 'stalledCount' },
      ]}
    />
  );
  return (
    <Card size="small">
      <Tabs
        items={[
          { key: 'owner', label: t('funnel.byOwner'), children: table(funnel.byOwner, 'funnel-by-owner') },
          { key: 'store', label: t('funnel.byStore'), children: table(funnel.byStore, 'funnel-by-store') },
        ]}
      />
    </Card>
  );
}

/** Open opportunities of the period without activity for N days, longest idle first. */
export function StalledTable({ funnel }: { funnel: FunnelData }) {
  const { t } = useTranslation('opportunities');
  return (
    <Card size="small" title={t('funnel.stalledList', { days: funnel.stalledDays })}>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={funnel.stalled}
        locale={{ emptyText: t('funnel.noStalled') }}
        data-testid="funnel-stalled"
        columns={[
          { key: 'name', title: t('field.name'), render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link> },
          { key: 'customer', title: t('field.customer'), render: (_, o) => o.customerName ?? '' },
          { key: 'stage', title: t('field.stageKey'), render: (_, o) => o.stageName ?? o.stageKey },
          { key: 'amount', title: t('field.amountFen'), align: 'right', render: (_, o) => formatMoney(o.amountFen) },
          { key: 'owner', title: t('field.ownerId'), render: (_, o) => o.ownerName ?? t('common.unassigned') },
          { key: 'last', title: t('field.lastActivityAt'), render: (_, o) => formatDate(o.lastActivityAt) },
          { key: 'idle', title: t('field.idleDays'), align: 'right', render: (_, o) => <Tag color="warning">{t('common.days', { days: o.idleDays })}</Tag> },
        ]}
      />
    </Card>
  );
}
