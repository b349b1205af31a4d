import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { ForecastData } from '../api';
import { Chart } from '../components/Chart';

/** Won and weighted pipeline stacked per month or quarter; the stack's height is the forecast. */
export function ForecastChart({ forecast }: { forecast: ForecastData }) {
  const { t } = useTranslation('opportunities');
  const yuan = (fen: number) => Math.round(fen) / 100;
  return (
    <Card size="small" title={t('forecast.chart')}>
      <Chart
        testId="forecast-chart"
        height={340}
        option={{
          tooltip: {
            trigger: 'axis',
            valueFormatter: (v) => formatMoney(Math.round(Number(v) * 100)),
          },
          legend: { top: 0, data: [t('forecast.won'), t('forecast.weighted')] },
          grid: { left: 70, right: 16, bottom: 30, top: 40 },
          xAxis: { type: 'category', data: forecast.buckets },
          yAxis: { type: 'value' },
          series: [
            { name: t('forecast.won'), type: 'bar', stack: 'forecast', data: forecast.totals.map((c) => yuan(c.wonFen)), itemStyle: { color: '#52c41a' } },
            { name: t('forecast.weighted'), type: 'bar', stack: 'forecast', data: forecast.totals.map((c) => yuan(c.weightedFen)), itemStyle: { color: '#1677ff' } },
          ],
        }}
      />
    </Card>
  );
}
