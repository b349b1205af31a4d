import { Col, DatePicker, Flex, Row, Spin } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../shared/auth/access';
import { useCurrentUser } from '../../../shared/auth/me';
import { PageHeader } from '../../../shared/components/PageHeader';
import { DATE_FORMAT } from '../../../shared/format/date';
import { useUrlFilters } from '../../../shared/hooks/useUrlFilters';
import { StoreSelect } from '../../org';
import { useMemberKpis } from '../settlement.api';
import { KpiCards } from '../components/KpiCards';
import { KpiTierMix } from '../components/KpiTierMix';
import { KpiTopGifts } from '../components/KpiTopGifts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Today in Beijing time: periods are the tenant's calendar days wherever the browser is. */
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * 会员指标: new and active members, points issued / redeemed / expired / reversed, the points liability, redemptions
 * and top gifts over a period, and the tier mix; managers above a store may look at one store.
 */
export default function MemberKpisPage() {
  const { t } = useTranslation('loyalty');
  const me = useCurrentUser();
  const canPickStore = useCan('org:view') && !!me && me.unit.kind !== 'store' && me.dataScope !== 'unit' && me.dataScope !== 'own';
  const { filters, update } = useUrlFilters<{ from?: string; to?: string; storeId?: string }>(['from', 'to', 'storeId']);
  const today = shanghaiToday();
  const from = filters.from && DAY.test(filters.from) ? filters.from : `${today.slice(0, 8)}01`;
  const to = filters.to && DAY.test(filters.to) ? filters.to : today;
  const storeId = canPickStore ? filters.storeId : undefined;
  const { data, isLoading } = useMemberKpis({ from, to, storeId });
  return (
    <>
      <PageHeader
        title={t('settlement.kpi.title')}
        extra={
          <>
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              onChange={(v) => v?.[0] && v[1] && update({ from: v[0].format(DATE_FORMAT), to: v[1].format(DATE_FORMAT) })}
              placeholder={[t('settlement.kpi.period'), t('settlement.kpi.period')]}
              data-testid="kpi-period"
            />
            {canPickStore ? (
              <StoreSelect value={storeId} onChange={(v) => update({ storeId: v })} placeholder={t('settlement.kpi.storeFilter')} style={{ width: 200 }} testId="kpi-store" />
            ) : null}
          </>
        }
      />
      {isLoading || !data ? (
        <Spin />
      ) : (
        <Flex vertical gap={16}>
          <KpiCards kpis={data} />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <KpiTierMix storeId={storeId} />
            </Col>
            <Col xs={24} lg={12}>
              <KpiTopGifts gifts={data.topGifts} />
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
