import { useMemo, useState } from 'react';
import { Card, DatePicker, Empty, Flex, Select, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/components/PageHeader';
import { StoreSelect, useOrgUnits } from '../../org';
import { type ReviewQuery, useReview } from '../api';
import { useRequestLabels } from '../labels';
import { ReviewKpis } from '../review/ReviewKpis';
import { ReviewCharts } from '../review/ReviewCharts';

/** Today's date in Beijing time: periods are business dates of the tenant, wherever the browser is. */
const shanghaiToday = () => dayjs(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));

/** 客户请求回顾 (SVC-4): a period (the last 30 days by default) against the one before it, by region, store and type. */
export default function ReviewPage() {
  const { t } = useTranslation('requests');
  const { options } = useRequestLabels();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => {
    const today = shanghaiToday();
    return [today.subtract(29, 'day'), today];
  });
  const [regionId, setRegionId] = useState<string>();
  const [storeId, setStoreId] = useState<string>();
  const [type, setType] = useState<ReviewQuery['type']>();
  const units = useOrgUnits();
  const regions = (units.data ?? []).filter((u) => u.kind === 'region');
  const query = useMemo(
    () => ({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), regionId, storeId, type }),
    [range, regionId, storeId, type],
  );
  const { data, isLoading } = useReview(query);
  return (
    <>
      <PageHeader
        title={t('review.title')}
        subTitle={data ? t('review.previous', { from: data.previousPeriod.from, to: data.previousPeriod.to }) : undefined}
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex wrap gap={12} align="center">
          <Typography.Text>{t('review.period')}</Typography.Text>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} data-testid="review-range" />
          <Select allowClear placeholder={t('review.region')} value={regionId} onChange={setRegionId} style={{ width: 160 }}
            options={regions.map((r) => ({ value: r.id, label: r.name }))} data-testid="review-region" />
          <StoreSelect value={storeId} onChange={setStoreId} style={{ width: 180 }} testId="review-store" />
          <Select allowClear placeholder={t('review.type')} value={type} onChange={setType} style={{ width: 150 }} options={options('type')} data-testid="review-type" />
        </Flex>
      </Card>
      {isLoading || !data ? (
        <Spin />
      ) : (
        <Flex vertical gap={16}>
          <ReviewKpis current={data.current} previous={data.previous} />
          {data.current.total || data.previous.total ? <ReviewCharts review={data} /> : <Empty description={t('review.noData')} />}
        </Flex>
      )}
    </>
  );
}
