import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { FunnelData } from '../api';
import { percent } from '../labels';

/** The period's headline numbers. */
export function FunnelKpis({ totals }: { totals: FunnelData['totals'] }) {
  const { t } = useTranslation('opportunities');
  const items: [string, string, string | number][] = [
    ['count', t('funnel.total'), totals.count],
    ['amount', t('funnel.totalAmount'), formatMoney(totals.amountFen)],
    ['weighted', t('funnel.weighted'), formatMoney(totals.weightedFen)],
    ['won', t('funnel.won'), `${totals.wonCount} · ${formatMoney(totals.wonFen)}`],
    ['win-rate', t('funnel.winRate'), percent(totals.winRate)],
    ['stalled', t('funnel.stalled'), totals.stalledCount],
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map(([key, title, value]) => (
        <Col key={key} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={title} value={value} data-testid={`funnel-total-${key}`} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
