import { Card, Col, Row, Statistic, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Review } from '../api';

type Metrics = Review['current'];
type Key = 'total' | 'open' | 'firstResponseAvg' | 'firstResponseP90' | 'resolutionAvg' | 'resolutionP90' | 'firstResponseBreachRate' | 'resolutionBreachRate' | 'satisfactionAvg' | 'escalated';

/** Which way is better: more requests is neither; shorter times, fewer breaches, higher satisfaction are. */
const BETTER: Record<Key, 'up' | 'down' | null> = {
  total: null, open: 'down', firstResponseAvg: 'down', firstResponseP90: 'down', resolutionAvg: 'down', resolutionP90: 'down',
  firstResponseBreachRate: 'down', resolutionBreachRate: 'down', satisfactionAvg: 'up', escalated: 'down',
};
const KIND: Record<Key, 'count' | 'minutes' | 'rate' | 'score'> = {
  total: 'count', open: 'count', firstResponseAvg: 'minutes', firstResponseP90: 'minutes', resolutionAvg: 'minutes', resolutionP90: 'minutes',
  firstResponseBreachRate: 'rate', resolutionBreachRate: 'rate', satisfactionAvg: 'score', escalated: 'count',
};

/** The period's key numbers, each against the previous period (green when better, red when worse). */
export function ReviewKpis({ current, previous }: { current: Metrics; previous: Metrics }) {
  const { t } = useTranslation('requests');
  const show = (key: Key, v: number | null) => {
    if (v === null) return t('common:state.none');
    if (KIND[key] === 'rate') return `${(v * 100).toFixed(1)}%`;
    if (KIND[key] === 'minutes') return t('review.minutes', { n: Math.round(v) });
    return String(v);
  };
  return (
    <Row gutter={[12, 12]} data-testid="review-kpis">
      {(Object.keys(BETTER) as Key[]).map((key) => {
        const now = current[key];
        const before = previous[key];
        const delta = now !== null && before !== null ? now - before : null;
        const better = delta === null || delta === 0 || !BETTER[key] ? null : (delta < 0) === (BETTER[key] === 'down');
        return (
          <Col key={key} xs={12} md={8} xl={6} xxl={4}>
            <Card size="small" data-testid={`kpi-${key}`}>
              <Statistic
                title={t(`review.${key === 'satisfactionAvg' ? 'satisfaction' : key}`)}
                value={show(key, now)}
                styles={{ content: { color: better === null ? undefined : better ? '#2f9e44' : '#e5484d' } }}
                prefix={delta ? delta > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined /> : null}
              />
              <Typography.Text type="secondary">{t('review.vsPrevious', { value: show(key, before) })}</Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
