import { useMemo, useState } from 'react';
import { Alert, Card, DatePicker, Empty, Flex, Segmented, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatMoney } from '../../../shared/format/money';
import { useForecast } from '../api';
import { shanghaiToday } from '../labels';
import { type Scope, ScopeFilters } from '../components/ScopeFilters';
import { ForecastChart } from '../forecast/ForecastChart';
import { ForecastTable } from '../forecast/ForecastTable';

type Period = 'month' | 'quarter';
type GroupBy = 'owner' | 'store' | 'region';

/** The default range: this month and the next five, or this quarter and the next three. */
function defaultRange(period: Period): [Dayjs, Dayjs] {
  const today = dayjs(shanghaiToday());
  if (period === 'month') return [today.startOf('month'), today.startOf('month').add(5, 'month')];
  const start = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
  return [start, start.add(9, 'month')];
}

/** 销售预测 (LEAD-5): weighted pipeline by expected close plus won amount, by month or quarter, per owner, store or region. */
export default function ForecastPage() {
  const { t } = useTranslation('opportunities');
  const [period, setPeriod] = useState<Period>('month');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => defaultRange('month'));
  const [groupBy, setGroupBy] = useState<GroupBy>('owner');
  const [scope, setScope] = useState<Scope>({});
  const query = useMemo(
    () => ({ period, groupBy, from: range[0].format('YYYY-MM-DD'), to: range[1].endOf('month').format('YYYY-MM-DD'), ...scope }),
    [period, groupBy, range, scope],
  );
  const { data, isLoading } = useForecast(query);
  return (
    <>
      <PageHeader title={t('forecast.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('forecast.intro')}</Typography.Paragraph>
        <Flex wrap gap={12} align="center">
          <Segmented
            value={period}
            onChange={(v) => {
              setPeriod(v as Period);
              setRange(defaultRange(v as Period));
            }}
            options={[
              { value: 'month', label: t('forecast.month') },
              { value: 'quarter', label: t('forecast.quarter') },
            ]}
            data-testid="forecast-period"
          />
          <DatePicker.RangePicker picker={period} value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="forecast-range" />
          <Select
            value={groupBy}
            onChange={setGroupBy}
            style={{ width: 140 }}
            options={[
              { value: 'owner', label: t('forecast.groupOwner') },
              { value: 'store', label: t('forecast.groupStore') },
              { value: 'region', label: t('forecast.groupRegion') },
            ]}
            data-testid="forecast-group-by"
          />
          <ScopeFilters value={scope} onChange={setScope} />
        </Flex>
      </Card>
      {isLoading || !data ? (
        <Spin />
      ) : data.groups.length || data.undated.count ? (
        <Flex vertical gap={16} data-testid="forecast-report">
          <ForecastChart forecast={data} />
          <ForecastTable forecast={data} />
          {data.undated.count ? (
            <Alert
              type="info"
              showIcon
              title={t('forecast.undated', { count: data.undated.count, amount: formatMoney(data.undated.openFen), weighted: formatMoney(data.undated.weightedFen) })}
              data-testid="forecast-undated"
            />
          ) : null}
        </Flex>
      ) : (
        <Empty description={t('forecast.noData')} />
      )}
    </>
  );
}
