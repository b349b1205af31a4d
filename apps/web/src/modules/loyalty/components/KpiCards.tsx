import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../shared/format/money';
import type { MemberKpis } from '../settlement.api';

/** One statistic card; `hint` explains what it counts. */
function Kpi({ id, title, value, hint, footer }: { id: string; title: string; value: string | number; hint?: string; footer?: string }) {
  return (
    <Col xs={12} md={8} xl={6}>
      <Card size="small" data-testid={`kpi-${id}`}>
        <Statistic
          title={
            <span>
              {title}
              {hint ? (
                <Tooltip title={hint}>
                  <InfoCircleOutlined style={{ marginLeft: 6 }} />
                </Tooltip>
              ) : null}
            </span>
          }
          value={value}
        />
        {footer ? <Typography.Text type="secondary">{footer}</Typography.Text> : null}
      </Card>
    </Col>
  );
}

/** The period's member and points numbers, and the liability now. */
export function KpiCards({ kpis }: { kpis: MemberKpis }) {
  const { t } = useTranslation('loyalty');
  const n = (v: number) => v.toLocaleString();
  const p = kpis.points;
  return (
    <Row gutter={[12, 12]} data-testid="kpi-cards">
      <Kpi id="members" title={t('settlement.kpi.members.total')} value={n(kpis.members.total)} />
      <Kpi id="new" title={t('settlement.kpi.members.new')} value={n(kpis.members.new)} />
      <Kpi id="active" title={t('settlement.kpi.members.active')} value={n(kpis.members.active)} hint={t('settlement.kpi.activeHint')} />
      <Kpi
        id="liability"
        title={t('settlement.kpi.liability')}
        value={n(kpis.liability.points)}
        footer={formatMoney(kpis.liability.fen)}
        hint={t('settlement.kpi.liabilityHint', { rate: kpis.liability.pointsPerYuan, amount: formatMoney(kpis.liability.fen) })}
      />
      <Kpi id="issued" title={t('settlement.kpi.points.issued')} value={n(p.issued)} hint={t('settlement.kpi.issuedHint')} />
      <Kpi id="earned" title={t('settlement.kpi.points.earned')} value={n(p.earned)} />
      <Kpi id="adjusted" title={t('settlement.kpi.points.adjusted')} value={n(p.adjusted)} />
      <Kpi id="redeemed" title={t('settlement.kpi.points.redeemed')} value={n(p.redeemed)} />
      <Kpi id="expired" title={t('settlement.kpi.points.expired')} value={n(p.expired)} />
      <Kpi id="reversed" title={t('settlement.kpi.points.reversed')} value={n(p.reversed)} />
      <Kpi
        id="redemptions"
        title={t('settlement.kpi.redemptions')}
        value={n(kpis.redemptions.count)}
        footer={`${t('settlement.kpi.cancelled')} ${n(kpis.redemptions.cancelled)} · ${t('settlement.kpi.redeemedPoints')} ${n(kpis.redemptions.points)}`}
      />
    </Row>
  );
}
