import { useMemo } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { RollbackOutlined } from '@ant-design/icons';
import type { TargetProgressDto } from '@jiake/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../../shared/components/PageHeader';
import { NotFoundResult } from '../../../shared/components/NotFoundResult';
import { useCan } from '../../../shared/auth/access';
import { formatMoney } from '../../../shared/format/money';
import { useTargetProgress } from '../api';
import { isPeriod, kindOf, periodOf, periodStart } from '../period';
import { PeriodPicker } from '../components/PeriodPicker';
import { ProgressBar } from '../components/ProgressBar';
import { TargetTreeTable } from '../components/TargetTreeTable';
import { buildTree } from '../components/tree';

function usePeriodLabel() {
  const { t } = useTranslation('targets');
  return (period: string) => {
    const d = periodStart(period);
    const kind = kindOf(period);
    return t(`period.${kind}`, { year: d.year(), month: d.month() + 1, quarter: Math.floor(d.month() / 3) + 1 });
  };
}

/** The top of the tree in figures: its target, signed sales with the progress bar, won and weighted pipeline. */
function Summary({ data }: { data: TargetProgressDto }) {
  const { t } = useTranslation('targets');
  const top = data.nodes.find((n) => n.parentKey === null);
  if (!top) return null;
  return (
    <Card style={{ marginBottom: 16 }} data-testid="target-summary">
      <Row gutter={[24, 16]} align="middle">
        <Col xs={12} lg={5}>
          <Statistic title={t('summary.target')} value={top.effectiveTargetFen === null ? '—' : formatMoney(top.effectiveTargetFen)} />
        </Col>
        <Col xs={12} lg={5}>
          <Statistic title={t('summary.orders')} value={formatMoney(top.ordersFen)} />
        </Col>
        <Col xs={12} lg={4}>
          <Statistic title={t('summary.won')} value={top.wonFen === null ? '—' : formatMoney(top.wonFen)} />
        </Col>
        <Col xs={12} lg={4}>
          <Statistic title={t('summary.weighted')} value={top.weightedFen === null ? '—' : formatMoney(top.weightedFen)} />
        </Col>
        <Col xs={24} lg={6}>
          <Flex vertical gap={4}>
            <ProgressBar pct={top.ordersPct} expected={data.expectedPct} testId="target-summary-progress" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="target-expected">
              {t('expected', { elapsed: data.elapsedDays, total: data.totalDays, pct: data.expectedPct })}
            </Typography.Text>
          </Flex>
        </Col>
      </Row>
    </Card>
  );
}

/** 销售目标 (STAFF-1): targets of the org tree under a unit for a period, rolled up, with progress. */
export default function TargetsPage() {
  const { t } = useTranslation('targets');
  const label = usePeriodLabel();
  const canEdit = useCan('targets:edit');
  const [params, setParams] = useSearchParams();
  const period = isPeriod(params.get('period') ?? undefined) ? params.get('period')! : periodOf('month');
  const unitId = params.get('unitId') ?? undefined;
  const q = useTargetProgress(period, unitId);
  const rows = useMemo(() => buildTree(q.data?.nodes ?? []), [q.data]);
  // Drilling down adds a history entry, so the browser's back button climbs up again.
  const go = (patch: Record<string, string | undefined>, push = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: !push });
  };
  return (
    <>
      <PageHeader
        title={t('title')}
        subTitle={label(period)}
        extra={
          <>
            {unitId ? (
              <Button icon={<RollbackOutlined />} onClick={() => go({ unitId: undefined }, true)} data-testid="target-back">
                {t('backToMine')}
              </Button>
            ) : null}
            <PeriodPicker value={period} onChange={(p) => go({ period: p })} />
          </>
        }
      />
      {q.isError ? (
        <NotFoundResult title={t('loadFailed')} backTo="/targets" backText={t('backToMine')} />
      ) : (
        <>
          {q.data && !q.data.pipelineAvailable ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('pipelineUnavailable')} /> : null}
          {q.data ? <Summary data={q.data} /> : null}
          <Card>
            <TargetTreeTable rows={rows} period={period} expectedPct={q.data?.expectedPct ?? 0} canEdit={canEdit} loading={q.isFetching} onDrillDown={(id) => go({ unitId: id }, true)} />
          </Card>
        </>
      )}
    </>
  );
}
