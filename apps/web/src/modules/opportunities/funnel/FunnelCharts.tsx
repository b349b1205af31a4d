import { Card, Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { FunnelData } from '../api';
import { Chart } from '../components/Chart';
import { useOpportunityLabels } from '../labels';

/** The funnel (open stages, then won) and the loss reasons. */
export function FunnelCharts({ funnel }: { funnel: FunnelData }) {
  const { t } = useTranslation('opportunities');
  const { reasonLabel } = useOpportunityLabels();
  const steps = funnel.stages.filter((s) => s.kind !== 'lost');
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('funnel.chart')}>
          <Chart
            testId="funnel-chart"
            height={360}
            option={{
              tooltip: {
                trigger: 'item',
                formatter: (p) => {
                  const s = steps[(p as { dataIndex: number }).dataIndex];
                  return s ? `${s.name}<br/>${t('funnel.count')}：${s.count}<br/>${t('funnel.amount')}：${formatMoney(s.amountFen)}` : '';
                },
              },
              series: [
                {
                  type: 'funnel',
                  sort: 'none',
                  left: '10%',
                  width: '80%',
                  minSize: '8%',
                  label: { show: true, position: 'inside', formatter: '{b}：{c}' },
                  data: steps.map((s) => ({ name: s.name, value: s.count })),
                },
              ],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('funnel.lossReasons')}>
          {funnel.lossReasons.length ? (
            <Chart
              testId="funnel-loss-chart"
              height={360}
              option={{
                tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
                legend: { bottom: 0 },
                series: [{ type: 'pie', radius: ['35%', '65%'], data: funnel.lossReasons.map((r) => ({ name: r.label ?? reasonLabel(r.code), value: r.count })) }],
              }}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funnel.noLoss')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
