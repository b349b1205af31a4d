import { useMemo, useState } from 'react';
import { Card, DatePicker, Empty, Flex, InputNumber, Spin, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useFunnel } from '../api';
import { shanghaiToday } from '../labels';
import { type Scope, ScopeFilters } from '../components/ScopeFilters';
import { FunnelKpis } from '../funnel/FunnelKpis';
import { FunnelCharts } from '../funnel/FunnelCharts';
import { GroupTables, StageConversionTable, StalledTable } from '../funnel/FunnelTables';

/** 销售漏斗 (LEAD-5): the opportunities created in a period (this month by default), by owner, store or region. */
export default function FunnelPage() {
  const { t } = useTranslation('opportunities');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = dayjs(shanghaiToday());
    return [today.startOf('month'), today];
  });
  const [scope, setScope] = useState<Scope>({});
  const [stalledDays, setStalledDays] = useState<number | null>(null);
  const query = useMemo(
    () => ({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), ...scope, stalledDays: stalledDays ?? undefined }),
    [range, scope, stalledDays],
  );
  const { data, isLoading } = useFunnel(query);
  return (
    <>
      <PageHeader title={t('funnel.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('funnel.intro')}</Typography.Paragraph>
        <Flex wrap gap={12} align="center">
          <Typography.Text>{t('funnel.period')}</Typography.Text>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="funnel-range" />
          <ScopeFilters value={scope} onChange={setScope} />
          <Tooltip title={t('funnel.stalledDaysHint')}>
            <InputNumber
              min={1}
              max={365}
              precision={0}
              value={stalledDays ?? data?.stalledDays}
              onChange={(v) => setStalledDays(v ?? null)}
              prefix={t('funnel.stalledDays')}
              suffix={t('common.dayUnit')}
              style={{ width: 180 }}
              data-testid="funnel-stalled-days"
            />
          </Tooltip>
        </Flex>
      </Card>
      {isLoading || !data ? (
        <Spin />
      ) : (
        <Flex vertical gap={16} data-testid="funnel-report">
          <FunnelKpis totals={data.totals} />
          {data.totals.count ? (
            <>
              <FunnelCharts funnel={data} />
              <StageConversionTable funnel={data} />
              <StalledTable funnel={data} />
              <GroupTables funnel={data} />
            </>
          ) : (
            <Empty description={t('funnel.noData')} />
          )}
        </Flex>
      )}
    </>
  );
}
