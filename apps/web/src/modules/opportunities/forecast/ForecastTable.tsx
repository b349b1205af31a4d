import { Card, Table, Tooltip } from 'antd';
import type { TableColumnType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { ForecastData } from '../api';

type Group = ForecastData['groups'][number];
type Cell = Group['total'];

/** Per group: the forecast of each month (quarter), and the totals; the last row adds up every group. */
export function ForecastTable({ forecast }: { forecast: ForecastData }) {
  const { t } = useTranslation('opportunities');
  const cell = (c: Cell, testId?: string) => (
    <Tooltip title={`${t('forecast.won')} ${formatMoney(c.wonFen)} · ${t('forecast.weighted')} ${formatMoney(c.weightedFen)} · ${t('forecast.open')} ${formatMoney(c.openFen)}`}>
      <span data-testid={testId}>{formatMoney(c.forecastFen)}</span>
    </Tooltip>
  );
  const noName = forecast.groupBy === 'owner' ? t('common.unassigned') : t('common.headOffice');
  const total: Group = { id: 'total', name: t('forecast.total'), cells: forecast.totals, total: forecast.total };
  const columns: TableColumnType<Group>[] = [
    { key: 'name', title: t('forecast.group'), fixed: 'left', render: (_, g) => g.name ?? noName },
    ...forecast.buckets.map((b, i) => ({
      key: b,
      title: b,
      align: 'right' as const,
      render: (_: unknown, g: Group) => cell(g.cells[i], g.id === 'total' ? `forecast-total-${b}` : undefined),
    })),
    { key: 'won', title: t('forecast.won'), align: 'right', render: (_, g) => formatMoney(g.total.wonFen) },
    { key: 'weighted', title: t('forecast.weighted'), align: 'right', render: (_, g) => formatMoney(g.total.weightedFen) },
    { key: 'forecast', title: t('forecast.forecast'), align: 'right', render: (_, g) => <strong data-testid={g.id === 'total' ? 'forecast-grand-total' : undefined}>{formatMoney(g.total.forecastFen)}</strong> },
  ];
  return (
    <Card size="small" title={t('forecast.table')}>
      <Table<Group>
        rowKey={(g) => g.id ?? 'none'}
        size="small"
        pagination={false}
        scroll={{ x: 240 + forecast.buckets.length * 130 }}
        dataSource={[...forecast.groups, total]}
        columns={columns}
        data-testid="forecast-table"
      />
    </Card>
  );
}
