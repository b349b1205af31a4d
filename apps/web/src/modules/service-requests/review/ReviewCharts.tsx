import { Card, Col, Empty, Row, Table, Tabs } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import type { Review } from '../api';
import { useRequestLabels } from '../labels';
import { Chart } from './Chart';

type Compared = Review['byType'][number] | Review['byChannel'][number] | Review['byStatus'][number];

/** Current against previous period, one pair of bars per key. */
function pairOption(rows: Compared[], name: (k: string) => string, current: string, last: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [current, last] },
    grid: { left: 40, right: 16, bottom: 60, top: 40 },
    xAxis: { type: 'category', data: rows.map((r) => name(r.key)), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: current, type: 'bar', data: rows.map((r) => r.current.total) },
      { name: last, type: 'bar', data: rows.map((r) => r.previous.total), itemStyle: { opacity: 0.45 } },
    ],
  };
}

/** The review's charts: by type, channel and status (period over period), per day, and the top causes. */
export function ReviewCharts({ review }: { review: Review }) {
  const { t } = useTranslation('requests');
  const { label } = useRequestLabels();
  const current = t('review.current');
  const last = t('review.last');
  const causeColumns = <K extends string>(first?: { key: K; title: string; render: (r: Record<K, unknown>) => string }) => [
    ...(first ? [{ key: first.key, title: first.title, render: (_: unknown, r: Record<K, unknown>) => first.render(r) }] : []),
    { key: 'cause', title: t('review.cause'), dataIndex: 'cause' },
    { key: 'current', title: current, dataIndex: 'current' },
    { key: 'previous', title: last, dataIndex: 'previous' },
  ];
  const causes = review.topCauses;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('review.byType')}>
          <Chart testId="chart-by-type" option={pairOption(review.byType, (k) => label('type', k), current, last)} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('review.byChannel')}>
          <Chart
            testId="chart-by-channel"
            option={{
              tooltip: { trigger: 'item' },
              legend: { bottom: 0 },
              series: [{ type: 'pie', radius: ['40%', '70%'], data: review.byChannel.map((r) => ({ name: label('channel', r.key), value: r.current.total })) }],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card size="small" title={t('review.daily')}>
          <Chart
            testId="chart-daily"
            option={{
              tooltip: { trigger: 'axis' },
              legend: { top: 0, data: [t('review.total'), t('review.breaches')] },
              grid: { left: 40, right: 16, bottom: 30, top: 40 },
              xAxis: { type: 'category', data: review.daily.map((d) => d.date.slice(5)) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [
                { name: t('review.total'), type: 'line', smooth: true, data: review.daily.map((d) => d.count) },
                { name: t('review.breaches'), type: 'bar', data: review.daily.map((d) => d.breaches), itemStyle: { color: '#e5484d' } },
              ],
            }}
          />
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('review.byStatus')}>
          <Chart testId="chart-by-status" option={pairOption(review.byStatus, (k) => label('status', k), current, last)} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title={t('review.topCauses')} data-testid="review-causes">
          {!causes.overall.length ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Tabs
              items={[
                {
                  key: 'overall',
                  label: t('review.causesOverall'),
                  children: (
                    <Chart
                      testId="chart-causes"
                      height={Math.max(160, causes.overall.length * 36)}
                      option={{
                        tooltip: { trigger: 'axis' },
                        legend: { top: 0, data: [current, last] },
                        grid: { left: 120, right: 24, top: 30, bottom: 20 },
                        xAxis: { type: 'value', minInterval: 1 },
                        yAxis: { type: 'category', inverse: true, data: causes.overall.map((c) => c.cause) },
                        series: [
                          { name: current, type: 'bar', data: causes.overall.map((c) => c.current) },
                          { name: last, type: 'bar', data: causes.overall.map((c) => c.previous), itemStyle: { opacity: 0.45 } },
                        ],
                      }}
                    />
                  ),
                },
                {
                  key: 'store',
                  label: t('review.causesByStore'),
                  children: (
                    <Table size="small" pagination={false} rowKey={(r) => `${r.storeId}-${r.cause}`} dataSource={causes.byStore}
                      columns={causeColumns<'storeName'>({ key: 'storeName', title: t('review.store'), render: (r) => String(r.storeName ?? t('review.headStore')) })} />
                  ),
                },
                {
                  key: 'type',
                  label: t('review.causesByType'),
                  children: (
                    <Table size="small" pagination={false} rowKey={(r) => `${r.type}-${r.cause}`} dataSource={causes.byType}
                      columns={causeColumns<'type'>({ key: 'type', title: t('review.type'), render: (r) => label('type', String(r.type)) })} />
                  ),
                },
                {
                  key: 'product',
                  label: t('review.causesByProduct'),
                  children: (
                    <Table size="small" pagination={false} rowKey={(r) => `${r.productId}-${r.cause}`} dataSource={causes.byProduct}
                      columns={causeColumns<'productId'>({ key: 'productId', title: t('field.productId'), render: (r) => String(r.productId).slice(0, 8) })} />
                  ),
                },
              ]}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
