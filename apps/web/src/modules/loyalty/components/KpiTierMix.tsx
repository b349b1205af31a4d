import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { PieChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { Card, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTierMix } from '../settlement.api';

echarts.use([PieChart, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 等级分布: members per tier (from the tiers area); a quiet note while that is not offered. */
export function KpiTierMix({ storeId }: { storeId?: string }) {
  const { t } = useTranslation('loyalty');
  const { data, isLoading, isError } = useTierMix(storeId);
  const body = () => {
    if (isLoading) return <Spin />;
    if (isError || !data) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settlement.kpi.tierMixUnavailable')} />;
    const option: EChartsOption = {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          data: data.tiers.map((x) => ({ name: x.name ?? t('settlement.kpi.noTier'), value: x.members })),
        },
      ],
    };
    return (
      <>
        <Typography.Text type="secondary">{t('settlement.kpi.tierMixTotal', { total: data.total })}</Typography.Text>
        <div data-testid="kpi-tier-chart">
          <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280 }} />
        </div>
      </>
    );
  };
  return (
    <Card size="small" title={t('settlement.kpi.tierMix')} data-testid="kpi-tier-mix">
      {body()}
    </Card>
  );
}
